package treaty

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("../../datasets/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestShippedCatalogues(t *testing.T) {
	ins, err := ReadInstruments(open(t, "instruments.csv"), "instruments.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != len(IDs) {
		t.Fatalf("%d instruments, want the %d of DESIGN §2", len(ins), len(IDs))
	}
	for _, in := range ins {
		if in.InstrumentID == "CCW-PV" || in.InstrumentID == "CCW-APII" {
			if in.ParentID == nil || *in.ParentID != "CCW" || in.Family != "CCW" {
				t.Errorf("%s: parent %v family %q, want CCW", in.InstrumentID, in.ParentID, in.Family)
			}
		}
		// APMBC entered into force on 1 March 1999 (UNTC XXVI-5 header).
		if in.InstrumentID == "APMBC" && (in.EntryIntoForceDate == nil || in.EntryIntoForceDate.String() != "1999-03-01") {
			t.Errorf("APMBC entry into force = %v, want 1999-03-01", in.EntryIntoForceDate)
		}
	}
	arts, err := ReadArticles(open(t, "instrument_articles.csv"), "instrument_articles.csv")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, a := range arts {
		found[a.InstrumentID+" "+a.Article] = a.Theme
	}
	// DESIGN §2: the clearance and victim-assistance articles of each instrument.
	for key, theme := range map[string]string{
		"APMBC 5": "clearance", "APMBC 6.3": "victim_assistance", "CCM 4": "clearance",
		"CCM 5": "victim_assistance", "CCW-APII 10": "clearance", "CCW-PV 3": "clearance",
		"CCW-PV 8.2": "victim_assistance",
	} {
		if found[key] != theme {
			t.Errorf("article %s: theme %q, want %q", key, found[key], theme)
		}
	}
	st, err := ReadStandingAgendas(open(t, "standing_agendas.csv"), "standing_agendas.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(st) == 0 {
		t.Fatal("no standing agenda rows")
	}
}

func TestReadErrors(t *testing.T) {
	header := "instrument_id,short_name,full_name,family,parent_instrument_id,adopted_date,entry_into_force_date,depositary,untc_id,eif_rule,source_url\n"
	tests := []struct {
		name, in string
		want     error
		line     int
		field    string
	}{
		{"missing column", "instrument_id,short_name\n", ErrMissingColumn, 1, "full_name"},
		{"unknown instrument", header + "XYZ,a,b,c,,,,d,,r,u\n", ErrUnknownInstrument, 2, "instrument_id"},
		{"bad date", header + "CCM,a,b,CCM,,2008-02-30,,d,,r,u\n", ErrBadDate, 2, "adopted_date"},
		{"duplicate", header + "CCM,a,b,CCM,,,,d,,r,u\nCCM,a,b,CCM,,,,d,,r,u\n", ErrDuplicate, 3, "instrument_id"},
		{"empty source", header + "CCM,a,b,CCM,,,,d,,r,\n", ErrEmpty, 2, "source_url"},
		{"duplicate column", "family," + header, ErrDuplicateColumn, 1, "family"},
		{"a byte-order mark is not part of the first name", "\ufeff" + header + "XYZ,a,b,c,,,,d,,r,u\n", ErrUnknownInstrument, 2, "instrument_id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadInstruments(strings.NewReader(tc.in), "instruments.csv")
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != tc.line || pe.Field != tc.field || pe.File != "instruments.csv" {
				t.Errorf("error %+v, want line %d field %s", pe, tc.line, tc.field)
			}
		})
	}
}

func FuzzReadInstruments(f *testing.F) {
	if b, err := os.ReadFile("../../datasets/instruments.csv"); err == nil {
		f.Add(string(b))
	}
	f.Add("instrument_id,short_name\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := ReadInstruments(strings.NewReader(in), "instruments.csv")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a *ParseError: %v", err)
			}
			return
		}
		for _, r := range rows {
			if !Known(r.InstrumentID) || r.SourceURL == "" {
				t.Fatalf("accepted invalid row %+v", r)
			}
		}
	})
}
