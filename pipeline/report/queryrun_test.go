package report_test

import (
	"context"
	"sync"
	"testing"

	"synergy/pipeline/report"
	"synergy/pipeline/tabular"
)

// recorder is a Querier that notes the text of every query it passes on.
type recorder struct {
	q   report.Querier
	mu  sync.Mutex
	ran map[string]int
}

func (r *recorder) Query(ctx context.Context, query string, args ...any) (*tabular.Result, error) {
	r.mu.Lock()
	r.ran[query]++
	r.mu.Unlock()
	return r.q.Query(ctx, query, args...)
}

// TestEveryQueryFileRuns builds the 2024 report and Colombia's 2024 view and
// checks that every embedded query file was run, so no file under queries/ is
// dead, and that Build and BuildState ran nothing but those files.
func TestEveryQueryFileRuns(t *testing.T) {
	db, snap := snapshot(t)
	texts, err := report.QueryTexts()
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{q: db, ran: map[string]int{}}
	if _, err := report.Build(t.Context(), rec, report.Options{Period: report.Year(2024), Snapshot: snap}); err != nil {
		t.Fatal(err)
	}
	if _, err := report.BuildState(t.Context(), rec, "COL", report.Options{Period: report.Year(2024), Snapshot: snap}); err != nil {
		t.Fatal(err)
	}
	byText := map[string]string{}
	for name, text := range texts {
		byText[text] = name
		if rec.ran[text] == 0 {
			t.Errorf("queries/%s.sql was not run by the 2024 report or state view", name)
		}
	}
	for text := range rec.ran {
		if _, ok := byText[text]; !ok {
			t.Errorf("Build ran a query that is not an embedded file:\n%s", text)
		}
	}
}
