package themes

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The grammar fixture's terms are test inputs only: each row exercises one way a
// term may match (see the match column); the shipped, sourced terms are in
// datasets/theme_terms.csv.
const grammarTerms = `theme_id,lang,term,match,source_url
victim_assistance,ru,помощь жертвам,stem,https://example.org/v
victim_assistance,ar,مساعدة الضحايا,stem,https://example.org/v
clearance,ar,إزالة الألغام,phrase,https://example.org/c
clearance,fr,zone minée,stem,https://example.org/c
clearance,es,zona minada,stem,https://example.org/c
stockpile_destruction,zh,销毁储存,substring,https://example.org/s
stockpile_destruction,fr,coopération et d'assistance,phrase,https://example.org/s
victim_assistance,en,universal,prefix,https://example.org/v
`

func grammarFixture(t *testing.T) *Tagger {
	t.Helper()
	tg, err := Load(strings.NewReader(fixtureThemes), strings.NewReader(grammarTerms))
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestTagGrammar(t *testing.T) {
	tg := grammarFixture(t)
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"ru nominative", "ru", "Помощь жертвам", []string{"victim_assistance"}},
		{"ru genitive and dative", "ru", "вопросы помощи жертвам кассетных боеприпасов", []string{"victim_assistance"}},
		{"ru genitive plural", "ru", "о помощи жертв", []string{"victim_assistance"}},
		{"ru one word inserted", "ru", "Помощь всем жертвам", []string{"victim_assistance"}},
		{"ru two words inserted", "ru", "помощь в устранении последствий жертвам", nil},
		{"ru words in another order", "ru", "жертвам помощь", nil},
		{"ar with conjunction", "ar", "ومساعدة الضحايا", []string{"victim_assistance"}},
		{"ar with preposition, no article", "ar", "لمساعدة ضحايا الألغام", []string{"victim_assistance"}},
		{"ar with tashkeel", "ar", "مُساعَدةُ الضَّحايا", []string{"victim_assistance"}},
		{"ar phrase with article and clitic", "ar", "تقديم المساعدة في إزالة الألغام وبالألغام", []string{"clearance"}},
		{"ar phrase does not stem", "ar", "إزالتها", nil},
		{"ar phrase takes no inserted word", "ar", "إزالة هذه الألغام", nil},
		{"fr plural", "fr", "Destruction des mines antipersonnel dans les zones minées", []string{"clearance"}},
		{"fr without elided article", "fr", "la coopération et assistance", []string{"stockpile_destruction"}},
		{"fr apostrophe lost", "fr", "coopération et d assistance", []string{"stockpile_destruction"}},
		{"es plural", "es", "Destrucción de minas antipersonal colocadas en zonas minadas", []string{"clearance"}},
		{"zh simplified", "zh", "销毁储存的杀伤人员地雷", []string{"stockpile_destruction"}},
		{"zh traditional", "zh", "銷毀儲存的殺傷人員地雷", []string{"stockpile_destruction"}},
		{"en prefix", "en", "Universalization of the Convention", []string{"victim_assistance"}},
		{"en prefix is not a substring", "en", "a university", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ids(tg.Tag(tt.text, tt.lang))); diff != "" {
				t.Errorf("Tag(%q, %s) (-want +got):\n%s", tt.text, tt.lang, diff)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	tg := grammarFixture(t)
	got := tg.Explain("Destruction des mines antipersonnel dans les zones minées", "fr")
	want := []Hit{{ThemeID: "clearance", Term: "zone minée", Match: MatchStem, Unit: "word", Start: 6, End: 8, Text: "zones minees"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain fr (-want +got):\n%s", diff)
	}
	got = tg.Explain("dans la zone entièrement minée", "fr")
	want = []Hit{{ThemeID: "clearance", Term: "zone minée", Match: MatchStem, Unit: "word", Start: 2, End: 5, Text: "zone entierement minee"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain fr with an inserted word (-want +got):\n%s", diff)
	}
	got = tg.Explain("各国銷毀儲存", "zh")
	want = []Hit{{ThemeID: "stockpile_destruction", Term: "销毁储存", Match: MatchSubstring, Unit: "char", Start: 2, End: 6, Text: "销毁储存"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain zh (-want +got):\n%s", diff)
	}
}

func TestLightStemArabic(t *testing.T) {
	for in, want := range map[string]string{
		"مساعده":  "مساعد", // ة folded to ه, then dropped
		"ومساعده": "مساعد",
		"ازالتها": "ازالت",
		"تقارير":  "تقارير",
		"ول":      "ول", // too short to lose a letter
		"دولي":    "دول",
	} {
		if got := lightStemArabic(in); got != want {
			t.Errorf("lightStemArabic(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadMatchKinds(t *testing.T) {
	for _, row := range []string{
		"clearance,zh,排雷,stem,https://example.org/c",
		"clearance,zh,排雷,prefix,https://example.org/c",
		"clearance,en,demining,exact,https://example.org/c",
	} {
		_, err := Load(strings.NewReader(fixtureThemes), strings.NewReader("theme_id,lang,term,match,source_url\n"+row+"\n"))
		if !errors.Is(err, ErrBadMatch) {
			t.Errorf("%s: err %v, want ErrBadMatch", row, err)
		}
	}
}
