package gen_test

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"synergy/pipeline/agenda"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/gen"
	"synergy/pipeline/sources"
	"synergy/pipeline/states"
)

type memSink map[string]*bytes.Buffer

type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

func (m memSink) Create(name string) (io.WriteCloser, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return nopCloser{b}, nil
}

func generate(t *testing.T, scale float64, seed uint64) (memSink, gen.Stats) {
	t.Helper()
	m := memSink{}
	st, err := gen.Generate(os.DirFS("../../datasets"), m, gen.Options{Scale: scale, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return m, st
}

func TestDeterministic(t *testing.T) {
	a, sa := generate(t, 2, 7)
	b, sb := generate(t, 2, 7)
	if sa != sb {
		t.Fatalf("stats differ: %+v vs %+v", sa, sb)
	}
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Fatal("file lists differ")
	}
	for name := range a {
		if !bytes.Equal(a[name].Bytes(), b[name].Bytes()) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
	c, _ := generate(t, 2, 8)
	if bytes.Equal(a["meetings/meetings.csv"].Bytes(), c["meetings/meetings.csv"].Bytes()) {
		t.Error("seeds 7 and 8 gave the same meetings")
	}
}

func TestScale(t *testing.T) {
	for _, tc := range []struct {
		scale              float64
		meetings, lastYear int
	}{{0.1, 13, 2026}, {1, 130, 2026}, {10, 1300, 2110}} {
		_, st := generate(t, tc.scale, 1)
		if st.Meetings != tc.meetings || st.FirstYear != 1999 || st.LastYear != tc.lastYear {
			t.Errorf("scale %g: %+v, want %d meetings in 1999-%d", tc.scale, st, tc.meetings, tc.lastYear)
		}
		if perMeeting := float64(st.AgendaItems) / float64(st.Meetings); tc.scale >= 1 && (perMeeting < 7 || perMeeting > 13) {
			t.Errorf("scale %g: %.1f agenda items per meeting, want 7-13", tc.scale, perMeeting)
		}
	}
	for _, s := range []float64{0, -1} {
		if _, err := gen.Generate(os.DirFS("../../datasets"), memSink{}, gen.Options{Scale: s}); !errors.Is(err, gen.ErrScale) {
			t.Errorf("scale %g: err %v, want ErrScale", s, err)
		}
	}
}

// TestReadersAcceptEverything reads every generated file with the pipeline's own
// readers: no row and no agenda line may be rejected, and every agenda belongs to a
// generated meeting.
func TestReadersAcceptEverything(t *testing.T) {
	m, st := generate(t, 3, 1)
	if _, err := sources.Parse(bytes.NewReader(m["sources.json"].Bytes()), "sources.json"); err != nil {
		t.Fatalf("sources.json: %v", err)
	}
	if !bytes.Equal(m["states.csv"].Bytes(), mustRead(t, "../../datasets/states.csv")) {
		t.Error("states.csv is not the reference copy")
	}
	res, err := states.Load(bytes.NewReader(m["states.csv"].Bytes()), bytes.NewReader(m["state_names.csv"].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	nMeetings, nParticipation := 0, 0
	for _, name := range slices.Sorted(maps.Keys(m)) {
		data := m[name].Bytes()
		switch {
		case strings.HasPrefix(name, "membership/"):
			rows, rejects, err := csvsrc.ReadParticipation(bytes.NewReader(data), name, res)
			if err != nil || len(rejects) > 0 {
				t.Fatalf("%s: err %v, rejects %+v", name, err, first(rejects))
			}
			nParticipation += len(rows)
		case strings.HasPrefix(name, "meetings/meetings"):
			rows, updates, rejects, err := csvsrc.ReadMeetings(bytes.NewReader(data), name, res)
			if err != nil || len(rejects) > 0 {
				t.Fatalf("%s: err %v, rejects %+v", name, err, first(rejects))
			}
			for _, r := range rows {
				if ids[r.MeetingID] {
					t.Fatalf("%s: meeting id %s twice", name, r.MeetingID)
				}
				ids[r.MeetingID] = true
			}
			for _, u := range updates {
				if !ids[u.Meeting.MeetingID] {
					t.Errorf("%s: update of unknown meeting %s", name, u.Meeting.MeetingID)
				}
			}
			nMeetings += len(rows)
		}
	}
	if nMeetings != st.Meetings || nParticipation != st.Participation {
		t.Errorf("read %d meetings and %d participation rows, stats say %+v", nMeetings, nParticipation, st)
	}
	items, files, langs := 0, 0, map[string]int{}
	for name, buf := range m {
		if !strings.HasPrefix(name, "meetings/agendas/") {
			continue
		}
		a, err := agenda.Decode(bytes.NewReader(buf.Bytes()), path.Base(name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(a.Rejects) > 0 || !ids[a.MeetingID] {
			t.Fatalf("%s: rejects %v, meeting known: %v", name, a.Rejects, ids[a.MeetingID])
		}
		files++
		items += len(a.Records())
		langs[a.Lang]++
	}
	if files != st.AgendaFiles || items != st.AgendaItems {
		t.Errorf("decoded %d files, %d items; stats say %+v", files, items, st)
	}
	if len(langs) != 6 {
		t.Errorf("agenda languages %v, want all six", langs)
	}
}

func first[T any](s []T) any {
	if len(s) == 0 {
		return nil
	}
	return s[0]
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
