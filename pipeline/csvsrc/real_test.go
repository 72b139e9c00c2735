package csvsrc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/treaty"
)

// Tests on the real reference CSVs, copied unchanged into testdata/reference.
// Expected numbers are the ones /work/shared/reference/*/SOURCES*.md state.

func readRealParticipation(t *testing.T, name string, states StateResolver) ([]rawtable.Participation, []rawtable.Reject) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "reference", "membership", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, rejects, err := ReadParticipation(f, name, states)
	if err != nil {
		t.Fatalf("ReadParticipation(%s): %v", name, err)
	}
	return rows, rejects
}

func readRealMeetings(t *testing.T, name string, states StateResolver) ([]rawtable.Meeting, []Update, []rawtable.Reject) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "reference", "meetings", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ms, us, rejects, err := ReadMeetings(f, name, states)
	if err != nil {
		t.Fatalf("ReadMeetings(%s): %v", name, err)
	}
	return ms, us, rejects
}

func TestRealMembershipFiles(t *testing.T) {
	states := referenceStates(t)
	tests := []struct {
		file                      string
		rows, consented, withdraw int
		rejects                   int
	}{
		// Row counts: SOURCES.md table; SOURCES-att-crpd.md; SOURCES-ccw-additions.md.
		{"apmbc.csv", 166, 166, 5, 0},
		{"ccm.csv", 124, 112, 1, 0},
		{"ccw.csv", 130, 125, 0, 0}, // SOURCES.md's 126 counts Lebanon, whose date is missing
		{"ccw_amended_protocol_ii.csv", 106, 103, 0, 0},
		{"ccw_protocol_v.csv", 93, 93, 0, 0},
		// Lebanon's Protocol V row (line 9) cites no source (from memory): rejected.
		{"ccw_members_added.csv", 7, 4, 0, 1},
		{"att.csv", 142, 117, 0, 0},
		{"crpd.csv", 195, 192, 0, 1}, // the European Union has no ISO3 code: rejected
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			rows, rejects := readRealParticipation(t, tc.file, states)
			consented, withdrawn := 0, 0
			for _, p := range rows {
				if p.ConsentDate != nil {
					consented++
				}
				if p.WithdrawalEffectiveDate != nil {
					withdrawn++
				}
			}
			if len(rows) != tc.rows || consented != tc.consented || withdrawn != tc.withdraw || len(rejects) != tc.rejects {
				t.Errorf("rows %d consented %d withdrawn %d rejects %d; want %d %d %d %d",
					len(rows), consented, withdrawn, len(rejects), tc.rows, tc.consented, tc.withdraw, tc.rejects)
			}
			for _, r := range rejects {
				t.Logf("reject %s:%d %s: %s", r.SourceFile, r.Line, r.Field, r.Reason)
			}
		})
	}
}

func TestRealCRPDEuropeanUnionRejected(t *testing.T) {
	_, rejects := readRealParticipation(t, "crpd.csv", referenceStates(t))
	if len(rejects) != 1 || rejects[0].Field != "state_name" || !strings.HasPrefix(rejects[0].Raw, "CRPD,European Union,,") {
		t.Errorf("rejects = %+v, want the European Union row (no iso3)", rejects)
	}
}

func TestRealAPMBCWithdrawals(t *testing.T) {
	rows, _ := readRealParticipation(t, "apmbc.csv", referenceStates(t))
	// SOURCES.md, APMBC: Estonia, Latvia, Lithuania effective 2025-12-27; Finland
	// 2026-01-10; Poland 2026-02-20 (its notification date is computed).
	want := map[string]string{"EST": "2025-12-27", "LVA": "2025-12-27", "LTU": "2025-12-27", "FIN": "2026-01-10", "POL": "2026-02-20"}
	got := map[string]string{}
	for _, p := range rows {
		if p.WithdrawalEffectiveDate != nil {
			got[p.StateID] = p.WithdrawalEffectiveDate.String()
			if p.WithdrawalStatus == nil || *p.WithdrawalStatus != WithdrawalEffective {
				t.Errorf("%s: withdrawal_status = %v, want effective", p.StateID, p.WithdrawalStatus)
			}
		}
		if p.StateID == "UKR" && p.WithdrawalStatus != nil {
			t.Errorf("UKR: withdrawal_status = %q; the sources give no notification", *p.WithdrawalStatus)
		}
	}
	if len(got) != len(want) {
		t.Errorf("withdrawals = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s withdrawal effective %q, want %s", k, got[k], v)
		}
	}
}

// TestRealComputedEIFMatchesRules checks every entry-into-force date the sources flag
// "eif computed" against treaty.ParseRule, with the rule of each treaty.
func TestRealComputedEIFMatchesRules(t *testing.T) {
	rules := map[string]string{
		"apmbc.csv":                   "first_day_of_month_after:6;not_before:1999-03-01;art:17(2)",
		"ccm.csv":                     "first_day_of_month_after:6;not_before:2010-08-01;art:17(2)",
		"ccw.csv":                     "months_after_deposit:6;not_before:1983-12-02;art:5(2)",
		"ccw_amended_protocol_ii.csv": "months_after_deposit:6;not_before:1998-12-03;art:5(4)",
		"ccw_protocol_v.csv":          "months_after_deposit:6;not_before:2006-11-12;art:5(4)",
		"att.csv":                     "days_after_deposit:90;not_before:2014-12-24;art:22(2);anchor:entry_into_force",
		"crpd.csv":                    "days_after_deposit:30;not_before:2008-05-03;art:45(2)",
	}
	states := referenceStates(t)
	for file, rs := range rules {
		rule, err := treaty.ParseRule(rs)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := readRealParticipation(t, file, states)
		checked := 0
		for _, p := range rows {
			if !p.EntryIntoForceDerived || p.ConsentDate == nil || p.EntryIntoForceDate == nil {
				continue
			}
			checked++
			if got := rule.EntryIntoForce(*p.ConsentDate); got != *p.EntryIntoForceDate {
				t.Errorf("%s:%d %s: rule gives %s for deposit %s, file has %s", file, p.SourceLine, p.StateID, got, p.ConsentDate, p.EntryIntoForceDate)
			}
		}
		if checked == 0 {
			t.Errorf("%s: no computed dates checked", file)
		}
	}
}

func TestRealParticipationMerge(t *testing.T) {
	states := referenceStates(t)
	var base []rawtable.Participation
	for _, f := range []string{"apmbc.csv", "att.csv", "ccm.csv", "ccw.csv", "ccw_amended_protocol_ii.csv", "ccw_protocol_v.csv", "crpd.csv"} {
		rows, _ := readRealParticipation(t, f, states)
		base = append(base, rows...)
	}
	more, _ := readRealParticipation(t, "ccw_members_added.csv", states)
	merged, ds := MergeParticipation(base, more)
	// 7 added rows (Lebanon PV cites no source and is rejected): Mauritius APII,
	// Lebanon CCW, Lebanon APII, Benin APII fill existing rows; Mauritius PV,
	// Philippines PV, Malawi CCW are new.
	if want := len(base) + 3; len(merged) != want {
		t.Errorf("merged %d rows, want %d", len(merged), want)
	}
	rules := map[string]int{}
	for _, d := range ds {
		rules[d.Rule]++
		t.Logf("%s %s %s: %q (%s:%d) vs %q (%s:%d) → %q", d.Rule, d.Key, d.Field,
			d.Values[0].Value, d.Values[0].SourceFile, d.Values[0].Line, d.Values[1].Value, d.Values[1].SourceFile, d.Values[1].Line, d.Used)
	}
	if rules[RuleBaseKept] != 0 || rules[RuleFilled] != 10 {
		t.Errorf("discrepancies by rule = %v, want 10 fills and no conflicts", rules)
	}
	for _, p := range merged {
		if p.InstrumentID == "CCW-APII" && p.StateID == "MUS" {
			if civil.Text(p.ConsentDate) != "2018-11-02" || civil.Text(p.EntryIntoForceDate) != "2019-05-02" || p.SourceFile != "ccw_amended_protocol_ii.csv" {
				t.Errorf("Mauritius APII = %+v", p)
			}
		}
		if p.Spell != 1 {
			t.Errorf("%s %s spell %d; no real state rejoined", p.InstrumentID, p.StateID, p.Spell)
		}
	}
}

func TestRealMeetings(t *testing.T) {
	states := referenceStates(t)
	base, bu, brej := readRealMeetings(t, "meetings.csv", states)
	more, mu, mrej := readRealMeetings(t, "meetings_added.csv", states)
	// SOURCES.md: 129 rows; SOURCES-ccw-additions.md: 20 rows, 18 new + 2 updates, of
	// which MSP-2004 and MSP-2005 (lines 6 and 8) cite no source (dates from memory)
	// and are rejected.
	if len(base) != 129 || len(bu) != 0 || len(brej) != 0 {
		t.Errorf("meetings.csv: %d meetings, %d updates, %d rejects; want 129, 0, 0", len(base), len(bu), len(brej))
	}
	if len(more) != 16 || len(mu) != 2 || len(mrej) != 2 {
		t.Errorf("meetings_added.csv: %d meetings, %d updates, %d rejects; want 16, 2, 2", len(more), len(mu), len(mrej))
	}
	for _, r := range append(brej, mrej...) {
		t.Logf("reject %s:%d %s: %s", r.SourceFile, r.Line, r.Field, r.Reason)
	}
	merged, ds := MergeMeetings(base, more, append(bu, mu...))
	if len(merged) != 145 {
		t.Errorf("merged %d meetings, want 145", len(merged))
	}
	for _, d := range ds {
		t.Logf("%s %s %s: %q (%s:%d) vs %q (%s:%d) → %q", d.Rule, d.Key, d.Field,
			d.Values[0].Value, d.Values[0].SourceFile, d.Values[0].Line, d.Values[1].Value, d.Values[1].SourceFile, d.Values[1].Line, d.Used)
	}
	byID := map[string]rawtable.Meeting{}
	prec := map[string]int{}
	for _, m := range merged {
		byID[m.MeetingID] = m
		prec[m.StartPrecision]++
		if (m.StartDate != nil) != (m.StartPrecision == string(civil.PrecisionDay)) {
			t.Errorf("%s: start_date %v with precision %s", m.MeetingID, m.StartDate, m.StartPrecision)
		}
	}
	apii12 := byID["CCW_APII-12"]
	if civil.Text(apii12.StartDate) != "2010-11-24" || apii12.EndText != "2010" || apii12.EndPrecision != "year" || apii12.President == nil {
		t.Errorf("APII-12 = start %v (%s) end %q (%s) president %v; want start from the update, end and president kept",
			apii12.StartDate, apii12.StartPrecision, apii12.EndText, apii12.EndPrecision, apii12.President)
	}
	if apii4 := byID["CCW_APII-4"]; strText(apii4.President) != "Amb. Christian Faessler (Switzerland) (re-elected)" || strText(apii4.Venue) != "Palais des Nations" {
		t.Errorf("APII-4 president %v venue %v, want both from the update", apii4.President, apii4.Venue)
	}
	if m := byID["CCW_PV-12"]; m.StartPrecision != "year" || m.StartText != "2018" || m.StartDate != nil {
		t.Errorf("PV-12 start = %v %s %q, want year-only 2018 kept", m.StartDate, m.StartPrecision, m.StartText)
	}
	if m := byID["CCW_7RC"]; m.Status != rawtable.StatusPlanned || m.City != nil || m.CountryID != nil {
		t.Errorf("7RC = status %s city %v country %v", m.Status, m.City, m.CountryID)
	}
	if m := byID["APMBC_IM-2020"]; !m.Virtual || m.Mode != rawtable.ModeOnline || strText(m.City) != "Geneva" || m.Title != "Intersessional Meetings 2020" {
		t.Errorf("IM-2020 virtual %v mode %s city %v title %q", m.Virtual, m.Mode, m.City, m.Title)
	}
	if m := byID["APMBC_IM-2010"]; m.StartPrecision != "month" || m.StartText != "2010-06" {
		t.Errorf("IM-2010 start %s %q, want month 2010-06", m.StartPrecision, m.StartText)
	}
	t.Logf("start precisions after merge: %v", prec)
}

func TestRealReadersNeverFail(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "reference", "*", "*.csv"))
	for _, f := range files {
		in, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(f, "meetings") {
			_, _, _, err = ReadMeetings(in, filepath.Base(f), referenceStates(t))
		} else {
			_, _, err = ReadParticipation(in, filepath.Base(f), referenceStates(t))
		}
		in.Close()
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
