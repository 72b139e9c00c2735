package changes

import (
	"slices"
	"strings"

	"synergy/pipeline/rawtable"
)

// disagreements groups discrepancy rows by (entity, key, field) and keeps the
// fields whose sources give two or more different non-empty values.
func disagreements(rows []rawtable.SourceDiscrepancy) map[string][]rawtable.SourceDiscrepancy {
	by := map[string][]rawtable.SourceDiscrepancy{}
	for _, r := range rows {
		k := r.Entity + "\x00" + r.EntityKey + "\x00" + r.Field
		by[k] = append(by[k], r)
	}
	for k, rs := range by {
		values := map[string]bool{}
		for _, r := range rs {
			if r.Value != "" {
				values[r.Value] = true
			}
		}
		if len(values) < 2 {
			delete(by, k)
		}
	}
	return by
}

// newDisagreements lists the fields whose sources disagree now and did not in the
// previous snapshot.
func newDisagreements(prev, now []rawtable.SourceDiscrepancy) []Change {
	before := disagreements(prev)
	var out []Change
	for k, rs := range disagreements(now) {
		if _, ok := before[k]; ok {
			continue
		}
		var says, srcs []string
		used := ""
		for _, r := range rs {
			says = append(says, r.Value+" ("+r.SourceFile+")")
			srcs = append(srcs, orWord(r.SourceURL, r.SourceFile))
			if r.Used {
				used = r.Value
			}
		}
		slices.Sort(srcs)
		out = append(out, Change{Kind: KindDisagreement, Entity: "source_discrepancy", Key: rs[0].EntityKey + "/" + rs[0].Field,
			Text:   rs[0].Entity + " " + rs[0].EntityKey + " " + rs[0].Field + ": " + strings.Join(says, " vs ") + "; published " + orWord(used, "none") + " (rule " + rs[0].Rule + ")",
			Source: strings.Join(slices.Compact(srcs), " | ")})
	}
	return out
}
