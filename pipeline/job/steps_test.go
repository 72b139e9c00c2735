package job

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"synergy/pipeline/rawtable"
	"testing"

	"synergy/pipeline/civil"
	"synergy/pipeline/models"
	"synergy/pipeline/snapshot"
)

// realConfig runs on the shipped datasets into a fresh output root.
func realConfig(t *testing.T) Config {
	t.Helper()
	day, err := civil.ParseDay("2026-11-27")
	if err != nil {
		t.Fatal(err)
	}
	return Config{DatasetsDir: "../../datasets", OutDir: t.TempDir(), AsOf: day, Version: "test", Threads: 2, MemoryLimit: "2GB"}
}

// TestStepsOnRealData runs each step of a run by itself on the shipped data and
// checks what each one hands to the next.
func TestStepsOnRealData(t *testing.T) {
	ctx := t.Context()
	cfg := realConfig(t)
	var points []string
	cfg.Crash = func(p string) { points = append(points, p) }
	r := newRun(cfg)

	in, err := r.readSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer in.cleanup()
	if len(in.inputs) < 10 || len(in.fingerprint) != 64 || in.published != nil || in.datasetsDir != cfg.DatasetsDir {
		t.Fatalf("readSources: %d inputs, fingerprint %q, published %v, dir %s", len(in.inputs), in.fingerprint, in.published, in.datasetsDir)
	}

	if err := r.ingest(in); err != nil {
		t.Fatal(err)
	}
	if len(r.raw.Meetings) == 0 || len(r.raw.Participation) == 0 || r.rejects.Total != len(r.raw.Rejects) || r.id == "" {
		t.Fatalf("ingest: %d meetings, %d participation rows, rejects %d/%d, id %q",
			len(r.raw.Meetings), len(r.raw.Participation), r.rejects.Total, len(r.raw.Rejects), r.id)
	}
	if r.guards["meetings"] != len(r.raw.Meetings) {
		t.Errorf("guard count of meetings %d, want %d", r.guards["meetings"], len(r.raw.Meetings))
	}

	stage, err := snapshot.Begin(cfg.OutDir, r.id)
	if err != nil {
		t.Fatal(err)
	}
	defer stage.Abort()
	if err := r.writeRaw(ctx, stage.Dir(), in); err != nil {
		t.Fatal(err)
	}
	checkTables(t, stage.Dir(), r.tables, snapshot.LayerRaw, 14)
	if r.hist == nil || len(r.hist.tables) != 1 || r.raw.Meetings != nil {
		t.Fatalf("writeRaw: history %+v; the rows must be dropped once observed", r.hist)
	}

	wh, err := r.openWarehouse(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer wh.close()
	if !strings.HasPrefix(wh.version, "v1.") {
		t.Errorf("DuckDB version %q", wh.version)
	}
	if err := r.build(ctx, wh, stage.Dir(), nil); err != nil {
		t.Fatal(err)
	}
	if len(r.checks) < 50 {
		t.Errorf("build ran %d data tests", len(r.checks))
	}
	if r.mods.Model("plan_backtest") == nil || slices.ContainsFunc(r.checks, func(c models.CheckResult) bool { return c.Model == "plan_backtest" }) {
		t.Errorf("the first build ran plan_backtest's checks, before the planner's tables exist")
	}
	built := len(r.checks)
	if err := r.planBacktest(ctx, wh, stage.Dir()); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(r.checks[built:], func(c models.CheckResult) bool { return c.Model == "plan_backtest" }) ||
		!slices.ContainsFunc(r.checks[built:], func(c models.CheckResult) bool { return c.Model == "state_year_burden" }) {
		t.Errorf("plan backtest ran no checks of plan_backtest and state_year_burden")
	}
	if err := r.export(ctx, wh, stage.Dir()); err != nil {
		t.Fatal(err)
	}
	checkTables(t, stage.Dir(), r.tables[14:], snapshot.LayerMart, len(r.mods.Layer(models.LayerMarts)))

	man, err := r.writeManifest(stage.Dir(), in, wh.version)
	if err != nil {
		t.Fatal(err)
	}
	back, err := snapshot.OpenDir(stage.Dir())
	if err != nil || back.Manifest.Snapshot != r.id || len(back.Manifest.Tables) != len(man.Tables) || back.Manifest.Fingerprint != in.fingerprint {
		t.Fatalf("manifest read back: %+v, %v", back, err)
	}
	if err := r.keepInputs(in); err != nil {
		t.Fatal(err)
	}
	sum, err := r.publish(ctx, stage, man)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := snapshot.Open(cfg.OutDir, "")
	if err != nil || cur.Dir != sum.SnapshotDir {
		t.Fatalf("current = %v, %v; want %s", cur, err, sum.SnapshotDir)
	}
	want := "ingest write-raw build plan-backtest export manifest commit"
	if got := strings.Join(points, " "); got != want {
		t.Errorf("crash points %q, want %q", got, want)
	}

	// The same inputs, code and day again: nothing to build.
	again, err := Run(ctx, cfg)
	if err != nil || !again.Skipped || again.Snapshot != r.id {
		t.Errorf("second run: %+v, %v; want skipped as %s", again, err, r.id)
	}
}

// checkTables checks that tables are of layer, n of them, and that each file exists
// with the checksum the manifest will list.
func checkTables(t *testing.T, dir string, tables []snapshot.Table, layer string, n int) {
	t.Helper()
	if len(tables) != n {
		t.Fatalf("%d %s tables, want %d", len(tables), layer, n)
	}
	for _, tb := range tables {
		sum, err := fileSHA256(filepath.Join(dir, filepath.FromSlash(tb.Path)))
		if err != nil || sum != tb.SHA256 || tb.Layer != layer || !strings.HasPrefix(tb.Path, map[string]string{snapshot.LayerRaw: "raw/", snapshot.LayerMart: "marts/"}[layer]) {
			t.Errorf("table %+v: file checksum %s, %v", tb, sum, err)
		}
	}
}

func TestIngestRefusesRejectsWhenStrict(t *testing.T) {
	cfg := realConfig(t)
	cfg.Strict = true
	r := newRun(cfg)
	in, err := r.readSources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	err = r.ingest(in)
	if !errors.Is(err, ErrRejects) || !strings.Contains(err.Error(), "first: ") {
		t.Fatalf("strict ingest of data with rejects: %v, want ErrRejects naming the first", err)
	}
}

func TestCheckShrink(t *testing.T) {
	snap := func(id string, counts map[string]int) *snapshot.Snapshot {
		return &snapshot.Snapshot{Manifest: snapshot.Manifest{Snapshot: id, GuardCounts: counts}}
	}
	s1 := snap("s1", map[string]int{"meetings": 100, "parties/APMBC": 164})
	// Five nights each losing 9%: the newest snapshot alone would let the next pass.
	s2 := snap("s2", map[string]int{"meetings": 91, "parties/APMBC": 164})
	s3 := snap("s3", map[string]int{"meetings": 83, "parties/APMBC": 164})
	for _, tc := range []struct {
		name    string
		recent  []*snapshot.Snapshot
		now     map[string]int
		wantErr string
	}{
		{"first run", nil, map[string]int{"meetings": 1}, ""},
		{"within 10%", []*snapshot.Snapshot{s1}, map[string]int{"meetings": 90, "parties/APMBC": 160}, ""},
		{"meetings lost 11%", []*snapshot.Snapshot{s1}, map[string]int{"meetings": 89, "parties/APMBC": 164}, "meetings 100 → 89 (−11%, against s1)"},
		{"instrument gone", []*snapshot.Snapshot{s1}, map[string]int{"meetings": 100}, "parties/APMBC 164 → 0"},
		{"9% a night, against the largest", []*snapshot.Snapshot{s3, s2, s1}, map[string]int{"meetings": 76, "parties/APMBC": 164}, "meetings 100 → 76 (−24%, against s1)"},
		{"9% a night, newest only", []*snapshot.Snapshot{s3}, map[string]int{"meetings": 76, "parties/APMBC": 164}, ""},
		{"membership file emptied, depositary fills it", []*snapshot.Snapshot{snap("s4", map[string]int{"file/membership/ccm.csv": 112, "parties/CCM": 112})},
			map[string]int{"parties/CCM": 112, "depositary_filled/CCM": 112},
			"file/membership/ccm.csv 112 → 0 (−100%, against s4); depositary-filled: CCM: 112 of 112 parties"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := checkShrink(tc.recent, tc.now)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			if !errors.Is(err, ErrShrunk) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want ErrShrunk with %q", err, tc.wantErr)
			}
		})
	}
}

func TestExitKind(t *testing.T) {
	for err, want := range map[error]string{
		fmt.Errorf("x: %w", ErrDataTests): "data_tests",
		fmt.Errorf("x: %w", ErrRejects):   "rejects",
		fmt.Errorf("x: %w", ErrShrunk):    "shrunk",
		context.Canceled:                  "interrupted",
		errors.New("disk full"):           "failure",
	} {
		if got := exitKind(err); got != want {
			t.Errorf("exitKind(%v) = %q, want %q", err, got, want)
		}
	}
}

func TestFailedRunIsRecorded(t *testing.T) {
	cfg := realConfig(t)
	cfg.DatasetsDir = t.TempDir() // no sources.json
	_, err := Run(t.Context(), cfg)
	if err == nil || !strings.Contains(err.Error(), "sources manifest") {
		t.Fatalf("run without sources.json: %v", err)
	}
	f, rerr := snapshot.ReadLastFailure(cfg.OutDir)
	if rerr != nil || f == nil || f.ExitKind != "failure" || f.Error != err.Error() {
		t.Fatalf("last failure %+v, %v", f, rerr)
	}
	if _, err := os.Lstat(filepath.Join(cfg.OutDir, snapshot.CurrentLink)); !os.IsNotExist(err) {
		t.Errorf("a failed first run left %s: %v", snapshot.CurrentLink, err)
	}
}

// TestIngestSettlesMeetingStatus: as of the run's day no meeting whose dates are
// past is planned; ATT CSP12 (ended 2026-08-28) and the CCW 7RC (16-20 Nov 2026),
// which no source reports yet, are unconfirmed as of 2026-11-27.
func TestIngestSettlesMeetingStatus(t *testing.T) {
	cfg := realConfig(t)
	r := newRun(cfg)
	in, err := r.readSources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer in.cleanup()
	if err := r.ingest(in); err != nil {
		t.Fatal(err)
	}
	for _, m := range r.raw.Meetings {
		last := m.EndDate
		if last == nil {
			last = m.StartDate
		}
		if m.Status == rawtable.StatusPlanned && last != nil && *last < cfg.AsOf {
			t.Errorf("%s ended %s, before %s, and is planned", m.MeetingID, *last, cfg.AsOf)
		}
		switch m.MeetingID {
		case "ATT_CSP12", "CCW_7RC":
			if m.Status != rawtable.StatusUnconfirmed {
				t.Errorf("%s: %s, want unconfirmed", m.MeetingID, m.Status)
			}
		}
	}
}
