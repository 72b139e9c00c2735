package untc

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
)

// Grid headers as the pages print them (ccm.html and ccw_p5.html), in a text copy.
const (
	ccmHeader = "Participant\tSignature\tProvisional application(n)\tApproval(AA), Acceptance(A), Accession(a), Ratification"
	ccwHeader = "Participant\tSignature\tApproval(AA), Acceptance(A), Accession(a), Succession(d), Ratification"
	p5Header  = "Participant\tSuccession(d), Consent to be bound(P)"
)

// rowCase is one grid row decoded under a header. Good rows come from the captured
// pages; bad ones are those rows edited.
type rowCase struct {
	name, header, row string
	want              string // the participant as "name [refs] sig prov consent/kind", "" for a reject
	field             string // the reject's field
	err               error  // the reject's sentinel
}

var rowCases = []rowCase{
	{"ratification", ccmHeader, "Afghanistan\t 3 Dec 2008 \t\t 8 Sep 2011", "Afghanistan [] 2008-12-03 - 2011-09-08/ratification", "", nil},
	{"accession a", ccmHeader, "Andorra\t\t\t 9 Apr 2013 a", "Andorra [] - - 2013-04-09/accession", "", nil},
	{"acceptance A", ccmHeader, "Japan\t 3 Dec 2008 \t\t14 Jul 2009 A", "Japan [] 2008-12-03 - 2009-07-14/acceptance", "", nil},
	{"approval AA", ccmHeader, "Denmark 1\t 3 Jun 2013\t 2 Apr 2014 n\t 2 Apr 2014 AA", "Denmark [1] 2013-06-03 2014-04-02 2014-04-02/approval", "", nil},
	{"succession d", ccwHeader, "Montenegro 6\t\t23 Oct 2006 d", "Montenegro [6] - - 2006-10-23/succession", "", nil},
	{"consent to be bound P", p5Header, "United Kingdom of Great Britain and Northern Ireland\t13 May 2024 P", "United Kingdom of Great Britain and Northern Ireland [] - - 2024-05-13/consent_to_be_bound", "", nil},
	{"brackets", ccmHeader, "Lithuania 3 \t[ 3 Dec 2008 ]\t[24 Mar 2011 n]\t[24 Mar 2011 ]", "Lithuania [3] [2008-12-03] [2011-03-24] [2011-03-24]/ratification", "", nil},
	{"footnote glued to name", ccwHeader, "Netherlands (Kingdom of the)7\t10 Apr 1981\t18 Jun 1987 A", "Netherlands (Kingdom of the) [7] 1981-04-10 - 1987-06-18/acceptance", "", nil},
	{"two footnotes", ccwHeader, "Serbia 1, 2\t\t12 Mar 2001 d", "Serbia [1 2] - - 2001-03-12/succession", "", nil},
	{"zero-padded day", ccmHeader, "Afghanistan\t03 Dec 2008\t\t08 Sep 2011", "Afghanistan [] 2008-12-03 - 2011-09-08/ratification", "", nil},
	{"full month name", ccmHeader, "Afghanistan\t3 December 2008\t\t8 September 2011", "Afghanistan [] 2008-12-03 - 2011-09-08/ratification", "", nil},
	{"leap day", ccwHeader, "Somewhere\t\t29 Feb 2024 a", "Somewhere [] - - 2024-02-29/accession", "", nil},
	{"trailing empty cells trimmed", ccmHeader, "Angola\t 3 Dec 2008", "Angola [] 2008-12-03 - -", "", nil},

	{"31 Feb", ccmHeader, "Albania\t 3 Dec 2008\t\t31 Feb 2009", "", fieldConsent, ErrBadDate},
	{"29 Feb in a common year", ccwHeader, "Somewhere\t\t29 Feb 2023 a", "", fieldConsent, ErrBadDate},
	{"day zero", ccmHeader, "Albania\t0 Dec 2008\t\t", "", fieldSignature, ErrBadDate},
	{"unknown month", ccmHeader, "Albania\t3 Dez 2008\t\t", "", fieldSignature, ErrBadDate},
	{"two-digit year", ccmHeader, "Albania\t3 Dec 08\t\t", "", fieldSignature, ErrBadDate},
	{"ISO date", ccmHeader, "Albania\t2008-12-03\t\t", "", fieldSignature, ErrBadDate},
	{"marker not in legend", ccmHeader, "Montenegro\t\t\t23 Oct 2006 d", "", fieldConsent, ErrBadMarker},
	{"marker case matters", ccmHeader, "Japan\t\t\t14 Jul 2009 aa", "", fieldConsent, ErrBadMarker},
	{"unknown marker", ccmHeader, "Andorra\t\t\t9 Apr 2013 x", "", fieldConsent, ErrBadMarker},
	{"marker on signature", ccmHeader, "Andorra\t9 Apr 2013 a\t\t", "", fieldSignature, ErrBadMarker},
	{"accession in provisional column", ccmHeader, "Belize 1\t\t2 Sep 2014 a\t2 Sep 2014 a", "", fieldProvisional, ErrBadMarker},
	{"bare date in P-only grid", p5Header, "Afghanistan\t9 Aug 2017", "", fieldConsent, ErrBadMarker},
	{"unclosed bracket", ccmHeader, "Lithuania\t[ 3 Dec 2008\t\t", "", fieldSignature, ErrBadBracket},
	{"unopened bracket", ccmHeader, "Lithuania\t3 Dec 2008 ]\t\t", "", fieldSignature, ErrBadBracket},
	{"empty brackets", ccmHeader, "Lithuania\t[ ]\t\t", "", fieldSignature, ErrBadDate},
	{"no name", ccmHeader, " \t3 Dec 2008\t\t", "", fieldParticipant, ErrMissingName},
	{"extra cell", p5Header, "Afghanistan\t9 Aug 2017 P\t1 Jan 2020 P", "", "row", ErrTooManyCells},
}

func TestRows(t *testing.T) {
	for _, tc := range rowCases {
		t.Run(tc.name, func(t *testing.T) {
			src := "CHAPTER XXVI\n6. Test\n" + tc.header + "\n" + tc.row + "\n"
			p, err := Decode(strings.NewReader(src), "rows.txt")
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != "" {
				if len(p.Rejects) > 0 || len(p.Participants) != 1 {
					t.Fatalf("got %d participants, rejects %v; want 1 participant", len(p.Participants), p.Rejects)
				}
				if got := describe(p.Participants[0]); got != tc.want {
					t.Errorf("got  %s\nwant %s", got, tc.want)
				}
				if p.Participants[0].Line != 4 {
					t.Errorf("Line = %d, want 4", p.Participants[0].Line)
				}
				return
			}
			if len(p.Participants) != 0 || len(p.Rejects) != 1 {
				t.Fatalf("got participants %+v, rejects %v; want one reject", p.Participants, p.Rejects)
			}
			r := p.Rejects[0]
			if !errors.Is(r, tc.err) || r.Field != tc.field || r.File != "rows.txt" || r.Line != 4 || r.Column < 1 {
				t.Errorf("reject %q (field %q, line %d, column %d), want %v in field %q at line 4", r, r.Field, r.Line, r.Column, tc.err, tc.field)
			}
		})
	}
}

// describe prints a participant as "name [refs] signature provisional consent/kind",
// bracketed dates in brackets and "-" for an empty cell.
func describe(p Participant) string {
	d := func(v *civil.Day, bracketed bool) string {
		if v == nil {
			return "-"
		}
		if bracketed {
			return "[" + v.String() + "]"
		}
		return v.String()
	}
	consent := d(p.Consent, p.ConsentBracketed)
	if p.Consent != nil {
		consent += "/" + string(p.ConsentKind)
	}
	return strings.Join([]string{p.Name, "[" + strings.Join(p.Footnotes, " ") + "]",
		d(p.Signature, p.SignatureBracketed), d(p.Provisional, p.ProvisionalBracketed), consent}, " ")
}

func TestColumnsFromHeader(t *testing.T) {
	tests := []struct {
		header string
		want   []string // field:markers
	}{
		{ccmHeader, []string{"participant:", "signature:-", "provisional_application:n", "consent:-,A,AA,a"}},
		// att.html
		{"Participant\tSignature\tProvisional application under article 23(n)\tApproval(AA), Acceptance(A), Accession(a), Ratification",
			[]string{"participant:", "signature:-", "provisional_application:n", "consent:-,A,AA,a"}},
		{ccwHeader, []string{"participant:", "signature:-", "consent:-,A,AA,a,d"}},
		{p5Header, []string{"participant:", "consent:P,d"}},
	}
	for _, tc := range tests {
		cols, bad, ok := classify(textItems([]byte(tc.header))[0].cells)
		if !ok || bad != nil {
			t.Fatalf("classify(%q): ok=%v bad=%v", tc.header, ok, bad)
		}
		var got []string
		for _, c := range cols {
			var ms []string
			for m := range c.markers {
				if m == "" {
					m = "-"
				}
				ms = append(ms, m)
			}
			sortStrings(ms)
			got = append(got, c.field+":"+strings.Join(ms, ","))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("classify(%q) (-want +got):\n%s", tc.header, diff)
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestPerProtocolTableIsNotTheGrid: ccw.html's table of Protocols I–III also starts
// with "Participant", but has no consent column, so it is not read as the grid.
func TestPerProtocolTableIsNotTheGrid(t *testing.T) {
	src := "CHAPTER XXVI\n2. Test\nParticipant\tProtocol I\tProtocol II\tProtocol III\nAfghanistan\tx\t\tx\n"
	_, err := Decode(strings.NewReader(src), "ccw.txt")
	if !errors.Is(err, ErrNoParticipantTable) {
		t.Errorf("err = %v, want ErrNoParticipantTable", err)
	}
}

func TestUnknownColumn(t *testing.T) {
	src := "Participant\tSignature\tDefinitive signature(s)\tRatification, Accession(a)\n"
	_, err := Decode(strings.NewReader(src), "x.txt")
	var pe *ParseError
	if !errors.Is(err, ErrUnknownColumn) || !errors.As(err, &pe) || pe.Line != 1 || pe.Column != 23 {
		t.Errorf("err = %v (line %d column %d), want ErrUnknownColumn at line 1 column 23", err, pe.Line, pe.Column)
	}
}
