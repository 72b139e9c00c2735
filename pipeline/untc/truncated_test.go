package untc

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

// TestDecodeTruncatedHTML cuts the CCM status page (datasets/untc/ccm.html) short, as
// a failed download would: a page that ends inside a table is refused at its last line,
// never decoded into fewer participants or notes.
func TestDecodeTruncatedHTML(t *testing.T) {
	page, err := os.ReadFile("../../datasets/untc/ccm.html")
	if err != nil {
		t.Fatal(err)
	}
	// upTo returns the page up to (not including) the line holding s.
	upTo := func(s string) []byte {
		i := bytes.Index(page, []byte(s))
		if i < 0 {
			t.Fatalf("%q not in the page", s)
		}
		return page[:bytes.LastIndexByte(page[:i], '\n')+1]
	}
	lines := func(b []byte) int { return bytes.Count(b, []byte("\n")) }

	tests := []struct {
		name     string
		in       []byte
		wantErr  error // nil: the page decodes
		wantLine int
		wantText string
	}{
		{"whole page", page, nil, 0, ""},
		{"whole page without final newline", bytes.TrimRight(page, "\n"), nil, 0, ""},
		{"cut in the participant grid", upTo("<td>Zambia"), ErrTruncated, lines(upTo("<td>Zambia")),
			"ends inside the participant grid (opened at line 964) after 124 participant rows"},
		{"cut mid-line in the grid", upTo("<td>Zambia")[:len(upTo("<td>Zambia"))-20], ErrTruncated, lines(upTo("<td>Zambia")),
			"ends inside the participant grid"},
		{"cut before the notes", upTo("End Note"), ErrTruncated, lines(upTo("End Note")), "ends inside a table"},
		{"cut inside the notes table", page[:bytes.Index(page, []byte("dgNotesAll_"))], ErrTruncated,
			lines(page[:bytes.Index(page, []byte("dgNotesAll_"))]) + 1, "ends inside a table"},
		{"cut before the grid", upTo("<td>Afghanistan")[:100], ErrNoParticipantTable, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Decode(bytes.NewReader(tc.in), "ccm.html")
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				if len(p.Participants) != 125 {
					t.Errorf("%d participants, want 125", len(p.Participants))
				}
				return
			}
			var pe *ParseError
			if !errors.Is(err, tc.wantErr) || !errors.As(err, &pe) || pe.File != "ccm.html" || pe.Line != tc.wantLine ||
				!strings.Contains(err.Error(), tc.wantText) {
				t.Fatalf("err = %v (line %d), want %v at line %d containing %q", err, lineOf(pe), tc.wantErr, tc.wantLine, tc.wantText)
			}
		})
	}
}

func lineOf(pe *ParseError) int {
	if pe == nil {
		return -1
	}
	return pe.Line
}
