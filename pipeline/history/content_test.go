package history

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

func TestCanonical(t *testing.T) {
	kind := "ratification"
	start := civil.Date(2003, 3, 1)
	type reordered struct { // the same columns in another field order
		B string    `parquet:"b"`
		A civil.Day `parquet:"a,date"`
	}
	type ordered struct {
		A civil.Day `parquet:"a,date"`
		B string    `parquet:"b"`
	}
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"participation without provenance",
			rawtable.Participation{StateID: "AFG", InstrumentID: "APMBC", Spell: 1, StateNameInSource: "Afghanistan",
				ConsentDate: civil.Ptr(civil.Date(2002, 9, 11)), ConsentKind: &kind, SourceURL: "https://x/?a=1&b=<2>",
				Confidence: "source", SourceFile: "membership.csv", SourceLine: 7},
			`{"confidence":"source","consent_date":"2002-09-11","consent_kind":"ratification",` +
				`"entry_into_force_date":null,"entry_into_force_derived":false,"instrument_id":"APMBC",` +
				`"signature_date":null,"source_url":"https://x/?a=1&b=<2>","spell":1,"state_id":"AFG",` +
				`"state_name_in_source":"Afghanistan","withdrawal_effective_date":null,` +
				`"withdrawal_notified_date":null,"withdrawal_status":null}`},
		{"obligation start date", rawtable.Obligation{StateID: "AFG", StartDate: &start, ExtensionsGranted: new(int32(3))},
			`{"article":"","completed_date":null,"confidence":"","deadline":null,"extensions":"","extensions_granted":3,` +
				`"instrument_id":"","original_deadline":null,"source_url":"","start_date":"2003-03-01","state_id":"AFG",` +
				`"status":"","status_date":null,"theme":""}`},
		{"field order does not matter", reordered{B: "x", A: start}, `{"a":"2003-03-01","b":"x"}`},
		{"field order does not matter either", ordered{A: start, B: "x"}, `{"a":"2003-03-01","b":"x"}`},
		{"pointer to struct", &ordered{A: start, B: "x"}, `{"a":"2003-03-01","b":"x"}`},
		{"map keys sorted", map[string]any{"z": 1, "a": []string{"q"}}, `{"a":["q"],"z":1}`},
		{"self-encoding types kept", struct{ T time.Time }{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}, `{"T":"2024-01-02T03:04:05Z"}`},
		{"nil", nil, `null`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, sha := Canonical(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Canonical (-want +got):\n%s", diff)
			}
			if len(sha) != 64 {
				t.Errorf("sha %q is not hex SHA-256", sha)
			}
		})
	}
	// Cited value: sha256 of the two bytes "{}" (sha256sum of printf '{}').
	if _, sha := Canonical(struct{}{}); sha != "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" {
		t.Errorf("sha of {} = %s", sha)
	}
}

func TestKeys(t *testing.T) {
	start := civil.Date(2003, 3, 1)
	got := []string{
		ParticipationKey(rawtable.Participation{InstrumentID: "CCW-PV", StateID: "FRA", Spell: 2}),
		AgendaItemKey(rawtable.AgendaItem{MeetingID: "APMBC_10MSP", Lang: "fr", ItemNumber: "9.a"}),
		ObligationKey(rawtable.Obligation{InstrumentID: "APMBC", StateID: "AFG", Article: "5", Theme: "clearance", StartDate: &start}),
		ObligationKey(rawtable.Obligation{InstrumentID: "APMBC", StateID: "AFG", Article: "6.3", Theme: "victim_assistance"}),
		FromMeetings([]rawtable.Meeting{{MeetingID: "CCM_1MSP"}})[0].Key,
	}
	want := []string{"CCW-PV/FRA/2", "APMBC_10MSP/fr/9.a", "APMBC/AFG/5/clearance/2003-03-01", "APMBC/AFG/6.3/victim_assistance/", "CCM_1MSP"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	entities := []string{
		FromParticipation(make([]rawtable.Participation, 1))[0].Entity,
		FromMeetings(make([]rawtable.Meeting, 1))[0].Entity,
		FromAgendaItems(make([]rawtable.AgendaItem, 1))[0].Entity,
		FromObligations(make([]rawtable.Obligation, 1))[0].Entity,
	}
	if diff := cmp.Diff([]string{"participation", "meeting", "agenda_item", "obligation"}, entities); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
}

// FuzzCanonicalAgendaItem holds Canonical's encoding of an agenda item without
// reflection to the general one, byte for byte: a column added to
// rawtable.AgendaItem, or a string encoding/json escapes, would tell them apart.
func FuzzCanonicalAgendaItem(f *testing.F) {
	f.Add("APMBC_10MSP", "1", "en", "Opening of the meeting", "APLC/MSP.10/2010/1", true, true, "https://example.org/a?x=1&y=<2>")
	f.Add("CCM_1MSP", "4(a)", "fr", "Ouverture \"de\" la réunion\n\t\\", "", false, false, "")
	f.Add("x", "2", "ar", "\u2028\u2029<>&\x00\x1f", "\xff\xfe", true, false, "file:///\u00e9")
	f.Add("y", "", "zh", "开幕 \xc3\x28 invalid", "s", false, true, "\u007f")
	f.Fuzz(func(t *testing.T, meeting, number, lang, title, symbol string, hasSymbol, partial bool, url string) {
		a := rawtable.AgendaItem{MeetingID: meeting, ItemNumber: number, Lang: lang, Title: title, Partial: partial,
			SourceURL: url, SourceFile: "meetings/agendas/x.en.txt", SourceLine: 3}
		if hasSymbol {
			a.Symbol = &symbol
		}
		got, gotSHA := Canonical(a)
		want, wantSHA := encodeCanonical(canonicalValue(reflect.ValueOf(a)), a)
		if got != want || gotSHA != wantSHA {
			t.Errorf("agenda item %+v:\n got %s\nwant %s", a, got, want)
		}
	})
}
