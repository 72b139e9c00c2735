package csvsrc

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

func dp(s string) *civil.Day {
	if s == "" {
		return nil
	}
	d, err := civil.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return &d
}

func part(file string, line int32, consent, wEff, eif string) rawtable.Participation {
	return rawtable.Participation{StateID: "LTU", InstrumentID: "CCM", Spell: 1, StateNameInSource: "Lithuania",
		ConsentDate: dp(consent), WithdrawalEffectiveDate: dp(wEff), EntryIntoForceDate: dp(eif),
		SourceURL: "u-" + file, Confidence: "c-" + file, SourceFile: file, SourceLine: line}
}

func TestMergeParticipation(t *testing.T) {
	base := []rawtable.Participation{
		part("ccm.csv", 60, "2011-03-24", "2025-03-06", ""),
		{StateID: "AGO", InstrumentID: "CCM", Spell: 1, SignatureDate: dp("2008-12-03"), SourceFile: "ccm.csv", SourceLine: 2},
	}
	more := []rawtable.Participation{
		part("added.csv", 2, "2027-01-10", "", "2027-07-01"), // rejoins: spell 2
		part("added.csv", 3, "2011-03-24", "", "2011-09-01"), // fills spell 1's EIF
		part("added.csv", 4, "2011-03-25", "", "2011-10-01"), // disagrees: base kept
		part("added.csv", 5, "2027-01-10", "", ""),           // same as spell 2: no change
	}
	baseCopy := append([]rawtable.Participation(nil), base...)
	got, ds := MergeParticipation(base, more)
	if diff := cmp.Diff(baseCopy, base); diff != "" {
		t.Errorf("base modified (-before +after):\n%s", diff)
	}
	var summary []string
	for _, p := range got {
		summary = append(summary, p.InstrumentID+"/"+p.StateID+"/"+string(rune('0'+p.Spell))+" consent="+civil.Text(p.ConsentDate)+" eif="+civil.Text(p.EntryIntoForceDate)+" w="+strText(p.WithdrawalStatus)+" "+p.SourceFile)
	}
	want := []string{
		"CCM/AGO/1 consent= eif= w= ccm.csv",
		"CCM/LTU/1 consent=2011-03-24 eif=2011-09-01 w=effective ccm.csv",
		"CCM/LTU/2 consent=2027-01-10 eif=2027-07-01 w= added.csv",
	}
	if diff := cmp.Diff(want, summary); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
	if got[1].SourceURL != "u-ccm.csv ; u-added.csv" {
		t.Errorf("SourceURL = %q, want both rows'", got[1].SourceURL)
	}
	wantDs := []Discrepancy{
		{Key: "CCM/LTU/1", Field: "entry_into_force_date", Rule: RuleFilled, Used: "2011-09-01", Values: []SourcedValue{
			{"", "ccm.csv", 60, "u-ccm.csv"}, {"2011-09-01", "added.csv", 3, "u-added.csv"}}},
		{Key: "CCM/LTU/1", Field: "consent_date", Rule: RuleBaseKept, Used: "2011-03-24", Values: []SourcedValue{
			{"2011-03-24", "ccm.csv", 60, "u-ccm.csv"}, {"2011-03-25", "added.csv", 4, "u-added.csv"}}},
		{Key: "CCM/LTU/1", Field: "entry_into_force_date", Rule: RuleBaseKept, Used: "2011-09-01", Values: []SourcedValue{
			{"2011-09-01", "added.csv", 3, "u-added.csv"}, {"2011-10-01", "added.csv", 4, "u-added.csv"}}},
	}
	if diff := cmp.Diff(wantDs, ds); diff != "" {
		t.Errorf("discrepancies (-want +got):\n%s", diff)
	}
}

func meeting(id, start, end, president, file string, line int32) rawtable.Meeting {
	instr, code, _ := strings.Cut(id, "_")
	m := rawtable.Meeting{MeetingID: id, InstrumentID: instr, Body: "MSP", Code: code, Title: "T", Status: rawtable.StatusHeld,
		StartText: start, EndText: end, President: optional(president), SourceFile: file, SourceLine: line, SourceURL: "u-" + file}
	sp, _ := civil.ParsePartial(start)
	ep, _ := civil.ParsePartial(end)
	setStart(&m, sp, start)
	setEnd(&m, ep, end)
	return m
}

func TestMergeMeetings(t *testing.T) {
	base := []rawtable.Meeting{meeting("CCM_2MSP", "2011-09-13", "2011-09-16", "A", "m.csv", 3), meeting("APMBC_1MSP", "1999-05-03", "1999-05-07", "", "m.csv", 2)}
	more := []rawtable.Meeting{meeting("CCM_2MSP", "2011-09-12", "2011-09-16", "", "a.csv", 2)}
	updates := []Update{
		{Meeting: meeting("APMBC_1MSP", "1999-05-08", "", "B", "a.csv", 3), What: "date"},
		{Meeting: meeting("ATT_CSP1", "2015-08-24", "2015-08-27", "", "a.csv", 4), What: "president"},
	}
	got, ds := MergeMeetings(base, more, updates)
	var ids []string
	for _, m := range got {
		ids = append(ids, m.MeetingID+" "+m.StartText+".."+m.EndText+" "+strText(m.President))
	}
	want := []string{"APMBC_1MSP 1999-05-08..1999-05-07 B", "ATT_CSP1 2015-08-24..2015-08-27 ", "CCM_2MSP 2011-09-13..2011-09-16 A"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
	var rules []string
	for _, d := range ds {
		rules = append(rules, d.Key+" "+d.Field+" "+d.Rule+" "+d.Used)
	}
	wantRules := []string{
		"APMBC_1MSP start_date update wins 1999-05-08",
		"APMBC_1MSP president filled B",
		"APMBC_1MSP end_date end before start 1999-05-07",
		"ATT_CSP1 meeting_id update without base ATT_CSP1",
		"CCM_2MSP start_date base kept 2011-09-13",
	}
	if diff := cmp.Diff(wantRules, rules); diff != "" {
		t.Errorf("discrepancies (-want +got):\n%s", diff)
	}
}

func TestParseCity(t *testing.T) {
	tests := []struct {
		in   string
		city string
		mode string
	}{
		{"Geneva", "Geneva", ""},
		{"Geneva (virtual)", "Geneva", rawtable.ModeOnline},
		{"Geneva (hybrid/virtual)", "Geneva", rawtable.ModeHybrid},
		{"Geneva (written procedure)", "Geneva", rawtable.ModeWrittenProcedure},
		{"Virtual (planned: Lausanne)", "", rawtable.ModeOnline},
		{"Online", "", rawtable.ModeOnline},
		{"", "", ""},
		{"San José", "San José", ""},
		{"Maputo (Polana Hotel)", "Maputo", ""},
	}
	for _, tc := range tests {
		c, m := parseCity(tc.in)
		if strText(c) != tc.city || m != tc.mode {
			t.Errorf("parseCity(%q) = %q %q, want %q %q", tc.in, strText(c), m, tc.city, tc.mode)
		}
	}
}

func TestParseVenue(t *testing.T) {
	tests := []struct{ in, venue, mode string }{
		{"Palais des Nations", "Palais des Nations", ""},
		{"Palais des Nations (hybrid)", "Palais des Nations", rawtable.ModeHybrid},
		{"hybrid format", "", rawtable.ModeHybrid},
		{"Planned venue SwissTech Convention Center, Lausanne (23-27 Nov 2020); held fully virtually",
			"Planned venue SwissTech Convention Center, Lausanne (23-27 Nov 2020); held fully virtually", rawtable.ModeOnline},
		{"World Meteorological Organization (WMO) headquarters", "World Meteorological Organization (WMO) headquarters", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		v, m := parseVenue(tc.in)
		if strText(v) != tc.venue || m != tc.mode {
			t.Errorf("parseVenue(%q) = %q %q, want %q %q", tc.in, strText(v), m, tc.venue, tc.mode)
		}
	}
}

func TestMeetingStatus(t *testing.T) {
	tests := []struct{ title, confidence, want string }{
		{"Seventh Review Conference (planned)", "planned (dates decided by MHCP 2025)", rawtable.StatusPlanned},
		{"Meeting", "high", rawtable.StatusHeld},
		{"Meeting (postponed)", "high", rawtable.StatusPostponed},
		{"Meeting", "planned; later cancelled", rawtable.StatusCancelled},
		{"Planned meeting", "high", rawtable.StatusHeld}, // only confidence says planned
	}
	for _, tc := range tests {
		if got := meetingStatus(tc.title, tc.confidence); got != tc.want {
			t.Errorf("meetingStatus(%q, %q) = %s, want %s", tc.title, tc.confidence, got, tc.want)
		}
	}
}
