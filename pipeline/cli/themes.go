package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"synergy/pipeline/themes"
)

// themesCmd implements `synergy themes [--lang xx] [--explain] [--datasets DIR]`: it
// reads one text per line on stdin and prints, for each, one line with its theme ids
// joined by commas (an empty line when none). Without --lang the language of each
// line is guessed from its script (themes.Guess). With --explain each input line
// gets a header line and one indented line per term found in it, saying where.
func themesCmd(e env, args []string) int {
	fs := newFlags(e, "themes", "< texts", "Reads one text per line on stdin and prints one line per text with its theme ids,\nseparated by commas (an empty line when none), using --datasets/themes.csv and\n--datasets/theme_terms.csv.")
	lang := fs.String("lang", "", "language of the texts: ar, zh, en, fr, es or ru (default: guessed per line)")
	datasets := fs.String("datasets", "datasets", "folder with themes.csv and theme_terms.csv")
	explain := fs.Bool("explain", false, "print, per input line, every term found and where (normalised words or characters)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy themes: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	if *lang != "" && !strings.Contains(" ar zh en fr es ru ", " "+*lang+" ") {
		fmt.Fprintf(e.stderr, "synergy themes: --lang %q: want one of %s\n", *lang, strings.Join(themes.Languages, ", "))
		return ExitUsage
	}
	th, err := os.Open(filepath.Join(*datasets, "themes.csv"))
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy themes:", err)
		return ExitFailure
	}
	defer th.Close()
	tr, err := os.Open(filepath.Join(*datasets, "theme_terms.csv"))
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy themes:", err)
		return ExitFailure
	}
	defer tr.Close()
	tagger, err := themes.Load(th, tr)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy themes:", err)
		return ExitFailure
	}
	out := bufio.NewWriter(e.stdout)
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := *lang
		if l == "" {
			l = themes.Guess(sc.Text())
		}
		ms := tagger.Tag(sc.Text(), l)
		ids := make([]string, len(ms))
		for i, m := range ms {
			ids[i] = m.ThemeID
		}
		if !*explain {
			fmt.Fprintln(out, strings.Join(ids, ","))
			continue
		}
		fmt.Fprintf(out, "line %d (%s): %s\n", n, orDash(l), orDash(strings.Join(ids, ",")))
		for _, h := range tagger.Explain(sc.Text(), l) {
			fmt.Fprintf(out, "  %s: term %q (%s) at %ss %d-%d: %q\n", h.ThemeID, h.Term, h.Match, h.Unit, h.Start+1, h.End, h.Text)
		}
	}
	if err := sc.Err(); err != nil {
		out.Flush()
		fmt.Fprintln(e.stderr, "synergy themes: read stdin:", err)
		return ExitFailure
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(e.stderr, "synergy themes: write:", err)
		return ExitFailure
	}
	return ExitOK
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
