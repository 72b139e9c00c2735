package treaty

import (
	"errors"
	"testing"

	"synergy/pipeline/civil"
)

// Rule strings as in datasets/instruments.csv.
const (
	apmbc = "first_day_of_month_after:6;not_before:1999-03-01;art:17(2)"
	ccm   = "first_day_of_month_after:6;not_before:2010-08-01;art:17(2)"
	ccw   = "months_after_deposit:6;not_before:1983-12-02;art:5(2)"
	pv    = "months_after_deposit:6;not_before:2006-11-12;art:5(4)"
	apii  = "months_after_deposit:6;not_before:1998-12-03;art:5(4)"
	att   = "days_after_deposit:90;not_before:2014-12-24;art:22(2);anchor:entry_into_force"
	// attPlain is the ATT rule without its anchor, as first written in the brief.
	attPlain = "days_after_deposit:90;not_before:2014-12-24;art:22(2)"
	crpd     = "days_after_deposit:30;not_before:2008-05-03;art:45(2)"
)

func TestEntryIntoForce(t *testing.T) {
	// Expected values are published dates cited in
	// /work/shared/reference/membership/SOURCES.md (APMBC, CCM, CCW) and
	// SOURCES-att-crpd.md (ATT, CRPD); the clipping cases are the depositary's
	// treaty-wide dates.
	tests := []struct {
		name, rule, deposit, want string
	}{
		{"APMBC Albania, leap day deposit (SOURCES.md)", apmbc, "2000-02-29", "2000-08-01"},
		{"APMBC Oman (ISU press release)", apmbc, "2014-08-20", "2015-02-01"},
		{"APMBC Marshall Islands (ICBL-CMC)", apmbc, "2025-03-12", "2025-09-01"},
		{"APMBC Canada deposited 1997-12-03, clipped to treaty EIF", apmbc, "1997-12-03", "1999-03-01"},
		{"APMBC deposit in Sep 1998 gives exactly not_before", apmbc, "1998-09-16", "1999-03-01"},
		{"CCM Afghanistan (SOURCES.md)", ccm, "2011-09-08", "2012-03-01"},
		{"CCM Norway deposited at signature, clipped", ccm, "2008-12-03", "2010-08-01"},
		{"CCM December deposit crosses the year", ccm, "2023-12-31", "2024-06-01"},
		{"PV France, 31 Oct clipped to 30 Apr (Dutch treaty register)", pv, "2006-10-31", "2007-04-30"},
		{"PV early deposit clipped to 2006-11-12", pv, "2004-03-15", "2006-11-12"},
		{"APII Mauritius (UN ST/LEG/SER.A/861: effect 2 May 2019)", apii, "2018-11-02", "2019-05-02"},
		{"CCW France", ccw, "1988-03-04", "1988-09-04"},
		{"CCW Aug 31 to leap Feb 29", ccw, "2007-08-31", "2008-02-29"},
		{"ATT Colombia (Dutch treaty database: 2025-01-13)", att, "2024-10-15", "2025-01-13"},
		{"ATT Guinea deposited before EIF (inview.nl: 2014-12-24)", att, "2014-10-21", "2014-12-24"},
		{"ATT South Africa deposited 2014-12-22 (SOURCES-att-crpd.md)", att, "2014-12-22", "2014-12-24"},
		{"ATT deposit on the EIF day itself", att, "2014-12-24", "2014-12-24"},
		{"ATT first day after EIF counts 90 days", att, "2014-12-25", "2015-03-25"},
		// Without the anchor a deposit between the 50th instrument and the Treaty's
		// entry into force is counted from the deposit: not what the depositary did.
		{"ATT Guinea under the unanchored rule", attPlain, "2014-10-21", "2015-01-19"},
		{"CRPD Egypt after the 20th instrument, before EIF (UNTC rule)", crpd, "2008-04-14", "2008-05-14"},
		{"CRPD Netherlands (opmaat.sdu.nl: 14 July 2016)", crpd, "2016-06-14", "2016-07-14"},
		{"CRPD Ecuador, 20th instrument", crpd, "2008-04-03", "2008-05-03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseRule(tc.rule)
			if err != nil {
				t.Fatal(err)
			}
			got := r.EntryIntoForce(parseDay(t, tc.deposit))
			if got.String() != tc.want {
				t.Errorf("%s: EntryIntoForce(%s) = %s, want %s", tc.rule, tc.deposit, got, tc.want)
			}
		})
	}
}

func TestParseRuleAccessors(t *testing.T) {
	r, err := ParseRule(" " + att + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind() != DaysAfterDeposit || r.Count() != 90 || r.NotBefore().String() != "2014-12-24" || r.Article() != "22(2)" || r.Anchor() != AnchorEntryIntoForce {
		t.Errorf("ParseRule(%q) = %v %d %s %q %s", att, r.Kind(), r.Count(), r.NotBefore(), r.Article(), r.Anchor())
	}
	if r, _ := ParseRule(attPlain); r.Anchor() != AnchorNthDeposit {
		t.Errorf("ParseRule(%q).Anchor() = %q, want the default", attPlain, r.Anchor())
	}
	if r, _ := ParseRule(attPlain + ";anchor:nth_deposit"); r.String() != attPlain {
		t.Errorf("explicit default anchor: String() = %q, want %q", r.String(), attPlain)
	}
	for _, s := range []string{apmbc, ccm, ccw, pv, apii, att, attPlain, crpd} {
		r, err := ParseRule(s)
		if err != nil {
			t.Fatalf("ParseRule(%q): %v", s, err)
		}
		if r.String() != s {
			t.Errorf("ParseRule(%q).String() = %q", s, r.String())
		}
	}
}

func TestParseRuleErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrRuleSyntax},
		{"months_after_deposit:6", ErrRuleSyntax},
		{"months_after_deposit:6;not_before:1983-12-02", ErrRuleSyntax},
		{"months_after_deposit:6;not_before:1983-12-02;art:5(2);x:1", ErrRuleSyntax},
		{"months_after_deposit:6;art:5(2);not_before:1983-12-02", ErrRuleSyntax},
		{"months_after_deposit;not_before:1983-12-02;art:5(2)", ErrRuleSyntax},
		{"weeks_after_deposit:6;not_before:1983-12-02;art:5(2)", ErrRuleKind},
		{"months_after_deposit:0;not_before:1983-12-02;art:5(2)", ErrRuleCount},
		{"months_after_deposit:-6;not_before:1983-12-02;art:5(2)", ErrRuleCount},
		{"months_after_deposit:+6;not_before:1983-12-02;art:5(2)", ErrRuleCount},
		{"months_after_deposit:06;not_before:1983-12-02;art:5(2)", ErrRuleCount},
		{"days_after_deposit:99999;not_before:1983-12-02;art:5(2)", ErrRuleCount},
		{"months_after_deposit:six;not_before:1983-12-02;art:5(2)", ErrRuleCount},
		{"months_after_deposit:6;not_before:1983-02-30;art:5(2)", ErrRuleDate},
		{"months_after_deposit:6;not_before:2 Dec 1983;art:5(2)", ErrRuleDate},
		{"months_after_deposit:6;not_before:1983-12-02;art:", ErrRuleArticle},
		{"months_after_deposit:6;not_before:1983-12-02;art:5 (2)", ErrRuleArticle},
		{"months_after_deposit:6;not_before:1983-12-02;art:5(2);anchor:signature", ErrRuleAnchor},
		{"months_after_deposit:6;not_before:1983-12-02;art:5(2);anchor:", ErrRuleAnchor},
		{"months_after_deposit:6;not_before:1983-12-02;art:5(2);after:entry_into_force", ErrRuleSyntax},
	}
	for _, tc := range tests {
		_, err := ParseRule(tc.in)
		if !errors.Is(err, tc.want) {
			t.Errorf("ParseRule(%q) error = %v, want %v", tc.in, err, tc.want)
			continue
		}
		var re *RuleError
		if !errors.As(err, &re) || re.Rule != tc.in {
			t.Errorf("ParseRule(%q) error %v is not a *RuleError for the input", tc.in, err)
		}
	}
}

func TestZeroRulePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("EntryIntoForce on zero Rule did not panic")
		}
	}()
	Rule{}.EntryIntoForce(0)
}

func FuzzParseRule(f *testing.F) {
	for _, s := range []string{apmbc, ccm, ccw, pv, apii, att, attPlain, crpd, "", ";;", "x:1;not_before:2000-01-01;art:1"} {
		f.Add(s, int32(11000))
	}
	f.Fuzz(func(t *testing.T, s string, deposit int32) {
		r, err := ParseRule(s)
		if err != nil {
			var re *RuleError
			if !errors.As(err, &re) {
				t.Fatalf("ParseRule(%q) error %v is not a *RuleError", s, err)
			}
			return
		}
		r2, err := ParseRule(r.String())
		if err != nil || r2 != r {
			t.Fatalf("round trip %q -> %q: %v", s, r.String(), err)
		}
		d := civil.Day(deposit % 3000000) // within ±8000 years of 1970
		if got := r.EntryIntoForce(d); got < r.NotBefore() || got < d {
			t.Fatalf("%q: EntryIntoForce(%s) = %s, before deposit or not_before", s, d, got)
		}
	})
}

func parseDay(t *testing.T, s string) civil.Day {
	t.Helper()
	d, err := civil.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
