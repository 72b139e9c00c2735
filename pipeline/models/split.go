package models

import (
	"fmt"
	"slices"
)

// Split divides p in two for a run that makes tables in between (the planner's
// results, package job): after holds every model whose SQL names one of tables
// (outside comments and string literals) and every model that depends on such a
// model, directly or not; before holds the rest. Both keep p's build order and
// macros, so [Run] can build before, then the caller makes tables, then Run
// builds after in the same database. It is an error when a model of before has a
// relationship check on a model of after (the check would run before its target
// exists). Run drops each intermediate table of before and after once nothing
// left in the run reads it (nothing after after does: the marts are exported).
func (p *Project) Split(tables ...string) (before, after *Project, err error) {
	later := make(map[string]bool)
	for _, m := range p.Models { // build order: a model's dependencies come first
		if later[m.Name] {
			continue
		}
		sc, err := scanSQL(m.SQL)
		if err != nil {
			return nil, nil, fileErr(m.Path, 0, ErrSQL, "%v", err)
		}
		if slices.ContainsFunc(sc.idents, func(id string) bool { return slices.Contains(tables, id) }) ||
			slices.ContainsFunc(m.Refs, func(r string) bool { return later[r] }) {
			later[m.Name] = true
		}
	}
	before, after = &Project{Macros: p.Macros}, &Project{Macros: p.Macros}
	for _, m := range p.Models {
		if later[m.Name] {
			after.Models = append(after.Models, m)
			continue
		}
		for _, c := range m.Checks {
			if c.Kind == CheckRelationship && later[c.RefModel] {
				return nil, nil, fileErr(m.Path, 0, ErrDependency, "check %s: model %s is built after %s",
					c.Name(), c.RefModel, fmt.Sprint(tables))
			}
		}
		before.Models = append(before.Models, m)
	}
	before.spent = spentTables(p, before, after)
	after.spent = spentTables(p, after, &Project{})
	return before, after, nil
}
