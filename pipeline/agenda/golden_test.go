package agenda

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/rawtable"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.json and want_err.txt")

// golden is what a case directory's want.json holds.
type golden struct {
	Agenda  *Agenda               `json:"agenda"`
	Rejects []string              `json:"rejects"`
	Records []rawtable.AgendaItem `json:"records"`
	Reject  []rawtable.Reject     `json:"reject_records"`
}

// caseInput returns the one input file of a case directory: the file that is not
// want.json or want_err.txt.
func caseInput(t *testing.T, dir string) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var in []string
	for _, e := range ents {
		if n := e.Name(); !e.IsDir() && n != "want.json" && n != "want_err.txt" {
			in = append(in, n)
		}
	}
	if len(in) != 1 {
		t.Fatalf("%s: want exactly one input file, have %q", dir, in)
	}
	return filepath.Join(dir, in[0])
}

// TestGolden decodes testdata/<case>/<input> and compares the result with
// want.json, or the error with want_err.txt. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no golden cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			in := caseInput(t, dir)
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Decode(bytes.NewReader(data), in)
			wantJSON := filepath.Join(dir, "want.json")
			wantErr := filepath.Join(dir, "want_err.txt")
			if err != nil {
				if a != nil {
					t.Errorf("Decode returned an Agenda with error %v", err)
				}
				got := err.Error() + "\n"
				if *update {
					writeFile(t, wantErr, []byte(got))
					os.Remove(wantJSON)
					return
				}
				want, rerr := os.ReadFile(wantErr)
				if rerr != nil {
					t.Fatalf("Decode: unexpected error %v (and %v)", err, rerr)
				}
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("error mismatch (-want +got):\n%s", diff)
				}
				return
			}
			g := golden{Agenda: a, Rejects: []string{}, Records: a.Records(), Reject: a.RejectRecords()}
			for _, r := range a.Rejects {
				g.Rejects = append(g.Rejects, r.Error())
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(g); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if *update {
				writeFile(t, wantJSON, got)
				os.Remove(wantErr)
				return
			}
			want, err := os.ReadFile(wantJSON)
			if err != nil {
				t.Fatalf("Decode succeeded; %v", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", wantJSON, diff)
			}
		})
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
