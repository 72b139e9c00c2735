package states

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/rawtable"
)

// loadFiles loads a Resolver from two files, failing the test on error.
func loadFiles(t *testing.T, statesPath, namesPath string) *Resolver {
	t.Helper()
	s, err := os.Open(statesPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	n, err := os.Open(namesPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	r, err := Load(s, n)
	if err != nil {
		t.Fatalf("Load(%s, %s): %v", statesPath, namesPath, err)
	}
	return r
}

// datasets loads the project's shipped tables.
func datasets(t *testing.T) *Resolver {
	t.Helper()
	return loadFiles(t, filepath.Join("..", "..", "datasets", "states.csv"),
		filepath.Join("..", "..", "datasets", "state_names.csv"))
}

func TestResolveFixture(t *testing.T) {
	r := loadFiles(t, filepath.Join("testdata", "states.csv"), filepath.Join("testdata", "state_names.csv"))
	tests := []struct {
		name   string
		in     string
		want   string
		wantOK bool
	}{
		{"canonical", "Türkiye", "TUR", true},
		{"diacritics stripped", "Turkiye", "TUR", true},
		{"alias", "Turkey", "TUR", true},
		{"case folded", "TURKEY", "TUR", true},
		{"curly apostrophe in table, straight in input", "Cote d'Ivoire", "CIV", true},
		{"straight in table, curly in input", "Côte d’Ivoire", "CIV", true},
		{"decomposed input", "Co\u0302te d'Ivoire", "CIV", true},
		{"glued footnote", "Netherlands (Kingdom of the)4", "NLD", true},
		{"spaced footnote", "Netherlands (Kingdom of the) 7", "NLD", true},
		{"superscript footnote", "Netherlands¹", "NLD", true},
		{"two footnotes", "Netherlands 1, 2", "NLD", true},
		{"marker footnote", "Netherlands*", "NLD", true},
		{"white space", "  Netherlands \t(Kingdom\u00a0of  the) ", "NLD", true},
		{"leading The", "The Gambia", "GMB", true},
		{"leading the lower case", "the netherlands", "NLD", true},
		{"iso3", "NLD", "NLD", true},
		{"iso3 lower case", " nld ", "NLD", true},
		{"state without optional fields", "Testland", "ZZZ", true},
		{"unknown", "Narnia", "", false},
		{"unknown iso3", "FRA", "", false},
		{"no guessing on prefixes", "Nether", "", false},
		{"no guessing on parenthetical", "Netherlands (Kingdom of)", "", false},
		{"empty", "", "", false},
		{"only footnote", "12", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := r.Resolve(tc.in)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestResolveDatasets(t *testing.T) {
	r := datasets(t)
	// Expected codes are those of the UN M49 overview (datasets/SOURCES-states.md).
	tests := []struct {
		in, want string
	}{
		{"Swaziland", "SWZ"},
		{"Eswatini", "SWZ"},
		{"Turkey", "TUR"},
		{"Türkiye", "TUR"},
		{"The former Yugoslav Republic of Macedonia 1", "MKD"},
		{"North Macedonia", "MKD"},
		{"Netherlands (Kingdom of the)4", "NLD"},
		{"Netherlands", "NLD"},
		{"Czech Republic 3", "CZE"},
		{"Czechia", "CZE"},
		{"St. Lucia", "LCA"},
		{"Saint Lucia", "LCA"},
		{"Bolivia (Plurinational State of)", "BOL"},
		{"Côte d'Ivoire", "CIV"},
		{"Cote d’Ivoire", "CIV"},
		{"Lao People’s Democratic Republic 5", "LAO"},
		{"Democratic Republic of the Congo", "COD"},
		{"Congo", "COG"},
		{"Moldova, Republic of", "MDA"},
		{"Republic of Korea", "KOR"},
		{"Democratic People's Republic of Korea", "PRK"},
		{"State of Palestine", "PSE"},
		{"Holy See", "VAT"},
		{"The Bahamas", "BHS"},
		{"Bahamas (The)", "BHS"},
		{"Montenegro 6", "MNE"},
		{"Niger", "NER"},
		{"Nigeria", "NGA"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := r.Resolve(tc.in)
			if !ok || got != tc.want {
				t.Errorf("Resolve(%q) = %q, %v; want %q, true", tc.in, got, ok, tc.want)
			}
		})
	}
	for _, in := range []string{"European Union", "Kosovo", "Korea", "Congo, Republic of the Democratic", ""} {
		if got, ok := r.Resolve(in); ok {
			t.Errorf("Resolve(%q) = %q, true; want a miss", in, got)
		}
	}
}

func TestDatasetsConsistent(t *testing.T) {
	r := datasets(t)
	if len(r.States()) == 0 || len(r.Names()) == 0 {
		t.Fatalf("empty tables: %d states, %d names", len(r.States()), len(r.Names()))
	}
	for _, s := range r.States() {
		if s.M49Code == nil || s.Region == nil || s.SubRegion == nil {
			t.Errorf("%s: M49 fields missing", s.StateID)
		}
		if got, ok := r.Resolve(s.Name); !ok || got != s.StateID {
			t.Errorf("canonical name %q resolves to %q, %v", s.Name, got, ok)
		}
	}
	for _, n := range r.Names() {
		if got, ok := r.Resolve(n.Name); !ok || got != n.StateID {
			t.Errorf("name %q resolves to %q, %v; want %q", n.Name, got, ok, n.StateID)
		}
	}
}

func TestLoad(t *testing.T) {
	r, err := Load(strings.NewReader("\ufeffstate_id,name,m49_code,region,sub_region,source_url\n"+
		"AAA,Aland,001,R,S,u\n"+
		"BBB,Bland,,,,u\n"),
		strings.NewReader("name,state_id,note,source_url\nOld Aland,AAA,,u\n"))
	if err != nil {
		t.Fatal(err)
	}
	code, region, sub := "001", "R", "S"
	wantStates := []rawtable.State{
		{StateID: "AAA", Name: "Aland", M49Code: &code, Region: &region, SubRegion: &sub, SourceURL: "u"},
		{StateID: "BBB", Name: "Bland", SourceURL: "u"},
	}
	if diff := cmp.Diff(wantStates, r.States()); diff != "" {
		t.Errorf("States() (-want +got):\n%s", diff)
	}
	wantNames := []rawtable.StateName{{Name: "Old Aland", StateID: "AAA", SourceURL: "u"}}
	if diff := cmp.Diff(wantNames, r.Names()); diff != "" {
		t.Errorf("Names() (-want +got):\n%s", diff)
	}
	// The returned slices are copies.
	r.Names()[0].StateID = "BBB"
	if got, _ := r.Resolve("Old Aland"); got != "AAA" {
		t.Errorf("Names() shares its backing array: Resolve = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	const sh = "state_id,name,m49_code,region,sub_region,source_url\n"
	const nh = "name,state_id,note,source_url\n"
	const okStates = sh + "AAA,Aland,001,R,S,u\n"
	tests := []struct {
		name          string
		states, names string
		want          error
		file          string
		line, column  int
	}{
		{"empty states", "", nh, ErrHeader, statesFile, 1, 0},
		{"wrong states header", "id,name\n", nh, ErrHeader, statesFile, 1, 0},
		{"wrong names header", okStates, "name,state_id\n", ErrHeader, namesFile, 1, 0},
		{"field count", sh + "AAA,Aland\n", nh, ErrFieldCount, statesFile, 2, 0},
		{"csv syntax", sh + "AAA,\"Al\"and,001,R,S,u\n", nh, csv.ErrQuote, statesFile, 2, 8},
		{"lower-case id", sh + "aaa,Aland,001,R,S,u\n", nh, ErrStateID, statesFile, 2, 1},
		{"long id", sh + "AAAA,Aland,001,R,S,u\n", nh, ErrStateID, statesFile, 2, 1},
		{"bad m49", sh + "AAA,Aland,1,R,S,u\n", nh, ErrM49Code, statesFile, 2, 11},
		{"empty name", sh + "AAA,,001,R,S,u\n", nh, ErrEmptyField, statesFile, 2, 5},
		{"empty source", sh + "AAA,Aland,001,R,S,\n", nh, ErrEmptyField, statesFile, 2, 19},
		{"duplicate state", okStates + "AAA,Other,002,R,S,u\n", nh, ErrDuplicateState, statesFile, 3, 1},
		{"ambiguous canonical", okStates + "BBB,ALAND 2,002,R,S,u\n", nh, ErrAmbiguousName, statesFile, 3, 5},
		{"unknown state", okStates, nh + "Aland,ZZZ,,u\n", ErrUnknownState, namesFile, 2, 7},
		{"duplicate name", okStates, nh + "Al,AAA,,u\nAl,AAA,,u\n", ErrDuplicateName, namesFile, 3, 1},
		{"ambiguous alias", sh + "AAA,Aland,001,R,S,u\nBBB,Bland,002,R,S,u\n", nh + "Bländ,AAA,,u\n", ErrAmbiguousName, namesFile, 2, 1},
		{"alias without source", okStates, nh + "Al,AAA,,\n", ErrEmptyField, namesFile, 2, 9},
		{"alias without letters", okStates, nh + "42,AAA,,u\n", ErrEmptyField, namesFile, 2, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Load(strings.NewReader(tc.states), strings.NewReader(tc.names))
			if err == nil {
				t.Fatalf("Load succeeded with %d states", len(r.States()))
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Load error %v; want errors.Is %v", err, tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Load error %v is not a *ParseError", err)
			}
			if pe.File != tc.file || pe.Line != tc.line || pe.Column != tc.column {
				t.Errorf("position %s:%d:%d; want %s:%d:%d", pe.File, pe.Line, pe.Column, tc.file, tc.line, tc.column)
			}
		})
	}
}

func TestLoadCollectsRowErrors(t *testing.T) {
	_, err := Load(strings.NewReader("state_id,name,m49_code,region,sub_region,source_url\n"+
		"aaa,Aland,001,R,S,u\nBBB,Bland,x,R,S,u\n"), strings.NewReader("name,state_id,note,source_url\n"))
	if !errors.Is(err, ErrStateID) || !errors.Is(err, ErrM49Code) {
		t.Errorf("Load error %v; want both ErrStateID and ErrM49Code", err)
	}
}
