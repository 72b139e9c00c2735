package untc

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.json and want_err.txt")

// goldenPage is the JSON form of a decoded page in want.json: dates as YYYY-MM-DD,
// rejects as their messages, and the withdrawals the notes record.
type goldenPage struct {
	Title               string
	TreatyID            string
	DeclaredSignatories *int `json:",omitempty"`
	DeclaredParties     *int `json:",omitempty"`
	Participants        []goldenParticipant
	Footnotes           []Footnote
	Withdrawals         []goldenWithdrawal `json:",omitempty"`
	Rejects             []string           `json:",omitempty"`
}

type goldenParticipant struct {
	Line                 int
	Name                 string
	Footnotes            []string `json:",omitempty"`
	Signature            string   `json:",omitempty"`
	SignatureBracketed   bool     `json:",omitempty"`
	Provisional          string   `json:",omitempty"`
	ProvisionalBracketed bool     `json:",omitempty"`
	Consent              string   `json:",omitempty"`
	ConsentKind          Kind     `json:",omitempty"`
	ConsentBracketed     bool     `json:",omitempty"`
}

type goldenWithdrawal struct {
	Name, FootnoteRef, Notified, Effective, Text string
}

func day(d *civil.Day) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func toGolden(p *Page) goldenPage {
	g := goldenPage{Title: p.Title, TreatyID: p.TreatyID, DeclaredSignatories: p.DeclaredSignatories,
		DeclaredParties: p.DeclaredParties, Footnotes: p.Footnotes}
	for _, pt := range p.Participants {
		g.Participants = append(g.Participants, goldenParticipant{
			Line: pt.Line, Name: pt.Name, Footnotes: pt.Footnotes,
			Signature: day(pt.Signature), SignatureBracketed: pt.SignatureBracketed,
			Provisional: day(pt.Provisional), ProvisionalBracketed: pt.ProvisionalBracketed,
			Consent: day(pt.Consent), ConsentKind: pt.ConsentKind, ConsentBracketed: pt.ConsentBracketed,
		})
	}
	for _, w := range p.Withdrawals() {
		g.Withdrawals = append(g.Withdrawals, goldenWithdrawal{w.Name, w.FootnoteRef, day(w.Notified), day(w.Effective), w.Text})
	}
	for _, r := range p.Rejects {
		g.Rejects = append(g.Rejects, r.Error())
	}
	return g
}

// caseInput returns the input file of a golden case directory.
// caseInput returns a case's input file: input.html or input.txt, or the shipped page
// that input.source names (a path relative to the case folder), so the real status
// pages are not kept twice.
func caseInput(t *testing.T, dir string) string {
	t.Helper()
	if b, err := os.ReadFile(filepath.Join(dir, "input.source")); err == nil {
		return filepath.Join(dir, strings.TrimSpace(string(b)))
	}
	for _, name := range []string{"input.html", "input.txt"} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	t.Fatalf("%s: no input.html or input.txt", dir)
	return ""
}

func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/input.*")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, w := range dirs {
		dir := filepath.Dir(w)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		t.Run(filepath.Base(dir), func(t *testing.T) {
			in := caseInput(t, dir)
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Decode(bytes.NewReader(src), filepath.Base(in))
			errPath, jsonPath := filepath.Join(dir, "want_err.txt"), filepath.Join(dir, "want.json")
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Errorf("error %v is not a *ParseError", err)
				}
				compare(t, errPath, []byte(err.Error()+"\n"))
				return
			}
			got, err := json.MarshalIndent(toGolden(p), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			compare(t, jsonPath, append(got, '\n'))
		})
	}
	if len(seen) < 8 {
		t.Errorf("found %d golden cases, want at least 8", len(seen))
	}
}

// compare checks got against the file at path, or rewrites the file under -update.
func compare(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
