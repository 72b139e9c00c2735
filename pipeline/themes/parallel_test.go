package themes

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"synergy/pipeline/agenda"
	"synergy/pipeline/rawtable"
)

// TestParallelAgendas tags the shipped agenda items and compares, for every
// meeting and item number that has an English title and a title in another
// language, the themes of the two. Each disagreement is reported and
// docs/tagger.md lists them (go test -run TestParallelAgendas -update rewrites
// the list); the test fails when the list there is stale.
func TestParallelAgendas(t *testing.T) {
	tg := loadDatasets(t)
	files, err := filepath.Glob(filepath.Join("..", "..", "datasets", "meetings", "agendas", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no agenda files: %v", err)
	}
	type key struct{ meeting, item string }
	byItem := map[key]map[string]rawtable.AgendaItem{}
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := agenda.Decode(r, filepath.Base(f))
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, it := range a.Records() {
			k := key{it.MeetingID, it.ItemNumber}
			if byItem[k] == nil {
				byItem[k] = map[string]rawtable.AgendaItem{}
			}
			byItem[k][it.Lang] = it
		}
	}
	var pairs, lines []string
	for k, langs := range byItem {
		en, ok := langs["en"]
		if !ok {
			continue
		}
		for _, l := range Languages {
			other, ok := langs[l]
			if l == "en" || !ok {
				continue
			}
			a, b := themeList(tg.Tag(en.Title, "en")), themeList(tg.Tag(other.Title, l))
			pairs = append(pairs, fmt.Sprintf("%s %s en/%s", k.meeting, k.item, l))
			if a != b {
				lines = append(lines, fmt.Sprintf("| %s | %s | en/%s | %s: %s | %s: %s |", k.meeting, k.item, l, orNone(a), en.Title, orNone(b), other.Title))
			}
		}
	}
	slices.Sort(pairs)
	slices.Sort(lines)
	for _, l := range lines {
		t.Log("disagreement: " + l)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Parallel items (same meeting and item number in English and another language): %d: %s.\n\n", len(pairs), strings.Join(pairs, ", "))
	if len(lines) == 0 {
		b.WriteString("Disagreements: none.\n")
	} else {
		fmt.Fprintf(&b, "Disagreements: %d.\n\n| meeting | item | langs | English themes: title | other themes: title |\n|---|---|---|---|---|\n%s\n", len(lines), strings.Join(lines, "\n"))
	}
	checkDocBlock(t, "parallel", b.String())
}

func themeList(ms []Match) string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ThemeID)
	}
	return strings.Join(ids, ";")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// TestParallelTexts tags testdata/parallel.csv: the same treaty article, heading
// or report paragraph in English and in other languages, each text copied from
// an authentic or aligned source cited on its row. For every group, each other
// language's themes are compared with the English text's; every disagreement is
// reported and docs/tagger.md lists them (go test -run TestParallelTexts -update
// rewrites the list); the test fails when the list there is stale or a group has
// no English text.
func TestParallelTexts(t *testing.T) {
	tg := loadDatasets(t)
	f, err := os.Open(filepath.Join("testdata", "parallel.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type text struct{ lang, text string }
	var groups []string
	byGroup := map[string][]text{}
	for _, r := range recs[1:] {
		if byGroup[r[0]] == nil {
			groups = append(groups, r[0])
		}
		byGroup[r[0]] = append(byGroup[r[0]], text{r[1], r[2]})
	}
	pairs, agree := 0, 0
	var lines []string
	for _, g := range groups {
		i := slices.IndexFunc(byGroup[g], func(x text) bool { return x.lang == "en" })
		if i < 0 {
			t.Errorf("group %q has no English text", g)
			continue
		}
		want := themeList(tg.Tag(byGroup[g][i].text, "en"))
		for _, x := range byGroup[g] {
			if x.lang == "en" {
				continue
			}
			pairs++
			got := themeList(tg.Tag(x.text, x.lang))
			if got == want {
				agree++
				continue
			}
			lines = append(lines, fmt.Sprintf("| %s | en/%s | %s | %s: %s |", g, x.lang, orNone(want), orNone(got), x.text))
		}
	}
	for _, l := range lines {
		t.Log("disagreement: " + l)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Parallel texts (testdata/parallel.csv): %d groups, %d pairs with English, %d agree.\n\n", len(groups), pairs, agree)
	if len(lines) == 0 {
		b.WriteString("Disagreements: none.\n")
	} else {
		fmt.Fprintf(&b, "Disagreements: %d.\n\n| text | langs | English themes | other themes: text |\n|---|---|---|---|\n%s\n", len(lines), strings.Join(lines, "\n"))
	}
	checkDocBlock(t, "parallel-texts", b.String())
}
