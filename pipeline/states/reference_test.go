package states

import (
	"encoding/csv"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// referenceDir is the shipped datasets folder (copies of the reference files), relative to this package.
var referenceDir = filepath.Join("..", "..", "datasets")

// nonStates are names in the reference files that are not states and must not resolve.
var nonStates = map[string]bool{
	"European Union": true, // crpd.csv: a regional integration organization, no iso3
}

// referenceFile opens a file under referenceDir, skipping the test when the shared
// reference folder is not mounted.
func referenceFile(t *testing.T, rel string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(referenceDir, rel))
	if os.IsNotExist(err) {
		t.Fatalf("reference file %s not present", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func referenceGlob(t *testing.T, pattern string) []string {
	t.Helper()
	if _, err := os.Stat(referenceDir); os.IsNotExist(err) {
		t.Fatalf("%s not present", referenceDir)
	}
	paths, err := filepath.Glob(filepath.Join(referenceDir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no reference files match %s", pattern)
	}
	var rel []string
	for _, p := range paths {
		r, err := filepath.Rel(referenceDir, p)
		if err != nil {
			t.Fatal(err)
		}
		rel = append(rel, r)
	}
	return rel
}

// csvColumn calls fn with the line number and the named columns of every data row.
func csvColumns(t *testing.T, rel string, cols []string, fn func(line int, vals []string)) {
	t.Helper()
	cr := csv.NewReader(referenceFile(t, rel))
	header, err := cr.Read()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = -1
		for j, h := range header {
			if h == c {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			t.Fatalf("%s: no column %q in %q", rel, c, header)
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		line, _ := cr.FieldPos(0)
		vals := make([]string, len(idx))
		for i, j := range idx {
			vals[i] = rec[j]
		}
		fn(line, vals)
	}
}

// TestReferenceNamesResolve checks that every state name in the membership and
// obligations CSVs resolves, to the CSV's own iso3 where the row gives one.
func TestReferenceNamesResolve(t *testing.T) {
	r := datasets(t)
	files := append(referenceGlob(t, filepath.Join("membership", "*.csv")),
		filepath.Join("obligations", "obligations.csv"))
	for _, rel := range files {
		t.Run(rel, func(t *testing.T) {
			rows := 0
			csvColumns(t, rel, []string{"state_name", "iso3"}, func(line int, v []string) {
				rows++
				name, iso3 := v[0], v[1]
				got, ok := r.Resolve(name)
				switch {
				case nonStates[name]:
					if ok || iso3 != "" {
						t.Errorf("%s:%d: non-state %q resolved to %q (iso3 %q)", rel, line, name, got, iso3)
					}
				case !ok:
					t.Errorf("%s:%d: %q does not resolve", rel, line, name)
				case iso3 != "" && got != iso3:
					t.Errorf("%s:%d: %q resolves to %s but the row's iso3 is %s", rel, line, name, got, iso3)
				}
			})
			if rows == 0 {
				t.Errorf("%s: no rows", rel)
			}
		})
	}
}

// TestReferenceMeetingCountriesResolve checks the host countries of the meetings.
func TestReferenceMeetingCountriesResolve(t *testing.T) {
	r := datasets(t)
	for _, rel := range referenceGlob(t, filepath.Join("meetings", "meetings*.csv")) {
		t.Run(rel, func(t *testing.T) {
			csvColumns(t, rel, []string{"country"}, func(line int, v []string) {
				if v[0] == "" {
					return // no host country given (e.g. meetings.csv 7RC)
				}
				if _, ok := r.Resolve(v[0]); !ok {
					t.Errorf("%s:%d: country %q does not resolve", rel, line, v[0])
				}
			})
		})
	}
}

var (
	participantHeader = regexp.MustCompile(`(?is)<td[^>]*>\s*Participant\s*(?:<br\s*/?>)?\s*</td>`)
	tableEnd          = regexp.MustCompile(`(?i)</table>`)
	tableRow          = regexp.MustCompile(`(?is)<tr[^>]*>(.*?)</tr>`)
	tableCell         = regexp.MustCompile(`(?is)<td[^>]*>(.*?)</td>`)
	htmlTag           = regexp.MustCompile(`(?s)<[^>]*>`)
)

// untcParticipants returns the first cell of every row of the tables headed
// "Participant" on a UN Treaty Collection status page, as text with the footnote
// numbers still attached ("Montenegro 6").
func untcParticipants(page string) []string {
	var names []string
	for _, loc := range participantHeader.FindAllStringIndex(page, -1) {
		rest := page[loc[1]:]
		if end := tableEnd.FindStringIndex(rest); end != nil {
			rest = rest[:end[0]]
		}
		for _, row := range tableRow.FindAllStringSubmatch(rest, -1) {
			cell := tableCell.FindStringSubmatch(row[1])
			if cell == nil {
				continue
			}
			text := html.UnescapeString(htmlTag.ReplaceAllString(cell[1], " "))
			if text = strings.Join(strings.Fields(text), " "); text != "" {
				names = append(names, text)
			}
		}
	}
	return names
}

// TestReferenceUNTCParticipantsResolve checks every participant on the depositary's
// status pages, footnote numbers included.
func TestReferenceUNTCParticipantsResolve(t *testing.T) {
	r := datasets(t)
	// Participant rows per page: the counts in untc/README.md, except that ccm.html
	// also keeps a row for Lithuania with bracketed dates (participation ended), which
	// the README's 124 leaves out; ccw.html has a second table (Protocols I-III) with
	// 126 rows.
	// apmbc.html has 166 rows (README) and crpd.html 196, the European Union among them.
	want := map[string]int{"att.html": 142, "ccm.html": 124 + 1, "ccw.html": 132 + 126, "ccw_p2a.html": 107, "ccw_p5.html": 99,
		"apmbc.html": 166, "crpd.html": 196}
	for _, rel := range referenceGlob(t, filepath.Join("untc", "*.html")) {
		t.Run(rel, func(t *testing.T) {
			page, err := io.ReadAll(referenceFile(t, rel))
			if err != nil {
				t.Fatal(err)
			}
			names := untcParticipants(string(page))
			if n, ok := want[filepath.Base(rel)]; ok && len(names) != n {
				t.Errorf("%s: %d participant rows; want %d", rel, len(names), n)
			}
			for _, name := range names {
				_, ok := r.Resolve(name)
				if nonStates[name] {
					if ok {
						t.Errorf("%s: %q is not a state but resolves", rel, name)
					}
					continue
				}
				if !ok {
					t.Errorf("%s: participant %q does not resolve", rel, name)
				}
			}
		})
	}
}
