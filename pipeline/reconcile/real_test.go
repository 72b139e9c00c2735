package reconcile_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/reconcile"
	"synergy/pipeline/states"
	"synergy/pipeline/untc"
)

// Tests on the shipped data: datasets/membership/*.csv merged as the run merges them,
// and the seven depositary pages in datasets/untc, captured 2026-02-03.

const datasets = "../../datasets"

var captured = civil.Date(2026, time.February, 3)

// pageFiles maps instrument ids to their page in datasets/untc.
var pageFiles = map[string]string{
	"APMBC": "apmbc.html", "CCM": "ccm.html", "CCW": "ccw.html", "CCW-APII": "ccw_p2a.html",
	"CCW-PV": "ccw_p5.html", "ATT": "att.html", "CRPD": "crpd.html",
}

func open(t *testing.T, rel string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(datasets, rel))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func loadStates(t *testing.T) *states.Resolver {
	t.Helper()
	r, err := states.Load(open(t, "states.csv"), open(t, "state_names.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// loadMembership reads and merges the membership CSVs in file-name order, as the run
// does with the manifest's glob.
func loadMembership(t *testing.T, r *states.Resolver) []rawtable.Participation {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(datasets, "membership", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("membership files: %v %v", files, err)
	}
	slices.Sort(files)
	var all []rawtable.Participation
	for _, f := range files {
		rel, _ := filepath.Rel(datasets, f)
		rows, _, err := csvsrc.ReadParticipation(open(t, rel), rel, r)
		if err != nil {
			t.Fatal(err)
		}
		all, _ = csvsrc.MergeParticipation(all, rows)
	}
	return all
}

func loadPages(t *testing.T) map[string]reconcile.Source {
	t.Helper()
	pages := map[string]reconcile.Source{}
	for id, name := range pageFiles {
		rel := filepath.Join("untc", name)
		p, err := untc.Decode(open(t, rel), rel)
		if err != nil {
			t.Fatal(err)
		}
		pages[id] = reconcile.Source{Page: p, File: rel}
	}
	return pages
}

type realRun struct {
	before, published []rawtable.Participation
	disc              []rawtable.SourceDiscrepancy
	rejects           []rawtable.Reject
	pages             map[string]reconcile.Source
}

func reconcileReal(t *testing.T) realRun {
	t.Helper()
	r := loadStates(t)
	csv := loadMembership(t, r)
	pages := loadPages(t)
	pub, disc, rej := reconcile.Participation(csv, pages, captured, r)
	return realRun{csv, pub, disc, rej, pages}
}

// parties counts the states of instrument that have consented on or before day and
// whose withdrawal has not taken effect by then: the depositary's "Parties".
func parties(rows []rawtable.Participation, instrument string, day civil.Day) int {
	n := 0
	for _, p := range rows {
		if p.InstrumentID == instrument && p.ConsentDate != nil && *p.ConsentDate <= day &&
			(p.WithdrawalEffectiveDate == nil || *p.WithdrawalEffectiveDate > day) {
			n++
		}
	}
	return n
}

func find(rows []rawtable.Participation, instrument, state string) *rawtable.Participation {
	for i := range rows {
		if rows[i].InstrumentID == instrument && rows[i].StateID == state {
			return &rows[i]
		}
	}
	return nil
}

// TestRealPartiesMatchHeaders checks that after reconciliation each instrument's
// parties on the capture day equal the "Parties" count in its page header.
//
// What the depositary counts: the rows whose consent date is not in square brackets.
// The CCM header's 112 does not count Lithuania, whose row is bracketed (withdrawal
// effective 2025-03-06, note 3); it counts Vanuatu (accession 5 Sep 2025), which the CSV
// lacks: 112 consents in the CSV − Lithuania + Vanuatu = 112. APMBC's 162 likewise
// leaves out the four withdrawals effective before the capture (Estonia, Latvia and
// Lithuania on 2025-12-27, Finland on 2026-01-10) and counts Poland, whose withdrawal
// takes effect on 2026-02-20, after it. The CRPD header's 193 includes the European
// Union, which is not a state: 192 states, and the EU as a reject.
func TestRealPartiesMatchHeaders(t *testing.T) {
	rr := reconcileReal(t)
	tests := []struct {
		instrument    string
		before, after int // parties on the capture day in the CSVs, after reconciliation
		notStates     int // participants the header counts that are not states
	}{
		{"APMBC", 162, 162, 0},
		{"CCM", 111, 112, 0},      // + Vanuatu
		{"CCW", 126, 128, 0},      // + Malawi (date), Trinidad and Tobago
		{"CCW-APII", 105, 107, 0}, // + Benin (date), Trinidad and Tobago
		// + Philippines (date), Lesotho, Montenegro, UK, Trinidad and Tobago. Lebanon's row
		// (from memory, no source cited) is rejected by the reader before reconciliation.
		{"CCW-PV", 94, 99, 0},
		{"ATT", 117, 117, 0},
		{"CRPD", 192, 192, 1}, // + the European Union, rejected
	}
	for _, tc := range tests {
		t.Run(tc.instrument, func(t *testing.T) {
			header := rr.pages[tc.instrument].Page.DeclaredParties
			if header == nil {
				t.Fatal("no Parties count in the page header")
			}
			before, after := parties(rr.before, tc.instrument, captured), parties(rr.published, tc.instrument, captured)
			t.Logf("parties on %s: csv %d, reconciled %d, header %d", captured, before, after, *header)
			if before != tc.before {
				t.Errorf("csv parties %d, want %d", before, tc.before)
			}
			if after != tc.after {
				t.Errorf("reconciled parties %d, want %d", after, tc.after)
			}
			if after+tc.notStates != *header {
				t.Errorf("reconciled parties %d + %d not states != header's %d", after, tc.notStates, *header)
			}
		})
	}
}

// TestRealEuropeanUnion: the CRPD page's European Union row (crpd.html, the row
// starting on line 1317, "23 Dec 2010 c", formal confirmation) is the one reject:
// reconcile refuses it as not a state.
func TestRealEuropeanUnion(t *testing.T) {
	rr := reconcileReal(t)
	if len(rr.rejects) != 1 {
		t.Fatalf("%d rejects, want 1: %+v", len(rr.rejects), rr.rejects)
	}
	rej := rr.rejects[0]
	if rej.SourceFile != filepath.Join("untc", "crpd.html") || rej.Line != 1317 {
		t.Errorf("reject at %s:%d, want untc/crpd.html:1317", rej.SourceFile, rej.Line)
	}
	if rej.Reason != reconcile.ReasonNotAState {
		t.Errorf("reject %+v: want %q", rej, reconcile.ReasonNotAState)
	}
	t.Logf("reject: %+v", rej)
}

func TestRealRows(t *testing.T) {
	rr := reconcileReal(t)
	day := func(y int, m time.Month, d int) string { return civil.Date(y, m, d).String() }
	text := func(d *civil.Day) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	kind := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	ccwURL := reconcile.PageURL("XXVI-2")
	tests := []struct {
		name, instrument, state string
		consent, kind           string
		notified, effective     string
		eifNil                  bool   // entry into force left for the run to derive
		added                   bool   // a row only the page has
		confidence              string // a note the row's confidence must contain
	}{
		// The CCW page: Malawi "23 Sep 2022 a" (the CSV had no date), Trinidad and Tobago
		// "29 Jul 2024 a" (not in the CSV).
		{name: "CCW Malawi", instrument: "CCW", state: "MWI", consent: day(2022, 9, 23), kind: "accession", eifNil: true,
			confidence: "consent_date from the depositary page captured 2026-02-03"},
		{name: "CCW Trinidad and Tobago", instrument: "CCW", state: "TTO", consent: day(2024, 7, 29), kind: "accession", eifNil: true, added: true},
		// Protocol V: the Philippines "10 May 2022 P" (no date in the CSV), the United
		// Kingdom "13 May 2024 P" and Trinidad and Tobago "29 Jul 2024 P" (not in the CSV).
		{name: "PV Philippines", instrument: "CCW-PV", state: "PHL", consent: day(2022, 5, 10), kind: "consent_to_be_bound", eifNil: true},
		{name: "PV United Kingdom", instrument: "CCW-PV", state: "GBR", consent: day(2024, 5, 13), kind: "consent_to_be_bound", eifNil: true, added: true},
		{name: "PV Trinidad and Tobago", instrument: "CCW-PV", state: "TTO", consent: day(2024, 7, 29), kind: "consent_to_be_bound", eifNil: true, added: true},
		{name: "PV Lesotho", instrument: "CCW-PV", state: "LSO", consent: day(2016, 4, 25), kind: "consent_to_be_bound", eifNil: true, added: true},
		{name: "PV Montenegro", instrument: "CCW-PV", state: "MNE", consent: day(2016, 5, 20), kind: "consent_to_be_bound", eifNil: true, added: true},
		// Amended Protocol II: Benin "27 Sep 2019 P" (no date in the CSV).
		{name: "APII Benin", instrument: "CCW-APII", state: "BEN", consent: day(2019, 9, 27), kind: "consent_to_be_bound", eifNil: true},
		// CCM note 3: notified 6 Sep 2024, effective 6 Mar 2025; the CSV had computed the
		// notification, which the page confirms.
		{name: "CCM Lithuania", instrument: "CCM", state: "LTU", consent: day(2011, 3, 24), kind: "ratification",
			notified: day(2024, 9, 6), effective: day(2025, 3, 6), confidence: "withdrawal_notified_date confirmed by the depositary page captured 2026-02-03"},
		{name: "CCM Vanuatu", instrument: "CCM", state: "VUT", consent: day(2025, 9, 5), kind: "accession", eifNil: true, added: true},
		// APMBC note 8: notified 20 Aug 2025, "will take effect for Poland on 20 February
		// 2026", after the capture: the CSV's date from a later source is kept (the page
		// agrees).
		{name: "APMBC Poland", instrument: "APMBC", state: "POL", consent: day(2012, 12, 27), kind: "ratification",
			notified: day(2025, 8, 20), effective: day(2026, 2, 20)},
		// Tonga: the page's "25 Jun 2025 a" wins over the CSV's 26 June (a news report);
		// its entry into force, 1 Dec 2025 as the source states, still follows.
		{name: "APMBC Tonga", instrument: "APMBC", state: "TON", consent: day(2025, 6, 25), kind: "accession",
			confidence: "consent_date from the depositary page captured 2026-02-03"},
		// Côte d'Ivoire's CCW instrument is an acceptance ("A"), not an accession.
		{name: "CCW Côte d'Ivoire", instrument: "CCW", state: "CIV", consent: day(2016, 5, 25), kind: "acceptance",
			confidence: "consent_type from the depositary page captured 2026-02-03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := find(rr.published, tc.instrument, tc.state)
			if p == nil {
				t.Fatal("no row")
			}
			if got := text(p.ConsentDate); got != tc.consent {
				t.Errorf("consent %q, want %q", got, tc.consent)
			}
			if got := kind(p.ConsentKind); got != tc.kind {
				t.Errorf("consent kind %q, want %q", got, tc.kind)
			}
			if got := text(p.WithdrawalNotifiedDate); got != tc.notified {
				t.Errorf("withdrawal notified %q, want %q", got, tc.notified)
			}
			if got := text(p.WithdrawalEffectiveDate); got != tc.effective {
				t.Errorf("withdrawal effective %q, want %q", got, tc.effective)
			}
			if (p.EntryIntoForceDate == nil) != tc.eifNil {
				t.Errorf("entry into force %v, want nil: %v", p.EntryIntoForceDate, tc.eifNil)
			}
			wasInCSV := find(rr.before, tc.instrument, tc.state) != nil
			if wasInCSV == tc.added {
				t.Errorf("in the CSV: %v, want added: %v", wasInCSV, tc.added)
			}
			if tc.added {
				wantFile := filepath.Join("untc", pageFiles[tc.instrument])
				if p.SourceFile != wantFile || p.SourceURL != reconcile.PageURL(rr.pages[tc.instrument].Page.TreatyID) ||
					p.Confidence != "source: depositary page captured 2026-02-03" {
					t.Errorf("added row's provenance %s:%d %q %q", p.SourceFile, p.SourceLine, p.SourceURL, p.Confidence)
				}
			}
			if tc.confidence != "" && !strings.Contains(p.Confidence, tc.confidence) {
				t.Errorf("confidence %q lacks %q", p.Confidence, tc.confidence)
			}
		})
	}
	if got := rr.pages["CCW"].Page.TreatyID; reconcile.PageURL(got) != ccwURL {
		t.Errorf("CCW page id %q", got)
	}

	// Poland is a party on the capture day and not from 2026-02-20.
	if n, m := parties(rr.published, "APMBC", civil.Date(2026, 2, 19)), parties(rr.published, "APMBC", civil.Date(2026, 2, 20)); n != 162 || m != 161 {
		t.Errorf("APMBC parties on 2026-02-19 and 2026-02-20: %d, %d; want 162, 161", n, m)
	}
}

// TestRealDiscrepancies pins the discrepancies between the CSVs and the pages: how many
// fields each rule settled (a field is two rows, CSV and page, except for rows only the
// page has), so that a change in either source shows up here.
func TestRealDiscrepancies(t *testing.T) {
	rr := reconcileReal(t)
	type fk struct{ key, field string }
	byRule := map[string]map[fk]bool{}
	for _, d := range rr.disc {
		if d.Entity != "participation" {
			t.Errorf("entity %q", d.Entity)
		}
		if byRule[d.Rule] == nil {
			byRule[d.Rule] = map[fk]bool{}
		}
		byRule[d.Rule][fk{d.EntityKey, d.Field}] = true
	}
	for rule, fields := range byRule {
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k.key+" "+k.field)
		}
		slices.Sort(keys)
		t.Logf("%s: %d fields: %v", rule, len(fields), keys)
	}
	want := map[string]int{
		// Tonga consent_date; Côte d'Ivoire consent_type; Malawi, Benin, Philippines
		// consent_date and consent_type (the CSV had the type for Malawi, Benin and the
		// Philippines: their consent_type differs only when the page's differs).
		reconcile.RuleDepositaryWins: 5,
		// Vanuatu (CCM), Trinidad and Tobago (CCW, APII, PV), Lesotho, Montenegro, the
		// United Kingdom (PV): state_name, consent_date and consent_type each.
		reconcile.RuleOnlyInDepositary: 7 * 3,
		// None: Lebanon's Protocol V row, the one CSV row the page lacks, cites no source
		// and never reaches reconciliation (csvsrc rejects it).
		reconcile.RuleOnlyInCSV: 0,
	}
	for rule, n := range want {
		if got := len(byRule[rule]); got != n {
			t.Errorf("%s: %d fields, want %d", rule, got, n)
		}
	}
	if len(byRule[reconcile.RuleLaterSourceWins]) != 0 {
		t.Errorf("later dated source wins: %d fields, want 0 (Poland's page and CSV agree)", len(byRule[reconcile.RuleLaterSourceWins]))
	}
	// Reconciling the published rows again changes nothing more than the CSV-only row.
	pub2, disc2, _ := reconcile.Participation(rr.published, rr.pages, captured, loadStates(t))
	for _, d := range disc2 {
		if d.Rule != reconcile.RuleOnlyInCSV {
			t.Errorf("second pass: %+v", d)
		}
	}
	if len(pub2) != len(rr.published) {
		t.Errorf("second pass: %d rows, first %d", len(pub2), len(rr.published))
	}
}
