package models

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
)

// checkReads returns the models of names a check reads: its own model, a
// relationship's target, and the models an expression names (a subquery).
func checkReads(c Check, names map[string]bool) []string {
	reads := []string{c.Model}
	if c.RefModel != "" {
		reads = append(reads, c.RefModel)
	}
	if c.Expr != "" {
		if sc, err := scanSQL(c.Expr); err == nil {
			for _, id := range sc.idents {
				if names[id] && !slices.Contains(reads, id) {
					reads = append(reads, id)
				}
			}
		}
	}
	return reads
}

// readers returns, for every model of p, the names it reads: its Refs, and the
// models its checks read.
func readers(p *Project, names map[string]bool) map[string][]string {
	reads := make(map[string][]string, len(p.Models))
	for _, m := range p.Models {
		r := slices.Clone(m.Refs)
		for _, c := range m.Checks {
			for _, name := range checkReads(c, names) {
				if name != m.Name && !slices.Contains(r, name) {
					r = append(r, name)
				}
			}
		}
		reads[m.Name] = r
	}
	return reads
}

// spentTables returns the intermediate tables of whole that part (a part of whole
// in its build order) may drop once its own models and checks have read them:
// those part builds or reads, and no model of later (the models built after part)
// nor their checks read. Marts are never spent: they are exported at the end.
func spentTables(whole, part, later *Project) map[string]bool {
	names := make(map[string]bool, len(whole.Models))
	for _, m := range whole.Models {
		names[m.Name] = true
	}
	needed := make(map[string]bool)
	for _, r := range readers(later, names) {
		for _, name := range r {
			needed[name] = true
		}
	}
	for _, m := range later.Models {
		needed[m.Name] = true
	}
	used := make(map[string]bool)
	for _, m := range part.Models {
		used[m.Name] = true
	}
	for _, r := range readers(part, names) {
		for _, name := range r {
			used[name] = true
		}
	}
	spent := make(map[string]bool)
	for _, m := range whole.Models {
		if m.Layer == LayerIntermediate && used[m.Name] && !needed[m.Name] {
			spent[m.Name] = true
		}
	}
	return spent
}

// buildAndCheck builds every model of p in order and runs each model's checks as
// soon as every model they read is built; then, when p names spent tables, drops
// each of them once nothing left in p reads it, so that the database holds
// only what the rest of the run needs (at scale 1000 the intermediate tables held
// to the end pushed the export's sort of the pair marts far beyond memory_limit).
// The results are in model and header order.
func buildAndCheck(ctx context.Context, db DB, p *Project, logger *slog.Logger) ([]CheckResult, error) {
	names := make(map[string]bool, len(p.Models))
	for _, m := range p.Models {
		names[m.Name] = true
	}
	reads := readers(p, names)
	built := make(map[string]bool, len(p.Models))
	checked := make([]bool, len(p.Models))
	results := make([][]CheckResult, len(p.Models))
	var failed []error
	dropped := make(map[string]bool)
	cr, err := openCheckRunner(ctx, db)
	if err != nil {
		return nil, err
	}
	defer cr.Close()
	for _, m := range p.Models {
		if err := buildModel(ctx, db, m, logger); err != nil {
			return nil, err
		}
		built[m.Name] = true
		var ready []int // the models whose checks can run now, checked together
		for i, c := range p.Models {
			if !checked[i] && built[c.Name] && allBuilt(reads[c.Name], names, built) {
				checked[i] = true
				ready = append(ready, i)
			}
		}
		if err := checkReady(ctx, cr, p.Models, ready, results, &failed, logger); err != nil {
			return nil, err
		}
		if err := dropSpent(ctx, db, p, reads, built, checked, dropped, logger); err != nil {
			return nil, err
		}
	}
	var all []CheckResult
	for _, r := range results {
		all = append(all, r...)
	}
	return all, checksError(failed, len(all))
}

// checkReady runs the checks of the models at indexes ready on cr's connections
// together and stores each model's results at its index.
func checkReady(ctx context.Context, cr *checkRunner, models []*Model, ready []int, results [][]CheckResult, failed *[]error, logger *slog.Logger) error {
	batch := make([]*Model, len(ready))
	for j, i := range ready {
		batch[j] = models[i]
	}
	got, f, err := checkModels(ctx, cr, batch, logger, *failed)
	if err != nil {
		return err
	}
	*failed = f
	for _, i := range ready {
		n := len(models[i].Checks)
		results[i], got = got[:n:n], got[n:]
	}
	return nil
}

// allBuilt reports whether every model of names in reads is built. Given a built
// model's reads (readers: its Refs, built before it, and what its checks read),
// it says whether its checks can run; readers scanned the checks' SQL once.
func allBuilt(reads []string, names, built map[string]bool) bool {
	for _, name := range reads {
		if names[name] && !built[name] {
			return false
		}
	}
	return true
}

// dropSpent drops each of p's spent tables, in name order, that is built and that
// no model of p still to build or check reads, and returns their memory to the OS.
// A spent table p does not build comes from an earlier part of the run.
func dropSpent(ctx context.Context, db DB, p *Project, reads map[string][]string,
	built map[string]bool, checked []bool, dropped map[string]bool, logger *slog.Logger) error {
	pending := make(map[string]bool)
	for i, m := range p.Models {
		if built[m.Name] && checked[i] {
			continue
		}
		pending[m.Name] = true
		for _, name := range reads[m.Name] {
			pending[name] = true
		}
	}
	droppedNow := false
	for _, name := range slices.Sorted(maps.Keys(p.spent)) {
		if dropped[name] || pending[name] || (p.Model(name) != nil && !built[name]) {
			continue
		}
		if err := db.Exec(ctx, "drop table if exists "+name); err != nil {
			return fmt.Errorf("%w: drop %s: %w", ErrBuild, name, err)
		}
		dropped[name] = true
		droppedNow = true
		logger.Debug("table dropped", "model", name)
	}
	if !droppedNow {
		return nil
	}
	return releaseMemory(ctx, db)
}
