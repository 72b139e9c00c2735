package treaty

import (
	"encoding/csv"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestShippedInstrumentNames reads instrument_names.csv, applies it to the shipped
// instruments and checks the names a French or Spanish report shows.
func TestShippedInstrumentNames(t *testing.T) {
	ins, err := ReadInstruments(open(t, "instruments.csv"), "instruments.csv")
	if err != nil {
		t.Fatal(err)
	}
	names, err := ReadInstrumentNames(open(t, "instrument_names.csv"), "instrument_names.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := ApplyNames(ins, names); err != nil {
		t.Fatal(err)
	}
	by := map[string]map[string]string{}
	count := map[string]int{}
	for _, in := range ins {
		m := map[string]string{}
		for k, p := range map[string]*string{
			"short_fr": in.ShortNameFR, "short_es": in.ShortNameES, "full_fr": in.FullNameFR,
			"full_es": in.FullNameES, "acr_fr": in.AcronymFR, "acr_es": in.AcronymES,
		} {
			if p != nil {
				m[k] = *p
				count[k]++
			}
		}
		by[in.InstrumentID] = m
		if len(m) > 0 && (in.NamesFrEsSourceURL == nil || *in.NamesFrEsSourceURL == "") {
			t.Errorf("%s has translated names but no source", in.InstrumentID)
		}
	}
	checks := []struct{ id, key, want string }{
		{"CCW", "acr_es", "CCAC"},
		{"CCW", "acr_fr", "CCAC"},
		{"CCW", "short_fr", "Convention sur certaines armes classiques"},
		{"CCM", "acr_es", "CMR"},
		{"ATT", "acr_fr", "TCA"},
		{"ATT", "short_es", "Tratado sobre el Comercio de Armas"},
		{"CCW-PV", "full_fr", "Protocole relatif aux restes explosifs de guerre à la Convention sur l'interdiction ou la limitation de l'emploi de certaines armes classiques qui peuvent être considérées comme produisant des effets traumatiques excessifs ou comme frappant sans discrimination (Protocole V)"},
		{"APMBC", "acr_fr", ""}, // no source gives one: left empty
		{"CRPD", "short_es", "Convención sobre los Derechos de las Personas con Discapacidad"},
		{"CCW-APII", "acr_es", ""},
	}
	for _, c := range checks {
		if got := by[c.id][c.key]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.id, c.key, got, c.want)
		}
	}
	want := map[string]int{"short_fr": 7, "short_es": 7, "full_fr": 7, "full_es": 7, "acr_fr": 2, "acr_es": 3}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%d instruments have %s, want %d", count[k], k, n)
		}
	}
}

// TestShippedBodyNames checks that every body named in meeting_body_names.csv is a
// body that the shipped meetings carry, and the names of two of them.
func TestShippedBodyNames(t *testing.T) {
	bodies, err := ReadBodyNames(open(t, "meeting_body_names.csv"), "meeting_body_names.csv")
	if err != nil {
		t.Fatal(err)
	}
	inMeetings := map[string]bool{}
	paths, err := filepath.Glob("../../datasets/meetings/meetings*.csv")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no meetings files: %v", err)
	}
	for _, p := range paths {
		recs, err := csv.NewReader(open(t, strings.TrimPrefix(p, "../../datasets/"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			inMeetings[r[0]+" "+r[1]] = true // instrument, body
		}
	}
	names := map[string]string{}
	langs := map[string]int{}
	for _, b := range bodies {
		if !inMeetings[b.InstrumentID+" "+b.Body] {
			t.Errorf("%s %s: no meeting has this body", b.InstrumentID, b.Body)
		}
		names[b.InstrumentID+" "+b.Body+" "+b.Lang] = b.Name
		langs[b.Lang]++
	}
	if langs["fr"] != 9 || langs["es"] != 6 {
		t.Errorf("names per language = %v, want fr 9, es 6", langs)
	}
	for k, want := range map[string]string{
		"CCW MHCP fr":   "Réunion des Hautes Parties contractantes",
		"ATT CSP es":    "Conferencia de los Estados Partes",
		"APMBC MSP fr":  "Assemblée des États parties",
		"CCW MHCP es":   "", // not found
		"CCW RevCon es": "Conferencia de Examen",
	} {
		if names[k] != want {
			t.Errorf("%s = %q, want %q", k, names[k], want)
		}
	}
}

func TestReadNamesErrors(t *testing.T) {
	const inst = "instrument_id,lang,short_name,full_name,acronym,source_url,note\n"
	const body = "instrument_id,body,lang,name,source_url,note\n"
	tests := []struct {
		name string
		read func(string) error
		in   string
		want error
	}{
		{"unknown instrument", readInst, inst + "XYZ,fr,a,b,c,u,\n", ErrUnknownInstrument},
		{"unknown language", readInst, inst + "CCW,de,a,b,c,u,\n", ErrLang},
		{"no source", readInst, inst + "CCW,fr,a,b,c,,\n", ErrEmpty},
		{"no name at all", readInst, inst + "CCW,fr,,,,u,\n", ErrEmpty},
		{"same instrument and language twice", readInst, inst + "CCW,fr,a,,,u,\nCCW,fr,b,,,u,\n", ErrDuplicate},
		{"missing column", readInst, "instrument_id,lang\nCCW,fr\n", ErrMissingColumn},
		{"body without source", readBody, body + "CCW,MHCP,fr,n,,\n", ErrEmpty},
		{"body twice", readBody, body + "CCW,MHCP,fr,n,u,\nCCW,MHCP,fr,m,u,\n", ErrDuplicate},
		{"body of unknown instrument", readBody, body + "XYZ,MSP,fr,n,u,\n", ErrUnknownInstrument},
		{"good rows", readBody, body + "CCW,MHCP,fr,n,u,\nCCW,MHCP,es,m,u,\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.read(tc.in)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
			var pe *ParseError
			if tc.want != nil && !errors.As(err, &pe) {
				t.Errorf("error %v is not a *ParseError", err)
			}
		})
	}
}

func readInst(s string) error {
	_, err := ReadInstrumentNames(strings.NewReader(s), "instrument_names.csv")
	return err
}

func readBody(s string) error {
	_, err := ReadBodyNames(strings.NewReader(s), "meeting_body_names.csv")
	return err
}

func TestApplyNamesUnknown(t *testing.T) {
	err := ApplyNames(nil, []InstrumentName{{InstrumentID: "CCW", Lang: "fr", ShortName: "x", SourceURL: "u"}})
	if !errors.Is(err, ErrUnknownInstrument) {
		t.Errorf("ApplyNames on no instruments = %v, want ErrUnknownInstrument", err)
	}
}
