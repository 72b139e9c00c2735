package warehouse

import (
	"errors"
	"sync"
	"testing"
)

func TestSessionSeesCatalogAndSettings(t *testing.T) {
	db := openTestDB(t)
	ctx := t.Context()
	if err := db.Exec(ctx, "create table t as select range as i from range(10); create macro twice(x) as 2 * x; create view v as select twice(i) as j from t"); err != nil {
		t.Fatal(err)
	}
	s, err := db.Session(ctx)
	if err != nil {
		t.Fatalf("Session: %v", err)
	}
	if got := queryOne(t, s, "select sum(j) from v"); got != float64(90) && got != int64(90) {
		t.Errorf("sum over the other connection's view = %v (%T), want 90", got, got)
	}
	if got := queryOne(t, s, "select "+CosineFunction+"([1.0, 0.0], [1.0, 0.0])"); got != 1.0 {
		t.Errorf("%s on the session = %v, want 1", CosineFunction, got)
	}
	if got := queryOne(t, s, "select current_setting('TimeZone')"); got != "UTC" {
		t.Errorf("session TimeZone = %v, want UTC", got)
	}
	if got, want := queryOne(t, s, "select current_setting('memory_limit')"), queryOne(t, db, "select current_setting('memory_limit')"); got != want {
		t.Errorf("session memory_limit = %v, want the database's %v", got, want)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("session Close: %v", err)
	}
	if _, err := s.Query(ctx, "select 1"); !errors.Is(err, ErrClosed) {
		t.Errorf("query on a closed session: %v, want ErrClosed", err)
	}
	// The database outlives its session.
	if got := queryOne(t, db, "select count(*) from v"); got != int64(10) {
		t.Errorf("count after the session closed = %v, want 10", got)
	}
}

func TestSessionsQueryConcurrently(t *testing.T) {
	db := openTestDB(t)
	ctx := t.Context()
	if err := db.Exec(ctx, "create table t as select range as i from range(100000)"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for w := range errs {
		s, err := db.Session(ctx)
		if err != nil {
			t.Fatalf("Session: %v", err)
		}
		wg.Go(func() {
			defer s.Close()
			for range 20 {
				res, err := s.Query(ctx, "select count(*) from t where i % 7 = ?", w)
				if err != nil {
					errs[w] = err
					return
				}
				if res.Rows[0][0] != int64(14286) && res.Rows[0][0] != int64(14285) {
					errs[w] = errors.New("wrong count")
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

func TestSessionOfClosedDB(t *testing.T) {
	db, err := Open(t.Context(), Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Session(t.Context()); !errors.Is(err, ErrClosed) {
		t.Errorf("Session of a closed DB: %v, want ErrClosed", err)
	}
}

// TestSetMemoryLimitKeptByReleaseMemory: SetMemoryLimit changes memory_limit, ""
// means DefaultMemoryLimit as at Open, and ReleaseMemory re-applies the limit set
// last, not the one opened with.
func TestSetMemoryLimitKeptByReleaseMemory(t *testing.T) {
	db, err := Open(t.Context(), Options{TempDir: t.TempDir(), MemoryLimit: "300MB"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	limit := func() any { return queryOne(t, db, "select current_setting('memory_limit')") }
	opened := limit()
	if err := db.SetMemoryLimit(t.Context(), "600MB"); err != nil {
		t.Fatal(err)
	}
	raised := limit()
	if raised == opened {
		t.Fatalf("memory_limit %v after SetMemoryLimit(600MB), as opened", raised)
	}
	if err := db.ReleaseMemory(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := limit(); got != raised {
		t.Errorf("memory_limit after ReleaseMemory = %v, want the limit set last, %v", got, raised)
	}
	if err := db.SetMemoryLimit(t.Context(), ""); err != nil {
		t.Fatal(err)
	}
	def, err := Open(t.Context(), Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer def.Close()
	if got, want := limit(), queryOne(t, def, "select current_setting('memory_limit')"); got != want {
		t.Errorf("memory_limit after SetMemoryLimit(\"\") = %v, want Open's default %v", got, want)
	}
}
