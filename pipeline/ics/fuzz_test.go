package ics

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode checks that no input makes Decode or Meetings panic, that failures are
// *ParseErrors with a line, and that decoded events keep their invariants.
func FuzzDecode(f *testing.F) {
	for _, dir := range goldenCases(f) {
		b, err := os.ReadFile(filepath.Join(dir, "input.ics"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(cal("UID:a", "DTSTART;TZID=x")))
	f.Add([]byte(cal("UID:a", `DTSTART;TZID="W. Europe Standard Time":20240101T000000`, "DURATION:P1W")))
	f.Fuzz(func(t *testing.T, input []byte) {
		d := NewDecoder(bytes.NewReader(input), "fuzz.ics")
		events, err := d.Decode()
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || events != nil {
				t.Fatalf("Decode error %v: want *ParseError with a line and no events", err)
			}
			return
		}
		for _, pe := range d.Rejects() {
			if pe.Line < 1 || pe.Err == nil {
				t.Fatalf("bad reject %#v", pe)
			}
		}
		for _, e := range events {
			if e.Line < 1 {
				t.Fatalf("event without line: %+v", e)
			}
			if e.Start.IsZero() {
				continue
			}
			if e.End.Before(e.Start) || e.LastDay < e.FirstDay {
				t.Fatalf("event ends before it starts: %+v", e)
			}
		}
		meetings, rejects := Meetings(events, "fuzz.ics", 0)
		if len(meetings)+len(rejects) != len(events) {
			t.Fatalf("%d events gave %d meetings and %d rejects", len(events), len(meetings), len(rejects))
		}
	})
}
