package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
	sqlmodels "synergy/sql"
)

// The yardstick measures the models against an independent, straightforward
// formulation of two marts (yardstick/*.sql, written as a careful analyst would:
// window functions over sorted meetings, joins, group-bys), on the same inputs and
// engine. Both start from the same materialized inputs (yardstickInputs: staging
// and the intermediate tables that classify and date the meetings), so the times
// compare only how each computes the mart. The two results are then compared on
// the yardstick's columns: a yardstick that disagrees measures nothing.

//go:embed yardstick/*.sql
var yardstickSQL embed.FS

// yardstickInputs are the models both sides start from, built before timing.
var yardstickInputs = []string{"int_meetings_dated", "int_meeting_scopes_listed",
	"int_meeting_themes_combined", "int_participation_spells"}

// yardstickKeys are, per mart, the columns the yardstick computes, key first;
// theme_similarity is compared to within 1e-9.
var yardstickKeys = map[string][]string{
	"meeting_pairs":     {"meeting_id_a", "meeting_id_b", "relation", "gap_working_days", "shared_parties", "theme_similarity"},
	"state_year_burden": {"state_id", "year", "meetings", "remote_meetings", "trips", "trips_lower_bound"},
}

// YardstickResult is one mart's comparison.
type YardstickResult struct {
	Mart        string  `json:"mart"`
	ModelsMS    float64 `json:"models_ms"`    // the mart and every model it needs beyond the inputs
	YardstickMS float64 `json:"yardstick_ms"` // the hand-written query
	Rows        int64   `json:"rows"`
	Disagree    int64   `json:"disagree"` // rows in one result and not the other
}

func yardstick(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("yardstick", flag.ContinueOnError)
	raw := fs.String("raw", "", "folder of synergy's raw/*.parquet")
	out := fs.String("json", "", "results file")
	threads := fs.Int("threads", 2, "DuckDB threads")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := models.Load(sqlmodels.FS)
	if err != nil {
		return err
	}
	var rs []YardstickResult
	for _, mart := range []string{"meeting_pairs", "state_year_burden"} {
		r, err := yardstickOne(ctx, p, *raw, mart, *threads)
		if err != nil {
			return fmt.Errorf("%s: %w", mart, err)
		}
		fmt.Fprintf(os.Stderr, "baseline: yardstick %s: models %.0f ms, hand-written %.0f ms, %d rows, %d disagree\n",
			mart, r.ModelsMS, r.YardstickMS, r.Rows, r.Disagree)
		rs = append(rs, r)
	}
	return writeJSON(*out, rs)
}

// yardstickOne times, in a fresh database, the models that make mart beyond the
// inputs, then the yardstick query, and compares them.
func yardstickOne(ctx context.Context, p *models.Project, raw, mart string, threads int) (YardstickResult, error) {
	r := YardstickResult{Mart: mart}
	db, done, err := open(ctx, threads)
	if err != nil {
		return r, err
	}
	defer done()
	if err := createInputs(ctx, db, p, raw); err != nil {
		return r, err
	}
	built := map[string]bool{}
	for _, name := range yardstickInputs {
		if err := buildWithDeps(ctx, db, p, name, built); err != nil {
			return r, err
		}
	}
	t0 := time.Now()
	if err := buildWithDeps(ctx, db, p, mart, built); err != nil {
		return r, err
	}
	r.ModelsMS = float64(time.Since(t0).Microseconds()) / 1000
	q, err := yardstickSQL.ReadFile("yardstick/" + mart + ".sql")
	if err != nil {
		return r, err
	}
	t0 = time.Now()
	if err := db.Exec(ctx, "create table yardstick_"+mart+" as\n"+string(q)); err != nil {
		return r, err
	}
	r.YardstickMS = float64(time.Since(t0).Microseconds()) / 1000
	if r.Rows, err = count(ctx, db, "select count(*) from "+mart); err != nil {
		return r, err
	}
	r.Disagree, err = disagreements(ctx, db, mart)
	return r, err
}

// buildWithDeps creates model name after every model it refers to, each once.
func buildWithDeps(ctx context.Context, db *warehouse.DB, p *models.Project, name string, built map[string]bool) error {
	if built[name] {
		return nil
	}
	m := p.Model(name)
	if m == nil {
		return fmt.Errorf("no model %s", name)
	}
	for _, ref := range m.Refs {
		if err := buildWithDeps(ctx, db, p, ref, built); err != nil {
			return err
		}
	}
	built[name] = true
	return create(ctx, db, m)
}

// disagreements counts the rows of the mart and of its yardstick that the other
// lacks, on the yardstick's columns (theme_similarity rounded to 9 decimals).
func disagreements(ctx context.Context, db *warehouse.DB, mart string) (int64, error) {
	cols := make([]string, len(yardstickKeys[mart]))
	for i, c := range yardstickKeys[mart] {
		cols[i] = c
		if c == "theme_similarity" {
			cols[i] = "round(theme_similarity, 9)"
		}
	}
	sel := strings.Join(cols, ", ")
	return count(ctx, db, fmt.Sprintf(`select count(*) from (
		(select %[1]s from %[2]s except all select %[1]s from yardstick_%[2]s)
		union all
		(select %[1]s from yardstick_%[2]s except all select %[1]s from %[2]s))`, sel, mart))
}
