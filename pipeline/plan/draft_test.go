package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
)

var pcUpdate = flag.Bool("update-drafts", false, "rewrite testdata/*/want.json and want_err.txt (draft golden cases)")

// pcFacts are fixed facts for the draft tests: APMBC has parties AAA and BBB
// from 2000, CCM has BBB and CCC from 2010 (CCC until 2025-07-01); meetings
// of the MSP and Intersessional bodies address Rec 8, and so does meeting
// "KNOWN-1" whatever its body.
type pcFacts struct{}

func (pcFacts) Parties(instrument string, d civil.Day) []string {
	switch instrument {
	case "APMBC":
		return []string{"AAA", "BBB"}
	case "CCM":
		if d < pcDay("2025-07-01") {
			return []string{"BBB", "CCC"}
		}
		return []string{"BBB"}
	}
	return nil
}

func (pcFacts) Rec8(id, instrument, body string) bool {
	return id == "KNOWN-1" || body == "MSP" || body == "Intersessional"
}

func (pcFacts) KnownState(id string) bool { return id == "AAA" || id == "BBB" || id == "CCC" }

// pcDraftView is a Problem as the golden files show it, dates as text.
type pcDraftView struct {
	Year     int             `json:"year"`
	Meetings []pcMeetingView `json:"meetings"`
	Parallel [][2]string     `json:"parallel"`
}

type pcMeetingView struct {
	ID, Instrument, Body, Title string
	Cities                      []string
	Length                      int
	DraftStart, DraftEnd        string
	Earliest, Latest            string
	Fixed                       bool
	Mode                        string
	Parties                     []string
	Rec8                        bool
}

func pcViewOf(p *Problem) pcDraftView {
	v := pcDraftView{Year: p.Year, Parallel: p.Parallel}
	for _, m := range p.Meetings {
		v.Meetings = append(v.Meetings, pcMeetingView{m.ID, m.Instrument, m.Body, m.Title, m.Cities, m.Length,
			m.DraftStart.String(), m.DraftEnd.String(), m.Earliest.String(), m.Latest.String(), m.Fixed, m.Mode, m.Parties, m.Rec8})
	}
	return v
}

// TestDraftGolden reads testdata/<case>/input.csv (or input.ics) as a 2025 draft (window 28 days)
// and compares the result with want.json, or the error with want_err.txt. Run
// with -update-drafts to rewrite them.
func TestDraftGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases (%v)", err)
	}
	for _, dir := range dirs {
		if filepath.Base(dir) == "fuzz" {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			read, in := ReadDraft, "input.csv"
			if _, err := os.Stat(filepath.Join(dir, "input.ics")); err == nil {
				read, in = ReadDraftICS, "input.ics"
			}
			data, err := os.ReadFile(filepath.Join(dir, in))
			if err != nil {
				t.Fatal(err)
			}
			p, err := read(bytes.NewReader(data), in, DraftOptions{Year: 2025, WindowDays: 28, Facts: pcFacts{}})
			wantJSON, wantErr := filepath.Join(dir, "want.json"), filepath.Join(dir, "want_err.txt")
			var got []byte
			name := wantJSON
			if err != nil {
				if p != nil {
					t.Error("a Problem with an error")
				}
				got, name = []byte(err.Error()+"\n"), wantErr
			} else {
				got, err = json.MarshalIndent(pcViewOf(p), "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, '\n')
			}
			if *pcUpdate {
				os.Remove(wantJSON)
				os.Remove(wantErr)
				if err := os.WriteFile(name, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("%v (got %s)", err, got)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
}

// TestReadDraftErrorsAreTyped checks that every row error is a *DraftError with
// its line and field and the right sentinel, reachable through wrappers.
func TestReadDraftErrorsAreTyped(t *testing.T) {
	const head = "meeting_id,instrument_id,body,title,city,start_date,end_date,earliest_start,latest_start,fixed,mode\n"
	tests := []struct {
		row, field string
		want       error
	}{
		{"A,XYZ,MSP,t,Geneva,2025-06-02,2025-06-06,,,,", "instrument_id", ErrUnknownInstrument},
		{"A,APMBC,MSP,t,,2025-06-02,2025-06-06,,,,", "city", ErrNoCity},
		{"A,APMBC,MSP,t,Geneva|,2025-06-02,2025-06-06,,,,", "city", ErrNoCity},
		{"A,APMBC,MSP,t,Geneva,2025-06-06,2025-06-02,,,,", "end_date", ErrEndBeforeStart},
		{"A,APMBC,MSP,t,Geneva,2025-06-07,2025-06-08,,,,", "end_date", ErrNoWorkingDay},
		{"A,APMBC,MSP,t,Geneva,2025-06-02,2025-06-06,2025-06-20,2025-06-10,,", "latest_start", ErrWindow},
		{"A,APMBC,MSP,t,Geneva,2025-06-02,2025-06-06,2025-06-14,2025-06-15,,", "earliest_start", ErrWindow},
		{"A,APMBC,MSP,t,Geneva,2025-06-02,2025-06-06,2026-01-05,2026-01-09,,", "earliest_start", ErrWindow},
		{"A,APMBC,MSP,t,Geneva,2025-06-07,2025-06-10,,,true,", "start_date", ErrFixedStart},
		{"A,APMBC,MSP,t,Geneva,2025-6-2,2025-06-06,,,,", "start_date", ErrDate},
		{"A,APMBC,MSP,t,Geneva,2024-06-03,2024-06-06,,,,", "start_date", ErrOtherYear},
		{"A,APMBC,MSP,t,Geneva,2025-06-02,2025-06-06,,,maybe,", "fixed", ErrBool},
		{"A,APMBC,MSP,t,Geneva,2025-06-02,2025-06-06,,,,zoom", "mode", ErrMode},
		{",APMBC,MSP,t,Geneva,2025-06-02,2025-06-06,,,,", "meeting_id", ErrMissing},
		{"A,APMBC,MSP,t,Geneva,2025-06-02,2025-06-06,,,,,", "line", ErrSyntax},
	}
	for _, tc := range tests {
		_, err := ReadDraft(strings.NewReader(head+"OK,CCM,MSP,t,Geneva,2025-05-05,2025-05-06,,,,\n"+tc.row+"\n"), "d.csv", DraftOptions{Year: 2025, Facts: pcFacts{}})
		wrapped := fmt.Errorf("synergy plan: %w", err)
		var de *DraftError
		if !errors.Is(wrapped, tc.want) || !errors.As(wrapped, &de) || de.Line != 3 || de.Field != tc.field || de.File != "d.csv" {
			t.Errorf("%s: got %v (%+v), want %v on d.csv:3 field %s", tc.row, err, de, tc.want, tc.field)
		}
	}
	_, err := ReadDraft(strings.NewReader(head+"A,APMBC,MSP,t,Geneva,2025-06-02,2025-06-06,,,,\nA,CCM,MSP,t,Geneva,2025-07-02,2025-07-04,,,,\n"), "d.csv", DraftOptions{Year: 2025, Facts: pcFacts{}})
	if !errors.Is(err, ErrDuplicateID) || err.Error() != `d.csv:3: meeting_id: duplicate meeting id: "A" (first on line 2)` {
		t.Errorf("duplicate: %v", err)
	}
}

func TestDraftSentinelsDistinct(t *testing.T) {
	all := []error{ErrEmpty, ErrHeader, ErrSyntax, ErrMissing, ErrDate, ErrUnknownInstrument, ErrUnknownState,
		ErrEndBeforeStart, ErrNoWorkingDay, ErrWindow, ErrFixedStart, ErrOtherYear, ErrDuplicateID, ErrNoCity, ErrBool,
		ErrMode, ErrUnknownMeeting, ErrNoMeetings, ErrConflict}
	seen := make(map[string]bool)
	for _, e := range all {
		msg := e.Error()
		if seen[msg] || strings.HasSuffix(msg, ".") || strings.HasPrefix(msg, "plan") {
			t.Errorf("message %q repeated, punctuated or prefixed", msg)
		}
		seen[msg] = true
		for _, o := range all {
			if o != e && errors.Is(&DraftError{Err: e}, o) {
				t.Errorf("%v matches %v", e, o)
			}
		}
	}
}

// FuzzReadDraft checks that no input makes ReadDraft panic, that every error
// holds a *DraftError with a line, and that every Problem keeps the promises:
// unique ids, known instruments, at least one city, a length of at least one
// working day, a window in the year with a working day to start on.
func FuzzReadDraft(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*", "input.csv"))
	for _, name := range dirs {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadDraft(bytes.NewReader(data), "fuzz.csv", DraftOptions{Year: 2025, WindowDays: 10, Facts: pcFacts{}})
		if err != nil {
			var de *DraftError
			if p != nil || !errors.As(err, &de) || !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error %v: no *DraftError, or a Problem too", err)
			}
			return
		}
		ids := make(map[string]bool)
		for _, m := range p.Meetings {
			if ids[m.ID] || m.ID == "" || len(m.Cities) == 0 || m.Length < 1 || m.Earliest > m.Latest ||
				m.Earliest.Year() != 2025 || m.Latest.Year() != 2025 || !pcHasStart(m.Earliest, m.Latest) ||
				m.DraftEnd < m.DraftStart || !slices.IsSorted(m.Parties) {
				t.Fatalf("bad meeting %+v", m)
			}
			ids[m.ID] = true
		}
		for _, pr := range p.Parallel {
			if !ids[pr[0]] || !ids[pr[1]] {
				t.Fatalf("parallel pair %q of unknown meetings", pr)
			}
		}
	})
}

// TestPlanICSReadsBackAsADraft: plan.ics is a draft too — its meetings at their
// planned dates, with their ids, instruments, bodies, cities, lengths and modes.
func TestPlanICSReadsBackAsADraft(t *testing.T) {
	p := pcHandProblem()
	sol, err := pcBrute{}.Solve(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := NewPlan(p, sol)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pl.Files(); err == nil {
		t.Fatal("plan.ics written without a DTSTAMP")
	}
	pl.Stamp = pcDay("2026-01-01").Time()
	files, err := pl.Files()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadDraftICS(bytes.NewReader(files["plan.ics"]), "plan.ics", DraftOptions{Year: 2025, WindowDays: 0, Facts: pcFacts{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Meetings) != len(p.Meetings) {
		t.Fatalf("%d meetings back, want %d", len(back.Meetings), len(p.Meetings))
	}
	for i, m := range back.Meetings {
		want := p.Meetings[i]
		if m.ID != want.ID || m.Instrument != want.Instrument || m.Body != want.Body || !slices.Equal(m.Cities, want.Cities) ||
			m.Length != want.Length || m.Mode != want.Mode || m.DraftStart != pl.Rows[i].PlannedStart || m.Earliest != m.DraftStart {
			t.Errorf("read back %+v\nfrom %+v", m, pl.Rows[i])
		}
	}
}

// FuzzReadDraftICS checks that no input makes ReadDraftICS panic and that it
// returns either a Problem or an error naming the file.
func FuzzReadDraftICS(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "input.ics"))
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadDraftICS(bytes.NewReader(data), "fuzz.ics", DraftOptions{Year: 2025, WindowDays: 10, Facts: pcFacts{}})
		if (p == nil) == (err == nil) || err != nil && !strings.HasPrefix(err.Error(), "fuzz.ics") {
			t.Fatalf("Problem %v, error %v", p, err)
		}
	})
}
