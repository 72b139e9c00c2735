package formats

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"synergy/pipeline/civil"
	"synergy/pipeline/states"
)

func TestTable(t *testing.T) {
	names := Names()
	if len(names) != len(table) {
		t.Fatalf("Names() has %d names, the table %d rows", len(names), len(table))
	}
	for _, name := range names {
		f, ok := Lookup(name)
		if !ok || f.Name != name {
			t.Errorf("Lookup(%q) = %+v, %v", name, f, ok)
			continue
		}
		if (f.Read == nil) == (f.PairedWith == "") {
			t.Errorf("%s: a format has either a reader or a pair, not both or neither", name)
		}
		if p, ok := Lookup(f.PairedWith); f.PairedWith != "" && (!ok || p.PairedWith != name) {
			t.Errorf("%s: pair %q does not pair back", name, f.PairedWith)
		}
	}
	if sorted := slices.Sorted(slices.Values(names)); len(slices.Compact(sorted)) != len(names) {
		t.Errorf("a name is in the table twice: %v", names)
	}
	if _, ok := Lookup("xls"); ok {
		t.Error("Lookup(xls) found a format")
	}
}

func TestGuess(t *testing.T) {
	tests := []struct{ name, want string }{
		{"feeds/indico.ics", "ics"},
		{"untc/CCM.HTML", "untc"},
		{"untc/ccm.htm", "untc"},
		{"meetings/agendas/APMBC_10MSP.en.txt", "agenda"},
		{"meetings/meetings_added.csv", "meetings"},
		{"obligations/obligations.csv", "obligations"},
		{"datasets/states.csv", "states"},
		{"theme_terms.csv", "theme_terms"},
		{"instrument_articles.csv", "instrument_articles"},
		{"membership/crpd.csv", "membership"},
		{"notes.txt", ""},
		{"data.xlsx", ""},
	}
	for _, tc := range tests {
		got, ok := Guess(tc.name)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Guess(%q) = %q, %v; want %q", tc.name, got, ok, tc.want)
		}
	}
}

// TestReadShipped reads one shipped file of each per-file format through the table
// and checks the count of rows of its kind.
func TestReadShipped(t *testing.T) {
	resolver := loadStates(t)
	env := Env{States: resolver, AsOf: civil.Date(2026, 2, 3)}
	tests := []struct {
		format, file string
		count        func(*Rows) int
		want         int
	}{
		// crpd.csv has 196 rows, one of them the European Union (a reject).
		{"membership", "membership/crpd.csv", func(r *Rows) int { return len(r.Participation) + len(r.Rejects) }, 196},
		{"instruments", "instruments.csv", func(r *Rows) int { return len(r.Instruments) }, 7},
		// The CCM page: 125 participant rows (SOURCES in datasets/untc/README.md).
		{"untc", "untc/ccm.html", func(r *Rows) int { return len(r.Page.Participants) }, 125},
		{"agenda", "meetings/agendas/APMBC_10MSP.en.txt", func(r *Rows) int { return len(r.Agenda.Records()) - len(r.Agenda.Items) }, 0},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			f, _ := Lookup(tc.format)
			rows := read(t, f, filepath.Join("../../datasets", tc.file), tc.file, env)
			if got := tc.count(rows); got != tc.want {
				t.Errorf("%s: count %d, want %d", tc.file, got, tc.want)
			}
		})
	}
}

// TestReadCites checks that rows and rejects cite the name the reader was given,
// not the agenda's base name or the decoder's.
func TestReadCites(t *testing.T) {
	f, _ := Lookup("agenda")
	rows := read(t, f, "../agenda/testdata/crlf_bom_rejects/CCW_SYN-1.en.txt", "agendas/CCW_SYN-1.en.txt", Env{})
	if len(rows.Rejects) == 0 {
		t.Fatal("no rejects from crlf_bom_rejects")
	}
	for _, r := range rows.Rejects {
		if r.SourceFile != "agendas/CCW_SYN-1.en.txt" || r.Raw == "" {
			t.Errorf("reject %+v: want the cited name and its raw line", r)
		}
	}
	for _, it := range rows.Agenda.Records() {
		if it.SourceFile != "agendas/CCW_SYN-1.en.txt" || it.MeetingID != "CCW_SYN-1" {
			t.Errorf("record %+v: want the cited name", it)
		}
	}

	f, _ = Lookup("ics")
	rows = read(t, f, "../ics/testdata/bad_rows/input.ics", "feeds/bad.ics", Env{AsOf: civil.Date(2026, 1, 1)})
	if len(rows.Rejects) == 0 {
		t.Fatal("no rejects from bad_rows")
	}
	for _, r := range rows.Rejects {
		if r.SourceFile != "feeds/bad.ics" || r.Reason == "" || strings.HasPrefix(r.Reason, "feeds/bad.ics") {
			t.Errorf("reject %+v: want the cited name and the reason alone", r)
		}
	}
}

func read(t *testing.T, f Format, path, name string, env Env) *Rows {
	t.Helper()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	rows, err := f.Read(in, name, env)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func loadStates(t *testing.T) *states.Resolver {
	t.Helper()
	a, err := os.Open("../../datasets/states.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := os.Open("../../datasets/state_names.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r, err := states.Load(a, b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
