package themes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/rawtable"
)

const fixtureThemes = `theme_id,label,description,source_url
clearance,Clearance,clearance,https://example.org/c
victim_assistance,Victim assistance,va,https://example.org/v
stockpile_destruction,Stockpile destruction,sd,https://example.org/s
`

// The fixture terms are test inputs only (inflection and script cases); the
// shipped, sourced terms are in datasets/theme_terms.csv.
const fixtureTerms = `theme_id,lang,term,match,source_url
clearance,fr,déminage,stem,https://example.org/c
clearance,es,desminado,stem,https://example.org/c
clearance,ru,разминирование,stem,https://example.org/c
clearance,en,mine clearance,stem,https://example.org/c
clearance,ar,إزالة الألغام,substring,https://example.org/c
clearance,zh,排雷,substring,https://example.org/c
victim_assistance,en,victim assistance,stem,https://example.org/v
victim_assistance,zh,受害者,substring,https://example.org/v
stockpile_destruction,en,stockpile,stem,https://example.org/s
stockpile_destruction,en,stockpile destruction,phrase,https://example.org/s
`

func fixture(t *testing.T) *Tagger {
	t.Helper()
	tg, err := Load(strings.NewReader(fixtureThemes), strings.NewReader(fixtureTerms))
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func ids(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.ThemeID)
	}
	return out
}

func TestTag(t *testing.T) {
	tg := fixture(t)
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"fr noun", "fr", "Rapport sur le déminage", []string{"clearance"}},
		{"fr verb capitalised", "fr", "Déminer les zones", []string{"clearance"}},
		{"fr without accents", "fr", "DEMINAGE HUMANITAIRE", []string{"clearance"}},
		{"es noun", "es", "Programa nacional de desminado", []string{"clearance"}},
		{"es plural", "es", "Los desminados", []string{"clearance"}},
		{"ru nominative", "ru", "Разминирование территорий", []string{"clearance"}},
		{"ru dative", "ru", "помощь разминированию", []string{"clearance"}},
		{"ar with al", "ar", "إزالة الألغام في المناطق الملغومة", []string{"clearance"}},
		{"ar without al", "ar", "إزالة ألغام", []string{"clearance"}},
		{"ar with wa-al", "ar", "التعاون وإزالة والألغام", []string{"clearance"}},
		{"ar tashkeel and hamza forms", "ar", "إِزالَة الأَلغام", []string{"clearance"}},
		{"ar tatweel", "ar", "إزالـــة الألغام", []string{"clearance"}},
		{"zh no spaces", "zh", "会议讨论排雷和援助受害者问题", []string{"clearance", "victim_assistance"}},
		{"en inflection", "en", "Stockpiles destroyed", []string{"stockpile_destruction"}},
		{"en two themes sorted", "en", "Victim Assistance and Mine Clearance", []string{"clearance", "victim_assistance"}},
		{"en fullwidth", "en", "ＭＩＮＥ　ＣＬＥＡＲＡＮＣＥ", []string{"clearance"}},
		{"en nothing", "en", "Adoption of the agenda", nil},
		{"en empty", "en", "", nil},
		{"wrong language", "fr", "Mine clearance", nil},
		{"unknown lang guesses", "xx", "Mine clearance", []string{"clearance"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, ids(tg.Tag(tc.text, tc.lang))); diff != "" {
				t.Errorf("Tag(%q, %q) (-want +got):\n%s", tc.text, tc.lang, diff)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, lang, want string }{
		{"Ёмкость", "ru", "емкость"},
		{"ÉDUCATION", "fr", "éducation"},
		{"إِزالَـة الأَلغام", "ar", "ازاله الغام"},
		{"والألغام لللجنة", "ar", "الغام لجنه"},
		{"ＡＢＣ", "en", "abc"},
	}
	for _, tc := range tests {
		if got := fold(tc.in, tc.lang); got != tc.want {
			t.Errorf("fold(%q, %q) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}

func TestTagDedupesFirstTerm(t *testing.T) {
	tg := fixture(t)
	got := tg.Tag("stockpile destruction", "en")
	want := []Match{{ThemeID: "stockpile_destruction", Term: "stockpile"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestGuess(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Examen et adoption du document final", "fr"},
		{"Examen de la situación general y el funcionamiento de los Estados", "es"},
		{"Consideration of the general status and operation of the Convention", "en"},
		{"Destrucción de minas antipersonal colocadas en zonas minadas", "es"}, // APMBC Art. 5 heading: no es function word, but ó
		{"Coopération et assistance", "fr"},
		{"Рассмотрение и принятие заключительного документа", "ru"},
		{"تدمير مخزون الالغام", "ar"},
		{"集束弹药公约", "zh"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Guess(tc.text); got != tc.want {
			t.Errorf("Guess(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestTagAny(t *testing.T) {
	tg := fixture(t)
	for text, want := range map[string][]string{
		"Разминирование":    {"clearance"},
		"排雷":                {"clearance"},
		"Le déminage":       {"clearance"},
		"Victim assistance": {"victim_assistance"},
	} {
		if diff := cmp.Diff(want, ids(tg.TagAny(text))); diff != "" {
			t.Errorf("TagAny(%q) (-want +got):\n%s", text, diff)
		}
	}
}

func TestTagItems(t *testing.T) {
	tg := fixture(t)
	items := []rawtable.AgendaItem{
		{MeetingID: "CCM_8MSP", ItemNumber: "#5", Lang: "en", Title: "Victim assistance"},
		{MeetingID: "CCM_8MSP", ItemNumber: "#6", Lang: "en", Title: "Adoption of the agenda"},
		{MeetingID: "APMBC_X", ItemNumber: "1", Lang: "fr", Title: "Déminage"},
	}
	want := []rawtable.AgendaItemTheme{
		{MeetingID: "CCM_8MSP", ItemNumber: "#5", Lang: "en", ThemeID: "victim_assistance", Term: "victim assistance"},
		{MeetingID: "APMBC_X", ItemNumber: "1", Lang: "fr", ThemeID: "clearance", Term: "déminage"},
	}
	if diff := cmp.Diff(want, TagItems(tg, items)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestThemesIsCopy(t *testing.T) {
	tg := fixture(t)
	th := tg.Themes()
	th[0].ThemeID = "changed"
	if tg.Themes()[0].ThemeID != "clearance" {
		t.Error("Themes returned the tagger's own slice")
	}
}

func TestShippedDatasetsLoad(t *testing.T) {
	tg := loadDatasets(t)
	if len(tg.Themes()) < 8 {
		t.Fatalf("only %d themes", len(tg.Themes()))
	}
	// Requested English agenda phrasings tag as the brief lists them.
	for text, want := range map[string]string{
		"Clearing Mined Areas":                         "clearance",
		"Assisting the Victims":                        "victim_assistance",
		"Presentation of Article 5 extension requests": "clearance",
		"Stockpile destruction and retention":          "stockpile_destruction",
		"Transparency measures":                        "transparency",
		"International cooperation and assistance":     "cooperation_assistance",
		"Universalization":                             "universalization",
		"National implementation measures":             "national_implementation",
		"Compliance":                                   "compliance",
	} {
		if got := ids(tg.Tag(text, "en")); len(got) != 1 || got[0] != want {
			t.Errorf("Tag(%q) = %v, want [%s]", text, got, want)
		}
	}
}

// TestTagItemsSharesAgreeWithTag tags enough items to be split across goroutines and
// checks every row against tagging each item alone, in item order: the shares and
// their per-title memory change the cost, never the result.
func TestTagItemsSharesAgreeWithTag(t *testing.T) {
	tg := loadDatasets(t)
	titles := []struct{ lang, title string }{
		{"en", "Assisting the victims"}, {"en", "Adoption of the agenda"},
		{"fr", "Déminage et réduction des risques"}, {"es", "Asistencia a las víctimas"},
		{"ru", "Разминирование"}, {"zh", "排雷"}, {"ar", "مساعدة الضحايا"},
		{"en", "Clearance of cluster munition remnants"}, {"xx", "Victim assistance"},
	}
	var items []rawtable.AgendaItem
	for i := range 5 * minShare {
		tt := titles[i%len(titles)]
		items = append(items, rawtable.AgendaItem{MeetingID: fmt.Sprintf("M%d", i/7), ItemNumber: fmt.Sprint(i % 7), Lang: tt.lang, Title: tt.title})
	}
	var want []rawtable.AgendaItemTheme
	for _, it := range items {
		for _, m := range tg.Tag(it.Title, it.Lang) {
			want = append(want, rawtable.AgendaItemTheme{MeetingID: it.MeetingID, ItemNumber: it.ItemNumber, Lang: it.Lang, ThemeID: m.ThemeID, Term: m.Term})
		}
	}
	if len(want) < len(items)/2 {
		t.Fatalf("only %d theme rows for %d items: the titles should mostly match", len(want), len(items))
	}
	if diff := cmp.Diff(want, TagItems(tg, items)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
