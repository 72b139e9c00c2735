package models_test

import (
	"context"
	"errors"
	"maps"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
)

// sessionsDB lets models open second connections to a test database, counting them.
type sessionsDB struct {
	*warehouse.DB
	opened atomic.Int64
}

func (d *sessionsDB) OpenSession(ctx context.Context) (models.Session, error) {
	s, err := d.Session(ctx)
	if err != nil {
		return nil, err
	}
	d.opened.Add(1)
	return s, nil
}

// TestChecksOnTwoConnections: the data tests run on a second connection give the
// same results, in the same order, as on one, failures and their samples included.
func TestChecksOnTwoConnections(t *testing.T) {
	rows := maps.Clone(fixtureRows)
	rows["participation"] = strings.Replace(rows["participation"],
		"('BBB', 'X', 2, null, '2011-02-01', 'accession', '2011-08-01', null, null, null)",
		"('BBB', 'X', 2, null, '2010-02-01', 'accession', '2010-08-15', null, null, null)", 1)
	for _, tc := range []struct {
		name string
		rows map[string]string
	}{{"fixture", fixtureRows}, {"overlapping spells", rows}} {
		t.Run(tc.name, func(t *testing.T) {
			one := openTestDB(t)
			want, wantErr := models.Run(t.Context(), one, loadProject(t), writeRaw(t, one, tc.rows), nil)
			two := &sessionsDB{DB: openTestDB(t)}
			got, gotErr := models.Run(t.Context(), two, loadProject(t), writeRaw(t, two.DB, tc.rows), nil)
			if two.opened.Load() == 0 {
				t.Fatal("no second connection was opened")
			}
			if (wantErr == nil) != (gotErr == nil) || errors.Is(wantErr, models.ErrCheckFailed) != errors.Is(gotErr, models.ErrCheckFailed) {
				t.Fatalf("error on two connections %v, on one %v", gotErr, wantErr)
			}
			if wantErr != nil && gotErr.Error() != wantErr.Error() {
				t.Errorf("error on two connections:\n%v\non one:\n%v", gotErr, wantErr)
			}
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(models.CheckResult{}, "Err")); diff != "" {
				t.Errorf("results (-one +two):\n%s", diff)
			}
			failed := 0
			for _, r := range got {
				if !r.Passed() {
					failed++
				}
			}
			if (failed > 0) != (tc.rows["participation"] != fixtureRows["participation"]) {
				t.Errorf("%d checks failed on %s", failed, tc.name)
			}
		})
	}
}
