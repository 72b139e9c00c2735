package reconcile_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/reconcile"
	"synergy/pipeline/untc"
)

// mapResolver resolves the names and codes it holds.
type mapResolver map[string]string

func (m mapResolver) Resolve(name string) (string, bool) {
	id, ok := m[name]
	return id, ok
}

var testStates = mapResolver{
	"Norway": "NOR", "Poland": "POL", "Tonga": "TON", "Malawi": "MWI", "Lebanon": "LBN",
	"Lithuania": "LTU", "Republic of Korea": "KOR", "Chile": "CHL", "Peru": "PER",
}

// Hand-made pages are captured on 2026-02-03, like the real ones.
var day0 = civil.Date(2026, 2, 3)

func d(s string) *civil.Day {
	if s == "" {
		return nil
	}
	day, err := civil.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return &day
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// csvRow is a membership row of instrument X with the fields the rules look at.
func csvRow(state, sig, consent, kind, eif, notified, effective string, line int32) rawtable.Participation {
	p := rawtable.Participation{
		StateID: testStates[state], InstrumentID: "X", Spell: 1, StateNameInSource: state,
		SignatureDate: d(sig), ConsentDate: d(consent), ConsentKind: str(kind), EntryIntoForceDate: d(eif),
		WithdrawalNotifiedDate: d(notified), WithdrawalEffectiveDate: d(effective),
		SourceURL: "https://example.org/" + state, Confidence: "source; eif computed", SourceFile: "x.csv", SourceLine: line,
		EntryIntoForceDerived: eif != "",
	}
	if effective != "" {
		p.WithdrawalStatus = str("effective")
	} else if notified != "" {
		p.WithdrawalStatus = str("notified")
	}
	return p
}

// participant is a page row; bracketed marks an ended participation.
func participant(line int, name, sig, consent string, kind untc.Kind, bracketed bool, notes ...string) untc.Participant {
	return untc.Participant{Line: line, Name: name, Footnotes: notes, Signature: d(sig), SignatureBracketed: bracketed && sig != "",
		Consent: d(consent), ConsentKind: kind, ConsentBracketed: bracketed}
}

func page(parts []untc.Participant, notes ...untc.Footnote) map[string]reconcile.Source {
	return map[string]reconcile.Source{"X": {Page: &untc.Page{TreatyID: "XXVI-9", Participants: parts, Footnotes: notes}, File: "x.html"}}
}

const xURL = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-9&chapter=26&clang=_en"

// rowText summarises a published row: state, spell, signature, consent, kind, entry into
// force, withdrawal notified and effective, status, file:line.
func rowText(p rawtable.Participation) string {
	t := func(d *civil.Day) string {
		if d == nil {
			return "-"
		}
		return d.String()
	}
	s := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	return fmt.Sprintf("%s/%s/%d sig=%s consent=%s %s eif=%s wd=%s/%s %s %s:%d", p.InstrumentID, p.StateID, p.Spell,
		t(p.SignatureDate), t(p.ConsentDate), s(p.ConsentKind), t(p.EntryIntoForceDate),
		t(p.WithdrawalNotifiedDate), t(p.WithdrawalEffectiveDate), s(p.WithdrawalStatus), p.SourceFile, p.SourceLine)
}

// discText summarises a discrepancy row.
func discText(x rawtable.SourceDiscrepancy) string {
	used := ""
	if x.Used {
		used = " USED"
	}
	return fmt.Sprintf("%s %s %q%s (%s) %s:%d", x.EntityKey, x.Field, x.Value, used, x.Rule, x.SourceFile, x.SourceLine)
}

func TestParticipationRules(t *testing.T) {
	tests := []struct {
		name     string
		csv      []rawtable.Participation
		pages    map[string]reconcile.Source
		wantRows []string
		wantDisc []string
		wantRej  []string
	}{
		{
			name:     "agree: nothing to say",
			csv:      []rawtable.Participation{csvRow("Norway", "2008-12-03", "2008-12-03", "ratification", "2010-08-01", "", "", 2)},
			pages:    page([]untc.Participant{participant(10, "Norway", "2008-12-03", "2008-12-03", untc.KindRatification, false)}),
			wantRows: []string{"X/NOR/1 sig=2008-12-03 consent=2008-12-03 ratification eif=2010-08-01 wd=-/- - x.csv:2"},
		},
		{
			name:     "depositary wins: different consent date and kind; derived entry into force cleared",
			csv:      []rawtable.Participation{csvRow("Tonga", "", "2025-06-26", "ratification", "2025-12-01", "", "", 2)},
			pages:    page([]untc.Participant{participant(10, "Tonga", "", "2025-06-25", untc.KindAccession, false)}),
			wantRows: []string{"X/TON/1 sig=- consent=2025-06-25 accession eif=- wd=-/- - x.csv:2"},
			wantDisc: []string{
				`X/TON/1 consent_date "2025-06-26" (depositary wins) x.csv:2`,
				`X/TON/1 consent_date "2025-06-25" USED (depositary wins) x.html:10`,
				`X/TON/1 consent_type "ratification" (depositary wins) x.csv:2`,
				`X/TON/1 consent_type "accession" USED (depositary wins) x.html:10`,
			},
		},
		{
			name:     "depositary wins: fills a consent date the CSV lacks",
			csv:      []rawtable.Participation{csvRow("Malawi", "", "", "accession", "", "", "", 4)},
			pages:    page([]untc.Participant{participant(11, "Malawi", "", "2022-09-23", untc.KindAccession, false)}),
			wantRows: []string{"X/MWI/1 sig=- consent=2022-09-23 accession eif=- wd=-/- - x.csv:4"},
			wantDisc: []string{
				`X/MWI/1 consent_date "" (depositary wins) x.csv:4`,
				`X/MWI/1 consent_date "2022-09-23" USED (depositary wins) x.html:11`,
			},
		},
		{
			name: "depositary wins: bracketed row takes the withdrawal from the end note",
			csv:  []rawtable.Participation{csvRow("Lithuania", "2008-12-03", "2011-03-24", "ratification", "2011-09-01", "", "", 5)},
			pages: page([]untc.Participant{participant(12, "Lithuania", "2008-12-03", "2011-03-24", untc.KindRatification, true, "3")},
				untc.Footnote{Ref: "3", Line: 90, Text: "On 6 September 2024, the Government of the Republic of Lithuania deposited with the Secretary-General a notification of withdrawal. The withdrawal took effect for Lithuania on 6 March 2025 in accordance with article 20 (3) of the Convention."}),
			wantRows: []string{"X/LTU/1 sig=2008-12-03 consent=2011-03-24 ratification eif=2011-09-01 wd=2024-09-06/2025-03-06 effective x.csv:5"},
			wantDisc: []string{
				`X/LTU/1 withdrawal_notified_date "" (depositary wins) x.csv:5`,
				`X/LTU/1 withdrawal_notified_date "2024-09-06" USED (depositary wins) x.html:90`,
				`X/LTU/1 withdrawal_effective_date "" (depositary wins) x.csv:5`,
				`X/LTU/1 withdrawal_effective_date "2025-03-06" USED (depositary wins) x.html:90`,
			},
		},
		{
			name: "later dated source wins: effective date after the capture",
			csv:  []rawtable.Participation{csvRow("Poland", "1997-12-04", "2012-12-27", "ratification", "2013-06-01", "2025-08-20", "2026-02-21", 6)},
			pages: page([]untc.Participant{participant(13, "Poland", "1997-12-04", "2012-12-27", untc.KindRatification, false, "8")},
				untc.Footnote{Ref: "8", Line: 95, Text: "On 20 August 2025, the Government of Poland deposited with the Secretary-General a notification of withdrawal. The withdrawal will take effect for Poland on 20 February 2026 in accordance with article 20 (3) of the Convention."}),
			wantRows: []string{"X/POL/1 sig=1997-12-04 consent=2012-12-27 ratification eif=2013-06-01 wd=2025-08-20/2026-02-21 effective x.csv:6"},
			wantDisc: []string{
				`X/POL/1 withdrawal_effective_date "2026-02-21" USED (later dated source wins) x.csv:6`,
				`X/POL/1 withdrawal_effective_date "2026-02-20" (later dated source wins) x.html:95`,
			},
		},
		{
			name:     "later dated source wins: consent after the capture, not yet on the page",
			csv:      []rawtable.Participation{csvRow("Peru", "", "2026-03-01", "accession", "", "", "", 7)},
			pages:    page([]untc.Participant{participant(14, "Peru", "", "", "", false)}),
			wantRows: []string{"X/PER/1 sig=- consent=2026-03-01 accession eif=- wd=-/- - x.csv:7"},
			wantDisc: []string{
				`X/PER/1 consent_date "2026-03-01" USED (later dated source wins) x.csv:7`,
				`X/PER/1 consent_date "" (later dated source wins) x.html:14`,
				`X/PER/1 consent_type "accession" USED (later dated source wins) x.csv:7`,
				`X/PER/1 consent_type "" (later dated source wins) x.html:14`,
			},
		},
		{
			name: "only in depositary: party, signatory and ended participation added",
			pages: page([]untc.Participant{
				participant(20, "Chile", "2008-12-03", "2010-12-16", untc.KindRatification, false),
				participant(21, "Peru", "2008-12-03", "", "", false),
				participant(22, "Lithuania", "", "2011-03-24", untc.KindRatification, true, "3"),
			}, untc.Footnote{Ref: "3", Line: 90, Text: "On 6 September 2024, the Government of the Republic of Lithuania deposited with the Secretary-General a notification of withdrawal. The withdrawal took effect for Lithuania on 6 March 2025."}),
			wantRows: []string{
				"X/CHL/1 sig=2008-12-03 consent=2010-12-16 ratification eif=- wd=-/- - x.html:20",
				"X/LTU/1 sig=- consent=2011-03-24 ratification eif=- wd=2024-09-06/2025-03-06 effective x.html:22",
				"X/PER/1 sig=2008-12-03 consent=- - eif=- wd=-/- - x.html:21",
			},
			wantDisc: []string{
				`X/CHL/1 state_name "Chile" USED (only in depositary) x.html:20`,
				`X/CHL/1 signature_date "2008-12-03" USED (only in depositary) x.html:20`,
				`X/CHL/1 consent_date "2010-12-16" USED (only in depositary) x.html:20`,
				`X/CHL/1 consent_type "ratification" USED (only in depositary) x.html:20`,
				`X/LTU/1 state_name "Lithuania" USED (only in depositary) x.html:22`,
				`X/LTU/1 consent_date "2011-03-24" USED (only in depositary) x.html:22`,
				`X/LTU/1 consent_type "ratification" USED (only in depositary) x.html:22`,
				`X/LTU/1 withdrawal_notified_date "2024-09-06" USED (only in depositary) x.html:90`,
				`X/LTU/1 withdrawal_effective_date "2025-03-06" USED (only in depositary) x.html:90`,
				`X/PER/1 state_name "Peru" USED (only in depositary) x.html:21`,
				`X/PER/1 signature_date "2008-12-03" USED (only in depositary) x.html:21`,
			},
		},
		{
			name: "only in csv: earlier dates not published, later ones kept",
			csv: []rawtable.Participation{
				csvRow("Lebanon", "", "2017-04-05", "consent_to_be_bound", "2017-10-05", "", "", 9),
				csvRow("Peru", "", "2026-03-01", "accession", "", "", "", 10),
			},
			pages: page([]untc.Participant{participant(10, "Norway", "", "1983-06-07", untc.KindRatification, false)}),
			wantRows: []string{
				"X/LBN/1 sig=- consent=- - eif=- wd=-/- - x.csv:9",
				"X/NOR/1 sig=- consent=1983-06-07 ratification eif=- wd=-/- - x.html:10",
				"X/PER/1 sig=- consent=2026-03-01 accession eif=- wd=-/- - x.csv:10",
			},
			wantDisc: []string{
				`X/LBN/1 state_name "Lebanon" USED (only in csv) x.csv:9`,
				`X/LBN/1 state_name "" (only in csv) x.html:0`,
				`X/LBN/1 consent_date "2017-04-05" (only in csv) x.csv:9`,
				`X/LBN/1 consent_date "" USED (only in csv) x.html:0`,
				`X/LBN/1 consent_type "consent_to_be_bound" (only in csv) x.csv:9`,
				`X/LBN/1 consent_type "" USED (only in csv) x.html:0`,
				`X/LBN/1 entry_into_force_date "2017-10-05" (only in csv) x.csv:9`,
				`X/LBN/1 entry_into_force_date "" USED (only in csv) x.html:0`,
				`X/NOR/1 state_name "Norway" USED (only in depositary) x.html:10`,
				`X/NOR/1 consent_date "1983-06-07" USED (only in depositary) x.html:10`,
				`X/NOR/1 consent_type "ratification" USED (only in depositary) x.html:10`,
				`X/PER/1 state_name "Peru" USED (only in csv) x.csv:10`,
				`X/PER/1 state_name "" (only in csv) x.html:0`,
				`X/PER/1 consent_date "2026-03-01" USED (only in csv) x.csv:10`,
				`X/PER/1 consent_date "" (only in csv) x.html:0`,
				`X/PER/1 consent_type "accession" USED (only in csv) x.csv:10`,
				`X/PER/1 consent_type "" (only in csv) x.html:0`,
			},
		},
		{
			name:     "page without signatures keeps the CSV's",
			csv:      []rawtable.Participation{csvRow("Norway", "1981-04-10", "1983-06-07", "ratification", "", "", "", 2)},
			pages:    page([]untc.Participant{participant(10, "Norway", "", "1983-06-07", untc.KindRatification, false)}),
			wantRows: []string{"X/NOR/1 sig=1981-04-10 consent=1983-06-07 ratification eif=- wd=-/- - x.csv:2"},
		},
		{
			name: "bracketed row without a readable note keeps the CSV's withdrawal",
			csv:  []rawtable.Participation{csvRow("Lithuania", "", "2011-03-24", "ratification", "", "2024-09-06", "2025-03-06", 5)},
			pages: page([]untc.Participant{
				participant(12, "Lithuania", "", "2011-03-24", untc.KindRatification, true, "3"),
				participant(13, "Chile", "2008-12-03", "2010-12-16", untc.KindRatification, false),
			}),
			wantRows: []string{
				"X/CHL/1 sig=2008-12-03 consent=2010-12-16 ratification eif=- wd=-/- - x.html:13",
				"X/LTU/1 sig=- consent=2011-03-24 ratification eif=- wd=2024-09-06/2025-03-06 effective x.csv:5",
			},
			wantDisc: []string{
				`X/CHL/1 state_name "Chile" USED (only in depositary) x.html:13`,
				`X/CHL/1 signature_date "2008-12-03" USED (only in depositary) x.html:13`,
				`X/CHL/1 consent_date "2010-12-16" USED (only in depositary) x.html:13`,
				`X/CHL/1 consent_type "ratification" USED (only in depositary) x.html:13`,
			},
		},
		{
			name: "a withdrawn reservation is not a withdrawal",
			csv:  []rawtable.Participation{csvRow("Republic of Korea", "", "2008-12-11", "ratification", "", "", "", 3)},
			pages: page([]untc.Participant{participant(10, "Republic of Korea", "", "2008-12-11", untc.KindRatification, false, "14")},
				untc.Footnote{Ref: "14", Line: 99, Text: "On 23 December 2021, the Government of the Republic of Korea notified the Secretary-General of its decision to withdraw the following reservation made upon ratification. It took effect on 23 December 2021."}),
			wantRows: []string{"X/KOR/1 sig=- consent=2008-12-11 ratification eif=- wd=-/- - x.csv:3"},
		},
		{
			name: "spells: the page speaks of the spell in force at the capture; earlier ones pass",
			csv: []rawtable.Participation{
				csvRow("Norway", "", "1999-01-01", "ratification", "", "2005-01-01", "2005-07-01", 2),
				func() rawtable.Participation {
					p := csvRow("Norway", "", "2010-01-01", "accession", "", "", "", 3)
					p.Spell = 2
					return p
				}(),
			},
			pages: page([]untc.Participant{participant(10, "Norway", "", "2010-01-02", untc.KindAccession, false)}),
			wantRows: []string{
				"X/NOR/1 sig=- consent=1999-01-01 ratification eif=- wd=2005-01-01/2005-07-01 effective x.csv:2",
				"X/NOR/2 sig=- consent=2010-01-02 accession eif=- wd=-/- - x.csv:3",
			},
			wantDisc: []string{
				`X/NOR/2 consent_date "2010-01-01" (depositary wins) x.csv:3`,
				`X/NOR/2 consent_date "2010-01-02" USED (depositary wins) x.html:10`,
			},
		},
		{
			name: "rejects: regional organization, unknown name, duplicate, unread page row",
			pages: map[string]reconcile.Source{"X": {File: "x.html", Page: &untc.Page{
				TreatyID: "IV-15",
				Participants: []untc.Participant{
					participant(30, "European Union", "2007-03-30", "2010-12-23", "formal_confirmation", false),
					participant(31, "Atlantis", "", "2010-01-01", untc.KindAccession, false),
					participant(32, "Chile", "", "2010-01-01", untc.KindAccession, false),
					participant(33, "Chile", "", "2010-01-01", untc.KindAccession, false),
				},
				Rejects: []*untc.ParseError{{File: "x.html", Line: 29, Field: "consent", Err: fmt.Errorf("%w %q", untc.ErrBadMarker, "c")}},
			}}},
			wantRows: []string{"X/CHL/1 sig=- consent=2010-01-01 accession eif=- wd=-/- - x.html:32"},
			wantDisc: []string{
				`X/CHL/1 state_name "Chile" USED (only in depositary) x.html:32`,
				`X/CHL/1 consent_date "2010-01-01" USED (only in depositary) x.html:32`,
				`X/CHL/1 consent_type "accession" USED (only in depositary) x.html:32`,
			},
			wantRej: []string{
				`x.html:29 consent: depositary row not read: bad marker "c" []`,
				`x.html:30 participant: regional integration organization, not a state [European Union]`,
				`x.html:31 participant: does not resolve to a state: "Atlantis" [Atlantis]`,
				`x.html:33 participant: second row for the same state on the page: CHL [Chile]`,
			},
		},
		{
			name: "instruments without a page pass unchanged",
			csv: []rawtable.Participation{func() rawtable.Participation {
				p := csvRow("Norway", "", "1983-06-07", "ratification", "", "", "", 2)
				p.InstrumentID = "Y"
				return p
			}()},
			pages:    page(nil),
			wantRows: []string{"Y/NOR/1 sig=- consent=1983-06-07 ratification eif=- wd=-/- - x.csv:2"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := slices.Clone(tc.csv)
			beforeText := mapSlice(tc.csv, rowText)
			pub, disc, rej := reconcile.Participation(tc.csv, tc.pages, day0, testStates)
			if diff := cmp.Diff(tc.wantRows, mapSlice(pub, rowText)); diff != "" {
				t.Errorf("published (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantDisc, mapSlice(disc, discText)); diff != "" {
				t.Errorf("discrepancies (-want +got):\n%s", diff)
			}
			rejText := func(r rawtable.Reject) string {
				return fmt.Sprintf("%s:%d %s: %s [%s]", r.SourceFile, r.Line, r.Field, r.Reason, r.Raw)
			}
			if diff := cmp.Diff(tc.wantRej, mapSlice(rej, rejText)); diff != "" {
				t.Errorf("rejects (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(beforeText, mapSlice(tc.csv, rowText)); diff != "" || !slices.EqualFunc(before, tc.csv, func(a, b rawtable.Participation) bool {
				return a.Confidence == b.Confidence && a.SourceURL == b.SourceURL
			}) {
				t.Errorf("input modified (-before +after):\n%s", diff)
			}
			for _, x := range disc {
				if x.Entity != "participation" || x.Used != (x.Value == x.UsedValue) {
					t.Errorf("discrepancy %+v: entity or used flag", x)
				}
				if x.SourceFile == "x.html" && x.SourceURL != reconcile.PageURL(tc.pages["X"].Page.TreatyID) {
					t.Errorf("page value cites %q", x.SourceURL)
				}
			}
		})
	}
}

func mapSlice[T any](xs []T, f func(T) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// TestProvenance checks what a changed row and an added row say about their sources.
func TestProvenance(t *testing.T) {
	csv := []rawtable.Participation{csvRow("Tonga", "", "2025-06-26", "accession", "2025-12-01", "", "", 2)}
	csv[0].Confidence, csv[0].EntryIntoForceDerived = "source", false
	pages := page([]untc.Participant{
		participant(10, "Tonga", "", "2025-06-25", untc.KindAccession, false),
		participant(11, "Chile", "", "2010-12-16", untc.KindRatification, false),
	})
	pub, _, _ := reconcile.Participation(csv, pages, day0, testStates)
	if len(pub) != 2 {
		t.Fatalf("%d rows", len(pub))
	}
	chile, tonga := pub[0], pub[1]
	if tonga.SourceURL != "https://example.org/Tonga ; "+xURL ||
		tonga.Confidence != "source; consent_date from the depositary page captured 2026-02-03" {
		t.Errorf("Tonga: %q %q", tonga.SourceURL, tonga.Confidence)
	}
	// A stated entry into force is kept when the consent date moves.
	if tonga.EntryIntoForceDate == nil || tonga.EntryIntoForceDate.String() != "2025-12-01" {
		t.Errorf("Tonga entry into force %v, want 2025-12-01 kept", tonga.EntryIntoForceDate)
	}
	want := rawtable.Participation{StateID: "CHL", InstrumentID: "X", Spell: 1, StateNameInSource: "Chile",
		ConsentDate: d("2010-12-16"), ConsentKind: str("ratification"), SourceURL: xURL,
		Confidence: "source: depositary page captured 2026-02-03", SourceFile: "x.html", SourceLine: 11}
	if diff := cmp.Diff(want, chile); diff != "" {
		t.Errorf("added row (-want +got):\n%s", diff)
	}
}

func TestPageURL(t *testing.T) {
	for id, want := range map[string]string{
		"XXVI-5":   "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26&clang=_en",
		"XXVI-2-b": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-2-b&chapter=26&clang=_en",
		"IV-15":    "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-15&chapter=4&clang=_en",
		"":         "",
		"XXVI":     "",
		"26-5":     "",
	} {
		if got := reconcile.PageURL(id); got != want {
			t.Errorf("PageURL(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestDeterministic reconciles the same input given in a different order.
func TestDeterministic(t *testing.T) {
	csv := []rawtable.Participation{
		csvRow("Tonga", "", "2025-06-26", "accession", "", "", "", 2),
		csvRow("Lebanon", "", "2017-04-05", "accession", "", "", "", 3),
		csvRow("Malawi", "", "", "", "", "", "", 4),
	}
	pages := page([]untc.Participant{
		participant(10, "Tonga", "", "2025-06-25", untc.KindAccession, false),
		participant(11, "Malawi", "", "2022-09-23", untc.KindAccession, false),
		participant(12, "Chile", "", "2010-12-16", untc.KindRatification, false),
	})
	pages["Z"] = reconcile.Source{File: "z.html", Page: &untc.Page{TreatyID: "XXVI-8"}}
	pub1, disc1, _ := reconcile.Participation(csv, pages, day0, testStates)
	slices.Reverse(csv)
	slices.Reverse(pages["X"].Page.Participants)
	pub2, disc2, _ := reconcile.Participation(csv, pages, day0, testStates)
	if diff := cmp.Diff(mapSlice(pub1, rowText), mapSlice(pub2, rowText)); diff != "" {
		t.Errorf("published depends on input order:\n%s", diff)
	}
	// Added rows cite their page line, which moved with the reversal only in order.
	if diff := cmp.Diff(mapSlice(disc1, discText), mapSlice(disc2, discText)); diff != "" {
		t.Errorf("discrepancies depend on input order:\n%s", diff)
	}
}

func TestNilResolverPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "reconcile: ") {
			t.Errorf("recover() = %v, want a reconcile: panic", r)
		}
	}()
	reconcile.Participation(nil, nil, day0, nil)
}

// TestEndedWithoutDate: a bracketed row whose end note gives no date is kept as the
// data say, and its confidence says the depositary shows the participation as ended.
func TestEndedWithoutDate(t *testing.T) {
	pages := page([]untc.Participant{participant(10, "Lithuania", "", "2011-03-24", untc.KindRatification, true, "3")})
	pub, _, _ := reconcile.Participation(nil, pages, day0, testStates)
	if len(pub) != 1 || !strings.Contains(pub[0].Confidence, reconcile.NoteEndedUndated) || pub[0].WithdrawalEffectiveDate != nil {
		t.Errorf("published %+v, want one row noting %q", pub, reconcile.NoteEndedUndated)
	}
}
