package agenda

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const line1 = "(note) | https://example.org/\n"

func TestDecodeFileName(t *testing.T) {
	tests := []struct {
		file                string
		meeting, code, lang string
		wantErr             error
	}{
		{"APMBC_10MSP.en.txt", "APMBC_10MSP", "10MSP", "en", nil},
		{"/some/dir/CCW_PV-MoE-2019.en.txt", "CCW_PV-MoE-2019", "PV-MoE-2019", "en", nil},
		{"APMBC_8MSP.ru.txt", "APMBC_8MSP", "8MSP", "ru", nil},
		{"APMBC_IM-committees.fr.txt", "APMBC_IM-committees", "IM-committees", "fr", nil},
		{"CCM_1RC-PM1.zh.txt", "CCM_1RC-PM1", "1RC-PM1", "zh", nil},
		{"CCM_1RC-PM1.ar.txt", "CCM_1RC-PM1", "1RC-PM1", "ar", nil},
		{"APMBC_10MSP.de.txt", "", "", "", ErrBadLang},
		{"APMBC_10MSP.EN.txt", "", "", "", ErrBadLang},
		{"APMBC_10MSP.eng.txt", "", "", "", ErrBadLang},
		{"APMBC_10MSP.txt", "", "", "", ErrBadFileName},
		{"apmbc_10MSP.en.txt", "", "", "", ErrBadFileName},
		{"APMBC-10MSP.en.txt", "", "", "", ErrBadFileName},
		{"APMBC_10MSP.en.csv", "", "", "", ErrBadFileName},
		{"APMBC_10MSP-.en.txt", "", "", "", ErrBadFileName},
		{"", "", "", "", ErrBadFileName},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			a, err := Decode(strings.NewReader(line1+"1. Item\n"), tc.file)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr != nil {
				if a != nil {
					t.Error("non-nil Agenda with error")
				}
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != 0 {
					t.Errorf("err %v is not a file-level *ParseError", err)
				}
				return
			}
			if a.MeetingID != tc.meeting || a.Code != tc.code || a.Lang != tc.lang {
				t.Errorf("got %s %s %s, want %s %s %s", a.MeetingID, a.Code, a.Lang, tc.meeting, tc.code, tc.lang)
			}
		})
	}
}

func TestDecodeFirstLine(t *testing.T) {
	str := func(s string) *string { return &s }
	tests := []struct {
		name    string
		line    string
		symbol  *string
		other   []string
		note    string
		urls    []string
		wantErr error
	}{
		{"symbol and note", "APLC/MSP.10/2010/1 (official agenda document NOT found) | https://a.org/x ; https://b.org/y",
			str("APLC/MSP.10/2010/1"), nil, "(official agenda document NOT found)", []string{"https://a.org/x", "https://b.org/y"}, nil},
		{"symbol only", "APLC/MSP.21/2023/1 | https://webtv.un.org/en/asset/k1j/k1j3dpkt6n",
			str("APLC/MSP.21/2023/1"), nil, "", []string{"https://webtv.un.org/en/asset/k1j/k1j3dpkt6n"}, nil},
		{"two symbols", "CCW/CONF.III/7/Add.8 - CCW/GGE/XV/6/Add.8 (Spanish version) | https://a.org/",
			str("CCW/CONF.III/7/Add.8"), []string{"CCW/GGE/XV/6/Add.8"}, "(Spanish version)", []string{"https://a.org/"}, nil},
		{"note", "(no formal agenda symbol; \"main issues\") | https://meetings.unoda.org/",
			nil, nil, "(no formal agenda symbol; \"main issues\")", []string{"https://meetings.unoda.org/"}, nil},
		{"note naming a symbol", "(the agenda CCW/MSP/2019/1 itself not found) | http://a.org/",
			nil, nil, "(the agenda CCW/MSP/2019/1 itself not found)", []string{"http://a.org/"}, nil},
		{"title with pipe", "Comités | Vue d'ensemble (site, version française) | https://www.apminebanconvention.org/fr/comites/",
			nil, nil, "Comités | Vue d'ensemble (site, version française)", []string{"https://www.apminebanconvention.org/fr/comites/"}, nil},
		{"semicolon inside URL kept", "(n) | https://a.org/x;y=1",
			nil, nil, "(n)", []string{"https://a.org/x;y=1"}, nil},
		{"symbol glued to text is not a symbol", "CCW/MSP/2019/9(x) | https://a.org/",
			nil, nil, "CCW/MSP/2019/9(x)", []string{"https://a.org/"}, nil},
		{"BOM and spaces", "\ufeff  APLC/MSP.6/2005/5   (final report)  |  https://a.org/  ",
			str("APLC/MSP.6/2005/5"), nil, "(final report)", []string{"https://a.org/"}, nil},
		{"no pipe", "APLC/MSP.10/2010/1 https://a.org/", nil, nil, "", nil, ErrNoSource},
		{"no URL", "(note) | not a url", nil, nil, "", nil, ErrNoSource},
		{"URL first", "https://a.org/ | (note)", nil, nil, "", nil, ErrNoSource},
		{"empty descriptor", " | https://a.org/", nil, nil, "", nil, ErrNoDescriptor},
		{"ftp URL", "(n) | https://a.org/ ; ftp://b.org/", nil, nil, "", nil, ErrBadURL},
		{"empty URL", "(n) | https://a.org/ ; ", nil, nil, "", nil, ErrBadURL},
		{"URL without host", "(n) | https:///path", nil, nil, "", nil, ErrBadURL},
		{"invalid UTF-8", "(n\xff) | https://a.org/", nil, nil, "", nil, ErrInvalidUTF8},
		{"empty file", "", nil, nil, "", nil, ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.line
			if in != "" {
				in += "\n1. Item\n"
			}
			a, err := Decode(strings.NewReader(in), "APMBC_10MSP.en.txt")
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr != nil {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != 1 || pe.Field != "source" {
					t.Errorf("err = %#v, want a line-1 source *ParseError", err)
				}
				return
			}
			if diff := cmp.Diff(tc.symbol, a.Symbol); diff != "" {
				t.Errorf("Symbol (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.other, a.OtherSymbols); diff != "" {
				t.Errorf("OtherSymbols (-want +got):\n%s", diff)
			}
			if a.Note != tc.note {
				t.Errorf("Note = %q, want %q", a.Note, tc.note)
			}
			if diff := cmp.Diff(tc.urls, a.SourceURLs); diff != "" {
				t.Errorf("SourceURLs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeBody(t *testing.T) {
	type it struct{ Num, Title string }
	tests := []struct {
		name    string
		body    string
		items   []it
		gaps    int
		rejects []error
	}{
		{"plain", "1. Opening\n2. Election\n", []it{{"1", "Opening"}, {"2", "Election"}}, 0, nil},
		{"dotted", "10.a. A\n10.h.i. B\n11.e.ii. C\n", []it{{"10.a", "A"}, {"10.h.i", "B"}, {"11.e.ii", "C"}}, 0, nil},
		{"no trailing dot", "1. Opening\n   1.a Agenda\n   1.ei Statements\n", []it{{"1", "Opening"}, {"1.a", "Agenda"}, {"1.ei", "Statements"}}, 0, nil},
		{"glued letter", "10f. Cooperation\n11b. Clearance\n", []it{{"10.f", "Cooperation"}, {"11.b", "Clearance"}}, 0, nil},
		{"upper-case sub", "11.B. Stockpiles\n", []it{{"11.B", "Stockpiles"}}, 0, nil},
		{"letter-dash subs", "11. [X]\n    A - Assisting the Victims\n    B - Clearing Mined Areas\n",
			[]it{{"11", "[X]"}, {"11.A", "Assisting the Victims"}, {"11.B", "Clearing Mined Areas"}}, 0, nil},
		{"paren subs", "5. Views:\n   (a) Review;\n   (b) Plan;\n", []it{{"5", "Views:"}, {"5.a", "Review;"}, {"5.b", "Plan;"}}, 0, nil},
		{"indented plain number", "5. Views\n   1. First\n", []it{{"5", "Views"}, {"5.1", "First"}}, 0, nil},
		{"bullets", "- Opening\n- Agenda\n", []it{{"#1", "Opening"}, {"#2", "Agenda"}}, 0, nil},
		{"bullet subs", "3. General:\n   - Compliance\n   - Transparency\n4. Next\n   - Other\n",
			[]it{{"3", "General:"}, {"3.#1", "Compliance"}, {"3.#2", "Transparency"}, {"4", "Next"}, {"4.#1", "Other"}}, 0, nil},
		{"gaps", "[... items 1-7 not seen ...]\n8. Views\n    [8.a ... not seen]\n", []it{{"8", "Views"}}, 2, nil},
		{"sections", "Opening headings (in order):\n- Opening\nTechnical workshops (Monday): A; B\n1. Opening\n",
			[]it{{"#1", "Opening"}, {"1", "Opening"}}, 0, nil},
		{"whitespace", "1.\t Opening \u00a0 of\tthe  meeting  \n", []it{{"1", "Opening of the meeting"}}, 0, nil},
		{"cyrillic", "18. Рассмотрение и принятие заключительного документа\n",
			[]it{{"18", "Рассмотрение и принятие заключительного документа"}}, 0, nil},
		{"year is not a number", "1. A\n2019 Meeting of Experts\n", []it{{"1", "A"}}, 0, []error{ErrUnrecognisedLine}},
		{"prose", "1. A\nThis line is prose without a colon.\n", []it{{"1", "A"}}, 0, []error{ErrUnrecognisedLine}},
		{"long label is not a section", "1. A\nOne two three four five six seven eight nine: x\n", []it{{"1", "A"}}, 0, []error{ErrUnrecognisedLine}},
		{"letter-dash at top level", "1. A\nB - Title\n", []it{{"1", "A"}}, 0, []error{ErrUnrecognisedLine}},
		{"orphan", "    A - Title\n1. A\n", []it{{"1", "A"}}, 0, []error{ErrOrphanSubItem}},
		{"orphan after section", "1. A\nTopics:\n    - B\n", []it{{"1", "A"}}, 0, []error{ErrOrphanSubItem}},
		{"wrong parent", "10. A\n    11.b. B\n", []it{{"10", "A"}}, 0, []error{ErrSubItemParent}},
		{"empty title", "1. A\n2.\n- \n", []it{{"1", "A"}}, 0, []error{ErrEmptyTitle, ErrEmptyTitle}},
		{"duplicate", "1. A\n1. B\n", []it{{"1", "A"}}, 0, []error{ErrDuplicateNumber}},
		{"misplaced header", "1. A\nStatus: late\n", []it{{"1", "A"}}, 0, []error{ErrMisplacedHeader}},
		{"duplicate header", "Meeting: x\nMeeting: y\n1. A\n", []it{{"1", "A"}}, 0, []error{ErrDuplicateHeader}},
		{"invalid UTF-8", "1. A\n2. B\xff\n", []it{{"1", "A"}}, 0, []error{ErrInvalidUTF8}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Decode(strings.NewReader(line1+tc.body), "CCW_X.en.txt")
			if err != nil {
				t.Fatal(err)
			}
			var got []it
			for _, x := range a.Items {
				got = append(got, it{x.Number, x.Title})
			}
			if diff := cmp.Diff(tc.items, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if len(a.Gaps) != tc.gaps {
				t.Errorf("%d gaps, want %d", len(a.Gaps), tc.gaps)
			}
			if len(a.Rejects) != len(tc.rejects) {
				t.Fatalf("rejects = %v, want %v", a.Rejects, tc.rejects)
			}
			for i, r := range a.Rejects {
				if !errors.Is(r, tc.rejects[i]) {
					t.Errorf("reject %d = %v, want %v", i, r, tc.rejects[i])
				}
				if r.Line < 2 || r.Raw == "" {
					t.Errorf("reject %d has line %d, raw %q", i, r.Line, r.Raw)
				}
			}
		})
	}
}

func TestDecodeItemFlags(t *testing.T) {
	body := "1. [Consideration of the general status]\n" +
		"2. Matters arising form [sic] / in the context\n" +
		"3. [a] and [b]\n" +
		"4. Panel discussion - Oslo [...]\n" +
		"5. Committee on Article [5 Implementation - title cut in stored copy]\n" +
		"6. Clearance of explosive remnan[ts of war ...]\n" +
		"7. First Review [Conference].\n"
	a, err := Decode(strings.NewReader(line1+body), "CCW_X.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ rec, trunc bool }{{true, false}, {false, false}, {false, false}, {false, true}, {false, true}, {false, true}, {false, false}}
	for i, w := range want {
		got := a.Items[i]
		if got.Reconstructed != w.rec || got.Truncated != w.trunc {
			t.Errorf("item %s %q: reconstructed %v truncated %v, want %v %v", got.Number, got.Title, got.Reconstructed, got.Truncated, w.rec, w.trunc)
		}
	}
}

func TestDecodeKindAndPartial(t *testing.T) {
	tests := []struct {
		name, head, body string
		kind             Kind
		partial          bool
	}{
		{"complete", "Status: COMPLETE list as shown (10 items).\n", "1. A\n", KindAgenda, false},
		{"partial", "Status: PARTIAL - first items only.\n", "1. A\n", KindAgenda, true},
		{"cut", "Status: items 1-7 as shown; the stored copy is cut inside item 7.\n", "1. A\n", KindAgenda, true},
		{"gap makes partial", "Status: as published\n", "1. A\n[... later items not seen ...]\n", KindAgenda, true},
		{"fragment", "Status: FRAGMENT - only the agenda item cited on the cover.\n", "18. A\n", KindFragment, true},
		{"french fragment", "Statut : FRAGMENT - seul le point de l'ordre du jour.\n", "18. A\n", KindFragment, true},
		{"committees", "Status: COMMITTEE TITLES, NOT AN AGENDA - headings.\n", "1. A\n", KindCommitteeTitles, true},
		{"sessions", "Status: session list as published (unnumbered in the source).\n", "1. A\n", KindSessionList, false},
		{"issues", "Status: list of main issues as published (not the formal agenda of a Protocol V Conference).\n", "1. A\n", KindIssueList, false},
		{"partial issues", "Status: PARTIAL list of main issues (stored copy cut inside item 4).\n", "1. A\n", KindIssueList, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Decode(strings.NewReader(line1+"Meeting: M\n"+tc.head+"\n"+tc.body), "CCW_X.en.txt")
			if err != nil {
				t.Fatal(err)
			}
			if a.Kind != tc.kind || a.Partial != tc.partial {
				t.Errorf("kind %s partial %v, want %s %v", a.Kind, a.Partial, tc.kind, tc.partial)
			}
			if a.Meeting != "M" || a.Status == "" {
				t.Errorf("Meeting %q Status %q", a.Meeting, a.Status)
			}
		})
	}

	// Without a Status line the line-1 note is classified instead.
	noStatus := []struct {
		line1   string
		kind    Kind
		partial bool
	}{
		{"CCW/MSP/2007/4 (only the agenda item cited in its header is visible) | https://a.org/\n", KindFragment, true},
		{"(only the provisional-agenda item cited in its header is visible) | https://a.org/\n", KindFragment, true},
		{"(items as printed in the ISU summary; not the official agenda document) | https://a.org/\n", KindAgenda, true},
		{"(symbol not shown) | https://a.org/\n", KindAgenda, false},
	}
	for _, tc := range noStatus {
		a, err := Decode(strings.NewReader(tc.line1+"1. A\n"), "CCW_X.en.txt")
		if err != nil {
			t.Fatal(err)
		}
		if a.Kind != tc.kind || a.Partial != tc.partial {
			t.Errorf("%q: kind %s partial %v, want %s %v", tc.line1, a.Kind, a.Partial, tc.kind, tc.partial)
		}
	}
}

func TestDecodeCRLF(t *testing.T) {
	lf := "APLC/MSP.6/2005/5 (n) | https://a.org/\nMeeting: M\nStatus: FRAGMENT\n\n17. Consideration\n    A - Sub\n"
	crlf := "\ufeff" + strings.ReplaceAll(lf, "\n", "\r\n")
	a, err := Decode(strings.NewReader(lf), "APMBC_6MSP.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Decode(strings.NewReader(crlf), "APMBC_6MSP.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("CRLF+BOM decode differs from LF (-lf +crlf):\n%s", diff)
	}
}

func TestDecodeNoItems(t *testing.T) {
	_, err := Decode(strings.NewReader(line1+"Status: PARTIAL\n[... none ...]\nprose\n"), "CCW_X.en.txt")
	if !errors.Is(err, ErrNoItems) || !errors.Is(err, ErrUnrecognisedLine) {
		t.Fatalf("err = %v, want ErrNoItems joined with the ErrUnrecognisedLine reject", err)
	}
}

func TestDecodeLineTooLong(t *testing.T) {
	in := line1 + "1. " + strings.Repeat("x", MaxLineBytes) + "\n"
	_, err := Decode(strings.NewReader(in), "CCW_X.en.txt")
	var pe *ParseError
	if !errors.Is(err, ErrLineTooLong) || !errors.As(err, &pe) || pe.Line != 2 {
		t.Fatalf("err = %v, want ErrLineTooLong at line 2", err)
	}
}

func TestRecords(t *testing.T) {
	in := "APLC/MSP.10/2010/1 (n) | https://a.org/x ; https://b.org/y\nStatus: PARTIAL\n\n11. T\n    A - Sub\n"
	a, err := Decode(strings.NewReader(in), "testdata/APMBC_10MSP.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	recs := a.Records()
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	r := recs[1]
	if r.MeetingID != "APMBC_10MSP" || r.ItemNumber != "11.A" || r.Lang != "en" || r.Title != "Sub" ||
		!r.Partial || r.SourceURL != "https://a.org/x" || r.SourceFile != "APMBC_10MSP.en.txt" || r.SourceLine != 5 ||
		r.Symbol == nil || *r.Symbol != "APLC/MSP.10/2010/1" {
		t.Errorf("record = %+v", r)
	}
	*recs[0].Symbol = "changed"
	if *a.Symbol != "APLC/MSP.10/2010/1" || *recs[1].Symbol != "APLC/MSP.10/2010/1" {
		t.Error("records share the Symbol pointer")
	}
	if (*Agenda)(nil).Records() != nil {
		t.Error("nil Agenda has records")
	}
}
