package csvsrc

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds every input.csv under testdata/<dir>/ as a fuzz seed.
func addSeeds(f *testing.F, dir string) {
	f.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", dir, "*", "input.csv"))
	if len(files) == 0 {
		f.Fatalf("no seeds under testdata/%s", dir)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// dataRecords counts the data records encoding/csv sees, or -1 if it fails.
func dataRecords(in []byte) int {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(in, bom)))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) == 0 {
		return -1
	}
	return len(recs) - 1
}

// checkOutcome asserts the readers' contract: a file-level error is a *ParseError;
// otherwise every data record gives exactly one row (or update) or one reject, and
// each reject names its line.
func checkOutcome(t *testing.T, in []byte, kept int, rejects []int32, err error) {
	t.Helper()
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v is not a *ParseError", err)
		}
		return
	}
	if n := dataRecords(in); n != kept+len(rejects) {
		t.Fatalf("%d data records gave %d rows and %d rejects", n, kept, len(rejects))
	}
	for _, l := range rejects {
		if l < 2 {
			t.Fatalf("reject on line %d", l)
		}
	}
}

func FuzzReadParticipation(f *testing.F) {
	addSeeds(f, "participation")
	states := referenceStates(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		rows, rejects, err := ReadParticipation(bytes.NewReader(in), "fuzz.csv", states)
		lines := make([]int32, len(rejects))
		for i, r := range rejects {
			lines[i] = r.Line
		}
		checkOutcome(t, in, len(rows), lines, err)
		for _, p := range rows {
			if p.StateID == "" || p.InstrumentID == "" || p.Spell != 1 {
				t.Fatalf("row without state, instrument or spell: %+v", p)
			}
		}
	})
}

func FuzzReadMeetings(f *testing.F) {
	addSeeds(f, "meetings")
	states := referenceStates(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		ms, us, rejects, err := ReadMeetings(bytes.NewReader(in), "fuzz.csv", states)
		lines := make([]int32, len(rejects))
		for i, r := range rejects {
			lines[i] = r.Line
		}
		checkOutcome(t, in, len(ms)+len(us), lines, err)
		for _, m := range ms {
			if (m.StartDate != nil) != (m.StartPrecision == "day") || m.Status == "" {
				t.Fatalf("inconsistent meeting %+v", m)
			}
		}
		merged, _ := MergeMeetings(ms, nil, us)
		if len(merged) > len(ms)+len(us) {
			t.Fatalf("merge made %d meetings from %d rows", len(merged), len(ms)+len(us))
		}
	})
}
