package untc

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode checks that no input panics, that failures are *ParseError values naming
// the file, and that what decodes is well formed.
func FuzzDecode(f *testing.F) {
	inputs, err := filepath.Glob("testdata/*/input.*")
	if err != nil {
		f.Fatal(err)
	}
	for _, in := range inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(excerpt(b))
	}
	for _, tc := range rowCases {
		f.Add([]byte("CHAPTER XXVI\n6. Test\n" + tc.header + "\n" + tc.row + "\nEnd Note\n1 On 6 September 2024, a notification of withdrawal. The withdrawal took effect on 6 March 2025.\n"))
	}
	f.Add([]byte("<table><tr><td>Participant</td><td>Signature</td><td>Ratification, Accession(a)</td></tr><tr><td>X <sup>1</sup></td><td>[ 3 Dec 2008 ]</td><td>4 Jan 2009 a</td></tr></table>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Decode(bytes.NewReader(b), "fuzz")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz" {
				t.Fatalf("error %v is not a *ParseError naming the file", err)
			}
			return
		}
		for _, pt := range p.Participants {
			if pt.Name == "" || pt.Line < 1 {
				t.Fatalf("participant without name or line: %+v", pt)
			}
			if (pt.Consent == nil) != (pt.ConsentKind == "") {
				t.Fatalf("consent date and kind disagree: %+v", pt)
			}
		}
		for _, r := range p.Rejects {
			if r.File != "fuzz" || r.Line < 1 || r.Err == nil {
				t.Fatalf("malformed reject: %+v", r)
			}
		}
		for _, w := range p.Withdrawals() {
			if w.FootnoteRef == "" {
				t.Fatalf("withdrawal without note: %+v", w)
			}
		}
	})
}

// excerpt keeps a fuzz seed small enough to mutate quickly: for a whole captured page,
// its header, the start of its participant grid and the start of its end notes.
func excerpt(b []byte) []byte {
	if len(b) < 20000 {
		return b
	}
	window := func(marker string, before, after int) []byte {
		i := bytes.Index(b, []byte(marker))
		if i < 0 {
			return nil
		}
		return b[max(0, i-before):min(len(b), i+after)]
	}
	var out []byte
	out = append(out, window("STATUS AS AT", 200, 3000)...)
	out = append(out, window("_tblgrid", 100, 3000)...)
	out = append(out, "</table>"...)
	out = append(out, window("End Note", 100, 4000)...)
	return out
}
