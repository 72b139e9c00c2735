package csvsrc

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestBadEncodingAndSize covers inputs a broken export produces: a file in UTF-16, a
// Latin-1 byte, a field of megabytes, a quote that swallows the following lines. Each
// is refused with the place of the fault: the file at its line, or the row as a
// reject naming its field.
func TestBadEncodingAndSize(t *testing.T) {
	header := strings.Join(participationColumns, ",") + "\n"
	row := func(state string) string {
		return "APMBC," + state + ",,1997-12-03,1998-06-29,ratification,,,,https://example.org,high\n"
	}
	states := mapResolver{"Andorra": "AND", "Albania": "ALB"}
	utf16LE := func(s string) string {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return string(b)
	}
	utf16BE := func(s string) string {
		b := []byte{0xFE, 0xFF}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
		return string(b)
	}
	huge := strings.Repeat("x", MaxFieldBytes+1)

	tests := []struct {
		name string
		in   string
		// A file-level failure: the sentinel, line and a substring of the message.
		wantErr  error
		wantLine int
		wantText string
		// Otherwise: rows kept, and the one reject's line, field and sentinel.
		wantRows   int
		rejectLine int
		rejectFld  string
		rejectErr  error
	}{
		{name: "UTF-16 LE with BOM", in: utf16LE(header + row("Andorra")),
			wantErr: ErrNotUTF8, wantLine: 1, wantText: "in.csv:1: not valid UTF-8: the file is UTF-16 (byte-order mark FF FE)"},
		{name: "UTF-16 BE with BOM", in: utf16BE(header + row("Andorra")),
			wantErr: ErrNotUTF8, wantLine: 1, wantText: "UTF-16 (byte-order mark FE FF)"},
		{name: "Latin-1 byte in a name", in: header + row("Andorra") + row("Alb\xe2nia"),
			wantRows: 1, rejectLine: 3, rejectFld: "state_name", rejectErr: ErrNotUTF8},
		{name: "Latin-1 byte in the last column", in: header + strings.Replace(row("Andorra"), "high", "h\xe9gh", 1),
			rejectLine: 2, rejectFld: "confidence", rejectErr: ErrNotUTF8},
		{name: "field over the limit", in: header + row("Andorra") + strings.Replace(row("Albania"), "https://example.org", huge, 1),
			wantRows: 1, rejectLine: 3, rejectFld: "source_url", rejectErr: ErrFieldTooLong},
		{name: "field at the limit", in: header + strings.Replace(row("Albania"), "https://example.org", huge[1:], 1),
			wantRows: 1},
		{name: "unterminated quote runs to the end", in: header + row("Andorra") + strings.Replace(row("Albania"), "Albania", `"Albania`, 1) + row("Andorra"),
			wantErr: ErrMalformedCSV, wantLine: 3, wantText: "in.csv:3: malformed CSV: extraneous or missing \" in quoted-field at line 4"},
		{name: "bare quote on one line keeps its column", in: header + strings.Replace(row("Andorra"), "Andorra", `And"orra`, 1),
			wantErr: ErrMalformedCSV, wantLine: 2, wantText: "in.csv:2:10: malformed CSV: bare \" in non-quoted-field"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, rejects, err := ReadParticipation(strings.NewReader(tc.in), "in.csv", states)
			if tc.wantErr != nil {
				var pe *ParseError
				if !errors.Is(err, tc.wantErr) || !errors.As(err, &pe) || pe.Line != tc.wantLine || !strings.Contains(err.Error(), tc.wantText) {
					t.Fatalf("err = %v, want %v at line %d containing %q", err, tc.wantErr, tc.wantLine, tc.wantText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tc.wantRows {
				t.Errorf("%d rows, want %d", len(rows), tc.wantRows)
			}
			if tc.rejectErr == nil {
				if len(rejects) != 0 {
					t.Errorf("rejects %+v, want none", rejects)
				}
				return
			}
			if len(rejects) != 1 {
				t.Fatalf("rejects %+v, want one", rejects)
			}
			r := rejects[0]
			if int(r.Line) != tc.rejectLine || r.Field != tc.rejectFld || !strings.HasPrefix(r.Reason, tc.rejectErr.Error()) {
				t.Errorf("reject %s:%d %s: %s; want line %d field %s reason %q…", r.SourceFile, r.Line, r.Field, r.Reason,
					tc.rejectLine, tc.rejectFld, tc.rejectErr)
			}
			if len(r.Raw) > maxRawBytes+len("…") {
				t.Errorf("reject keeps %d bytes of raw text, want at most %d", len(r.Raw), maxRawBytes)
			}
		})
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…"},
		{"aéb", 2, "a…"}, // é is two bytes: never cut inside a rune
		{"", 0, ""},
	}
	for _, tc := range tests {
		if got := clip(tc.in, tc.max); got != tc.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}
