package states

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestDatasetsNamesFrEs checks the French and Spanish names of the shipped table: the
// UN M49 forms of a few states, that every state has them, and that the rows where
// the cross-checked sources disagree say so.
func TestDatasetsNamesFrEs(t *testing.T) {
	r := datasets(t)
	byID := map[string][2]string{}
	var differs []string
	for _, s := range r.States() {
		if s.NameFR == nil || s.NameES == nil {
			t.Errorf("%s has no French or Spanish name", s.StateID)
			continue
		}
		if s.NameFrEsSourceURL == nil || !strings.Contains(*s.NameFrEsSourceURL, "UNSD-fr.csv") {
			t.Errorf("%s: source %v does not cite the M49 French table", s.StateID, s.NameFrEsSourceURL)
			continue
		}
		if strings.Contains(*s.NameFrEsSourceURL, "differs:") {
			differs = append(differs, s.StateID)
		}
		byID[s.StateID] = [2]string{*s.NameFR, *s.NameES}
	}
	if len(byID) != 197 {
		t.Errorf("%d states have French and Spanish names, want all 197", len(byID))
	}
	// un.org writes "Bahamas (les)" and "Rumanía"; the UNTERM extract has the old
	// "Pays-Bas (les)". The rows show it instead of hiding it.
	if want := []string{"BHS", "NLD", "ROU"}; !slices.Equal(differs, want) {
		t.Errorf("rows noting a disagreement = %v, want %v", differs, want)
	}
	for id, want := range map[string][2]string{
		"FRA": {"France", "Francia"},
		"DEU": {"Allemagne", "Alemania"},
		"NLD": {"Pays-Bas (Royaume des)", "Países Bajos (Reino de los)"},
		"GBR": {"Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "Reino Unido de Gran Bretaña e Irlanda del Norte"},
		"TUR": {"Türkiye", "Türkiye"},
		"CIV": {"Côte d’Ivoire", "Côte d’Ivoire"},
		"TTO": {"Trinité-et-Tobago", "Trinidad y Tabago"},
		"VAT": {"Saint-Siège", "Santa Sede"},
		"PSE": {"État de Palestine", "Estado de Palestina"},
		"NIU": {"Nioué", "Niue"},
		"COK": {"Îles Cook", "Islas Cook"},
	} {
		if got := byID[id]; got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
}

func TestLoadNamesFrEs(t *testing.T) {
	const header = "state_id,name,m49_code,region,sub_region,source_url,name_fr,name_es,name_fr_es_source_url\n"
	const names = "name,state_id,note,source_url\n"
	tests := []struct {
		name    string
		states  string
		wantErr error
		wantFR  *string
	}{
		{"names with source", header + "FRA,France,250,Europe,Western Europe,u,France,Francia,https://www.un.org/fr/\n", nil, ptr("France")},
		{"no names", header + "VAT,Holy See,336,Europe,Southern Europe,u,,,\n", nil, nil},
		{"name without source", header + "FRA,France,250,Europe,Western Europe,u,France,,\n", ErrEmptyField, nil},
		{"old header still read", "state_id,name,m49_code,region,sub_region,source_url\nFRA,France,250,Europe,Western Europe,u\n", nil, nil},
		{"partial optional columns", "state_id,name,m49_code,region,sub_region,source_url,name_fr\nFRA,France,250,,,u,France\n", ErrHeader, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Load(strings.NewReader(tc.states), strings.NewReader(names))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Load error = %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			got := r.States()[0].NameFR
			if (got == nil) != (tc.wantFR == nil) || (got != nil && *got != *tc.wantFR) {
				t.Errorf("NameFR = %v, want %v", got, tc.wantFR)
			}
		})
	}
}

func ptr(s string) *string { return &s }
