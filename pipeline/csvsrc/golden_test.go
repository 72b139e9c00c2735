package csvsrc

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/rawtable"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGoldenParticipation runs ReadParticipation on each testdata/participation/<case>/
// input.csv and compares with want.json, or want_err.txt for a case that fails.
func TestGoldenParticipation(t *testing.T) {
	states := referenceStates(t)
	runGolden(t, "participation", func(in []byte, file string) (any, error) {
		rows, rejects, err := ReadParticipation(bytes.NewReader(in), file, states)
		return struct {
			Rows    []rawtable.Participation `json:"rows"`
			Rejects []rawtable.Reject        `json:"rejects"`
		}{rows, rejects}, err
	})
}

// TestGoldenMeetings is TestGoldenParticipation for ReadMeetings.
func TestGoldenMeetings(t *testing.T) {
	states := referenceStates(t)
	runGolden(t, "meetings", func(in []byte, file string) (any, error) {
		ms, us, rejects, err := ReadMeetings(bytes.NewReader(in), file, states)
		return struct {
			Meetings []rawtable.Meeting `json:"meetings"`
			Updates  []Update           `json:"updates"`
			Rejects  []rawtable.Reject  `json:"rejects"`
		}{ms, us, rejects}, err
	})
}

func runGolden(t *testing.T, dir string, read func(in []byte, file string) (any, error)) {
	t.Helper()
	cases, err := filepath.Glob(filepath.Join("testdata", dir, "*", "input.csv"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases under testdata/%s: %v", dir, err)
	}
	for _, input := range cases {
		caseDir := filepath.Dir(input)
		t.Run(filepath.Base(caseDir), func(t *testing.T) {
			in, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			got, err := read(in, "input.csv")
			wantFile, gotBytes := filepath.Join(caseDir, "want.json"), []byte(nil)
			if err != nil {
				wantFile, gotBytes = filepath.Join(caseDir, "want_err.txt"), []byte(err.Error()+"\n")
			} else {
				gotBytes = asJSON(t, got)
			}
			if *update {
				for _, stale := range []string{"want.json", "want_err.txt"} {
					os.Remove(filepath.Join(caseDir, stale))
				}
				if err := os.WriteFile(wantFile, gotBytes, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(wantFile)
			if rerr != nil {
				t.Fatalf("%v (got error %v); run go test -update to create it", rerr, err)
			}
			if diff := cmp.Diff(string(want), string(gotBytes)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", wantFile, diff)
			}
		})
	}
}
