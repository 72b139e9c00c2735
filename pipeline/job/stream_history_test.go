package job

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/history"
	"synergy/pipeline/parquetout"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/warehouse"
)

// realCurrent ingests the shipped datasets and returns their records as the
// history observes them.
func realCurrent(t *testing.T) []history.Current {
	t.Helper()
	r := newRun(realConfig(t))
	in, err := r.readSources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer in.cleanup()
	if err := r.ingest(in); err != nil {
		t.Fatal(err)
	}
	raw := r.raw
	now := history.FromParticipation(raw.Participation)
	now = append(now, history.FromMeetings(raw.Meetings)...)
	err = raw.AgendaItems.Scan(100, func(rows []rawtable.AgendaItem) error {
		now = append(now, history.FromAgendaItems(rows)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return append(now, history.FromObligations(raw.Obligations)...)
}

// edited is now with every 7th record gone, every 5th changed and one new
// record per 11, so a run ends, changes and adds versions.
func edited(now []history.Current, tag string) []history.Current {
	var out []history.Current
	for i, c := range now {
		switch {
		case i%7 == 3:
			continue
		case i%5 == 1:
			c.Content = map[string]any{"record": c.Content, "edited": tag}
		case i%11 == 2:
			out = append(out, history.Current{Entity: c.Entity, Key: c.Key + "/" + tag, Content: c.Content})
		}
		out = append(out, c)
	}
	return out
}

func without(now []history.Current, entity string) []history.Current {
	var out []history.Current
	for _, c := range now {
		if c.Entity != entity {
			out = append(out, c)
		}
	}
	return out
}

func completeOf(now []history.Current) map[string]bool {
	out := map[string]bool{}
	for _, e := range history.Entities() {
		out[e] = false
	}
	for _, c := range now {
		out[c.Entity] = true
	}
	return out
}

// TestObserveFilesEqualsObserve checks that the history DuckDB computes from
// files is byte for byte the one history.Observe computes in memory, over a
// sequence of runs on the shipped data: a first run, an unchanged rerun, runs
// that end, change, add, drop a whole entity and bring it back.
func TestObserveFilesEqualsObserve(t *testing.T) {
	ctx := t.Context()
	db, err := warehouse.Open(ctx, warehouse.Options{Threads: 2, MemoryLimit: "1GB"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	base := realCurrent(t)
	once := edited(base, "a")
	runs := []struct {
		name string
		now  []history.Current
	}{
		{"first", base}, {"unchanged", base}, {"edited", once}, {"edited twice", edited(once, "b")},
		{"no meetings", without(once, history.EntityMeeting)}, {"back", base},
	}
	var prevGo []history.Observation
	prevPath := ""
	for i, run := range runs {
		info := history.RunInfo{ID: fmt.Sprintf("2026-12-0%dT000000Z", i+1), AsOf: civil.Date(2026, 12, i+1),
			Complete: completeOf(run.now)}
		wantObs, wantNotes, err := history.Observe(prevGo, run.now, info)
		if err != nil {
			t.Fatalf("%s: %v", run.name, err)
		}
		var want bytes.Buffer
		if err := history.WriteObservations(&want, wantObs); err != nil {
			t.Fatal(err)
		}
		got, gotNotes, gotChanges := observeFiles(t, db, dir, prevPath, run.now, info)
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: ObserveFiles wrote %d bytes, Observe %d (%d rows)", run.name, len(got), want.Len(), len(wantObs))
		}
		if diff := cmp.Diff(wantNotes, gotNotes); diff != "" {
			t.Errorf("%s: notes (-Observe +ObserveFiles):\n%s", run.name, diff)
		}
		if diff := cmp.Diff(history.CountChanges(wantObs, info.ID), gotChanges); diff != "" {
			t.Errorf("%s: changes (-Observe +ObserveFiles):\n%s", run.name, diff)
		}
		prevGo, prevPath = wantObs, filepath.Join(dir, fmt.Sprintf("obs%d.parquet", i))
		if err := os.WriteFile(prevPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	for _, bad := range []struct {
		name string
		now  []history.Current
		info history.RunInfo
		want error
	}{
		{"earlier run", base, history.RunInfo{ID: "2026-11-01", AsOf: civil.Date(2026, 12, 30)}, history.ErrRunOrder},
		{"earlier day", base, history.RunInfo{ID: "2027", AsOf: civil.Date(2026, 11, 1)}, history.ErrRunOrder},
		{"duplicate key", append(base[:1:1], base...), history.RunInfo{ID: "2027", AsOf: civil.Date(2027, 1, 1)}, history.ErrDuplicateKey},
	} {
		_, _, err := history.Observe(prevGo, bad.now, bad.info)
		cur := writeCurrentFile(t, dir, bad.now)
		_, _, errFiles := history.ObserveFiles(ctx, db, prevPath, cur, bad.info, func([]history.Observation) error {
			return errors.New("written despite the error")
		})
		if !errors.Is(err, bad.want) || !errors.Is(errFiles, bad.want) {
			t.Errorf("%s: Observe %v, ObserveFiles %v; want %v from both", bad.name, err, errFiles, bad.want)
		}
	}
}

func writeCurrentFile(t *testing.T, dir string, now []history.Current) string {
	t.Helper()
	path := filepath.Join(dir, "current.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := parquetout.NewWriter[history.CurrentRow](f)
	if err := writeCurrentRows(w, now); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func observeFiles(t *testing.T, db *warehouse.DB, dir, prevPath string, now []history.Current, info history.RunInfo) ([]byte, []history.Note, map[string]map[string]int) {
	t.Helper()
	cur := writeCurrentFile(t, dir, now)
	var buf bytes.Buffer
	w := parquetout.NewWriter[history.Observation](&buf)
	notes, changes, err := history.ObserveFiles(t.Context(), db, prevPath, cur, info, w.Write)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), notes, changes
}

func TestHistoryMemoryLimit(t *testing.T) {
	for limit, want := range map[string]string{
		"": "512MiB", "4GB": "512MiB", "1GB": "512MiB", "512MiB": "512MiB", "100MB": "100MB",
		"200 mib": "200 mib", "0.1GB": "0.1GB", "lots": "512MiB",
	} {
		if got := historyMemoryLimit(limit, false); got != want {
			t.Errorf("historyMemoryLimit(%q, first run) = %q, want %q", limit, got, want)
		}
	}
	for limit, want := range map[string]string{
		"": "", "4GB": "4GB", "1GB": "1GB", "512MiB": "512MiB",
	} {
		if got := historyMemoryLimit(limit, true); got != want {
			t.Errorf("historyMemoryLimit(%q, joined) = %q, want %q", limit, got, want)
		}
	}
}
