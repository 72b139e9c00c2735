package job

import (
	"bytes"
	"encoding/csv"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"synergy/pipeline/civil"
	"synergy/pipeline/gen"
	"synergy/pipeline/snapshot"
)

// dirSink writes generated files under a folder.
type dirSink string

func (d dirSink) Create(name string) (io.WriteCloser, error) {
	path := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}

// editMeetings rewrites the generated meetings.csv through edit, which gets the
// header and the rows and returns the rows to write.
func editMeetings(t *testing.T, data string, edit func(header []string, rows [][]string) [][]string) {
	t.Helper()
	path := filepath.Join(data, "meetings", "meetings.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := edit(recs[0], recs[1:])
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	if err := w.WriteAll(append([][]string{recs[0]}, rows...)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// agendaFile returns the English agenda file at len/d in the sorted list.
func agendaFile(t *testing.T, data string, d int) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(data, "meetings", "agendas", "*.en.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no English agenda file: %v", err)
	}
	return files[len(files)/d]
}

func column(t *testing.T, header []string, name string) int {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("meetings.csv has no column %s: %q", name, header)
	}
	return i
}

// TestIncrementalMartsEqualFullBuild changes generated data step by step; after
// each change the incremental run's marts must be byte for byte those of a full
// run on the same inputs, and the build mode the one expected.
func TestIncrementalMartsEqualFullBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline 18 times")
	}
	data, out := t.TempDir(), t.TempDir()
	if _, err := gen.Generate(os.DirFS("../../datasets"), dirSink(data), gen.Options{Scale: 3, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	asOf, _ := civil.ParseDay("2026-11-27")
	var logged bytes.Buffer
	config := func(outDir string) Config {
		return Config{DatasetsDir: data, OutDir: outDir, AsOf: asOf, Version: "test", CodeVersion: "test",
			Threads: 2, MemoryLimit: "2GB", NoPlanBacktest: true, Logger: slog.New(slog.NewTextHandler(&logged, nil))}
	}
	if sum, err := Run(t.Context(), config(out)); err != nil {
		t.Fatal(err)
	} else if sum.Build.Mode != buildFull || sum.Build.Reason != "no published snapshot" {
		t.Fatalf("first run: build %+v", sum.Build)
	}
	steps := []struct {
		name   string
		change func(t *testing.T)
		force  bool
		mode   string
		years  int // at most this many years rebuilt (incremental)
	}{
		{"one meeting's dates within its year", func(t *testing.T) {
			editMeetings(t, data, func(h []string, rows [][]string) [][]string {
				r := rows[len(rows)/2]
				r[column(t, h, "start_date")] = r[column(t, h, "start_date")][:8] + "01"
				return rows
			})
		}, false, buildIncremental, 3},
		{"an agenda file added", func(t *testing.T) {
			dir := filepath.Join(data, "meetings", "agendas")
			files, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				id, ok := strings.CutSuffix(f.Name(), ".en.txt")
				if _, err := os.Stat(filepath.Join(dir, id+".zh.txt")); ok && os.IsNotExist(err) {
					b, err := os.ReadFile(filepath.Join(dir, f.Name()))
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, id+".zh.txt"), b, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
			}
			t.Fatal("no meeting without a zh agenda")
		}, false, buildIncremental, 3},
		{"an agenda file edited (an item added)", func(t *testing.T) {
			path := agendaFile(t, data, 2)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b = append(bytes.TrimRight(b, "\n"), "\n42. Assistance to the victims of cluster munitions\n"...)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, false, buildIncremental, 3},
		{"an agenda file removed", func(t *testing.T) {
			if err := os.Remove(agendaFile(t, data, 3)); err != nil {
				t.Fatal(err)
			}
		}, false, buildIncremental, 3},
		{"a meeting moved across a year boundary", func(t *testing.T) {
			editMeetings(t, data, func(h []string, rows [][]string) [][]string {
				s, e := column(t, h, "start_date"), column(t, h, "end_date")
				for _, r := range rows[len(rows)/3:] {
					start, err1 := civil.ParseDay(r[s])
					_, err2 := civil.ParseDay(r[e])
					if err1 == nil && err2 == nil && start.Time().Month() == 12 {
						next := start.Year() + 1
						r[s], r[e] = civil.Date(next, 1, 12).String(), civil.Date(next, 1, 14).String()
						return rows
					}
				}
				t.Fatal("no December meeting")
				return rows
			})
		}, false, buildIncremental, 4},
		{"the city of a meeting paired with one of the year before (the pair counts in that year)", func(t *testing.T) {
			editMeetings(t, data, func(h []string, rows [][]string) [][]string {
				s, e, in, city := column(t, h, "start_date"), column(t, h, "end_date"), column(t, h, "instrument"), column(t, h, "city")
				for _, r := range rows {
					start, err := civil.ParseDay(r[s])
					if err != nil || start.Time().Month() > 2 {
						continue
					}
					for _, o := range rows {
						end, err := civil.ParseDay(o[e])
						if err == nil && o[in] != r[in] && end.Year() == start.Year()-1 && end.AddDays(90) >= start {
							r[city] = map[bool]string{true: "Vienna", false: "Geneva"}[r[city] != "Vienna"]
							return rows
						}
					}
				}
				t.Fatal("no meeting early in a year paired with one of the year before")
				return rows
			})
		}, false, buildIncremental, 3},
		{"a meeting removed (the later rows' source lines shift)", func(t *testing.T) {
			editMeetings(t, data, func(h []string, rows [][]string) [][]string {
				return slices.Delete(rows, len(rows)-5, len(rows)-4)
			})
		}, false, buildIncremental, 0},
		{"a meeting added at the end", func(t *testing.T) {
			editMeetings(t, data, func(h []string, rows [][]string) [][]string {
				r := slices.Clone(rows[len(rows)/4])
				r[column(t, h, "meeting_code")] += "bis"
				return append(rows, r)
			})
		}, false, buildIncremental, 3},
		{"membership changed", func(t *testing.T) {
			path := filepath.Join(data, "membership", "att.csv")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitAfter(string(b), "\n")
			if err := os.WriteFile(path, []byte(strings.Join(slices.Delete(lines, 3, 4), "")), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false, buildFull, 0},
		{"nothing changed, --force", func(t *testing.T) {}, true, buildFull, 0},
	}
	for i, st := range steps {
		st.change(t)
		cfg := config(out)
		cfg.Force = st.force
		logged.Reset()
		sum, err := Run(t.Context(), cfg)
		if err != nil {
			t.Fatalf("step %d (%s): %v", i+1, st.name, err)
		}
		if copied := strings.Contains(logged.String(), "published rows of unchanged agenda files copied"); copied == st.force {
			t.Errorf("step %d (%s): agenda rows copied %t, want %t", i+1, st.name, copied, !st.force)
		}
		if sum.Build.Mode != st.mode || (st.mode == buildIncremental && sum.Build.Meetings == 0) ||
			(st.years > 0 && len(sum.Build.Years) > st.years) {
			t.Errorf("step %d (%s): build %s (%s), %d years %v; want %s, at most %d years", i+1, st.name,
				sum.Build.Mode, sum.Build.Reason, len(sum.Build.Years), sum.Build.Years, st.mode, st.years)
		}
		full, err := Run(t.Context(), config(t.TempDir()))
		if err != nil {
			t.Fatal(err)
		}
		compareTables(t, st.name, sum, full)
	}
}

// compareTables fails unless the two snapshots' raw tables and marts are the
// same bytes.
func compareTables(t *testing.T, step string, got, want *Summary) {
	t.Helper()
	n := map[string]int{}
	for _, w := range want.Tables {
		if w.Layer != snapshot.LayerMart && w.Layer != snapshot.LayerRaw {
			continue
		}
		n[w.Layer]++
		a, err := os.ReadFile(filepath.Join(got.SnapshotDir, filepath.FromSlash(w.Path)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(want.SnapshotDir, filepath.FromSlash(w.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: %s table %s differs from a full run's (%d and %d bytes)", step, w.Layer, w.Name, len(a), len(b))
		}
	}
	if n[snapshot.LayerMart] < 10 || n[snapshot.LayerRaw] < 14 {
		t.Errorf("%s: %v tables compared", step, n)
	}
}
