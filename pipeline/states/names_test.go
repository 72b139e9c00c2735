package states

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestDatasetsNamesFrEs checks the French and Spanish names of the shipped table: the
// UN forms of a few states, how many are filled, and which are left empty.
func TestDatasetsNamesFrEs(t *testing.T) {
	r := datasets(t)
	byID := map[string][2]string{}
	var empty []string
	for _, s := range r.States() {
		if s.NameFR == nil || s.NameES == nil {
			empty = append(empty, s.StateID)
			continue
		}
		if s.NameFrEsSourceURL == nil || !strings.Contains(*s.NameFrEsSourceURL, "un.org/fr/about-us/member-states") {
			t.Errorf("%s: source %v does not name the UN member-states page", s.StateID, s.NameFrEsSourceURL)
		}
		byID[s.StateID] = [2]string{*s.NameFR, *s.NameES}
	}
	if len(byID) != 193 {
		t.Errorf("%d states have French and Spanish names, want 193 (the UN member states)", len(byID))
	}
	// The four that are not UN member states: no source read gives their names.
	if want := []string{"COK", "NIU", "PSE", "VAT"}; !slices.Equal(empty, want) {
		t.Errorf("states without names = %v, want %v", empty, want)
	}
	for id, want := range map[string][2]string{
		"FRA": {"France", "Francia"},
		"DEU": {"Allemagne", "Alemania"},
		"NLD": {"Pays-Bas (Royaume des)", "Países Bajos (Reino de los)"},
		"GBR": {"Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "Reino Unido de Gran Bretaña e Irlanda del Norte"},
		"TUR": {"Türkiye", "Türkiye"},
		"CIV": {"Côte d’Ivoire", "Côte d’Ivoire"},
		"TTO": {"Trinité-et-Tobago", "Trinidad y Tabago"},
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
