package report

import (
	"fmt"
	"math"
	"slices"
)

// pairSeries is one instrument pair's membership Jaccard by year.
type pairSeries struct {
	A, B       string
	SameFamily bool
	Years      []int
	Jaccard    []float64
}

// reviewYear is the year of the Mine Ban Convention review behind Recommendations 8
// and 9; the overlap trend table starts there.
const reviewYear = 2010

func (b *builder) rec9(r *Report) error {
	l := b.l
	y := b.p.To
	r.Sections = append(r.Sections, Section{ID: "rec9", Level: 2, Title: l.T("sec.rec9")})

	ps, err := b.query("rec9 pairs", `
		select instrument_a, instrument_b, same_family, parties_a, parties_b, parties_both,
			parties_either, membership_jaccard, containment_a_in_b, containment_b_in_a,
			obligations_covered, states_same_theme_obligations, obligation_share,
			agenda_theme_cosine, synergy_potential, synergy_components
		from instrument_pair_synergy
		where year = $1
		order by synergy_potential desc, instrument_a, instrument_b`, y)
	if err != nil {
		return err
	}

	// Heatmap.
	sec := Section{ID: "rec9-matrix", Level: 3, Title: l.T("sec.rec9.matrix", y)}
	var ids []string
	jac := map[[2]string]float64{}
	for i := 0; i < ps.len(); i++ {
		a, c := ps.str(i, "instrument_a"), ps.str(i, "instrument_b")
		ids = append(ids, a, c)
		jac[[2]string{a, c}] = ps.num(i, "membership_jaccard")
		jac[[2]string{c, a}] = ps.num(i, "membership_jaccard")
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > 0 {
		matrix := make([][]float64, len(ids))
		mt := &Table{ID: "rec9-matrix-data", Header: append([]string{""}, ids...), Numeric: []bool{false}}
		for i, a := range ids {
			matrix[i] = make([]float64, len(ids))
			row := []string{a}
			for j, c := range ids {
				v, ok := jac[[2]string{a, c}]
				if !ok {
					v = math.NaN()
				}
				matrix[i][j] = v
				if ok {
					row = append(row, l.Float(v, 2))
				} else {
					row = append(row, "—")
				}
			}
			mt.Rows = append(mt.Rows, row)
			mt.Numeric = append(mt.Numeric, true)
		}
		svg, err := heatmapChart(l, ids, matrix)
		if err != nil {
			return &ChartError{Chart: "heatmap", Err: err}
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.matrix")},
			&Figure{ID: "fig-heatmap", Caption: l.T("fig.heatmap", y), SVG: svg, Data: mt})
	} else {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", fmt.Sprint(y))})
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"instrument_pair_synergy"}, srcParty, nil))
	r.Sections = append(r.Sections, sec)

	// Trend.
	sec = Section{ID: "rec9-trend", Level: 3, Title: l.T("sec.rec9.trend")}
	tr, err := b.query("rec9 trend", `
		select instrument_a, instrument_b, same_family, year, membership_jaccard
		from instrument_pair_synergy
		where year <= $1
		order by instrument_a, instrument_b, year`, y)
	if err != nil {
		return err
	}
	var series []*pairSeries
	byPair := map[[2]string]*pairSeries{}
	for i := 0; i < tr.len(); i++ {
		k := [2]string{tr.str(i, "instrument_a"), tr.str(i, "instrument_b")}
		s := byPair[k]
		if s == nil {
			s = &pairSeries{A: k[0], B: k[1], SameFamily: tr.val(i, "same_family") == true}
			byPair[k] = s
			series = append(series, s)
		}
		s.Years = append(s.Years, tr.int(i, "year"))
		s.Jaccard = append(s.Jaccard, tr.num(i, "membership_jaccard"))
	}
	var cols []int
	for _, c := range []int{reviewYear, b.prev.To, y} {
		if c <= y && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	slices.Sort(cols)
	var yearLabels []string
	tt := &Table{ID: "rec9-trend-data", Header: []string{l.T("col.pair"), l.T("col.same_family")}, Numeric: []bool{false, false}}
	for _, c := range cols {
		tt.Header = append(tt.Header, fmt.Sprint(c))
		tt.Numeric = append(tt.Numeric, true)
		yearLabels = append(yearLabels, fmt.Sprint(c))
	}
	tt.Header = append(tt.Header, l.T("col.change")+" "+l.T("fmt.range", b.prev.To, y))
	tt.Numeric = append(tt.Numeric, true)
	for _, s := range series {
		at := func(year int) (float64, bool) {
			if i := slices.Index(s.Years, year); i >= 0 {
				return s.Jaccard[i], true
			}
			return 0, false
		}
		row := []string{l.T("fmt.pair", s.A, s.B), l.Bool(s.SameFamily)}
		for _, c := range cols {
			if v, ok := at(c); ok {
				row = append(row, l.Float(v, 2))
			} else {
				row = append(row, "—")
			}
		}
		now, ok1 := at(y)
		before, ok2 := at(b.prev.To)
		if ok1 && ok2 {
			d := l.Float(now-before, 2)
			if now-before > 0.005 {
				d = "+" + d
			}
			row = append(row, d)
		} else {
			row = append(row, "—")
		}
		tt.Rows = append(tt.Rows, row)
	}
	if len(series) > 0 {
		svg, err := trendChart(l, b.p, series)
		if err != nil {
			return &ChartError{Chart: "trend", Err: err}
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.trend", joinAnd(l, yearLabels))},
			&Figure{ID: "fig-trend", Caption: l.T("fig.trend", y), SVG: svg, Data: tt})
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"instrument_pair_synergy"}, srcParty, nil))
	r.Sections = append(r.Sections, sec)

	// Ranking with every component.
	sec = Section{ID: "rec9-rank", Level: 3, Title: l.T("sec.rec9.rank", y)}
	rt := &Table{ID: "rec9-rank", Header: []string{l.T("col.rank"), l.T("col.pair"), l.T("col.same_family"),
		l.T("col.parties_a"), l.T("col.parties_b"), l.T("col.parties_both"), l.T("col.jaccard"), l.T("col.cont_ab"),
		l.T("col.cont_ba"), l.T("col.obl_covered"), l.T("col.obl_states"), l.T("col.obl_share"), l.T("col.cosine"),
		l.T("col.potential"), l.T("col.components")},
		Numeric: []bool{true, false, false, true, true, true, true, true, true, false, true, true, true, true, true}}
	bestCross, bestPotential := -1, -1
	for i := 0; i < ps.len(); i++ {
		rt.Rows = append(rt.Rows, []string{fmt.Sprint(i + 1), l.T("fmt.pair", ps.str(i, "instrument_a"), ps.str(i, "instrument_b")),
			l.Bool(ps.val(i, "same_family")), l.Count(ps.val(i, "parties_a")), l.Count(ps.val(i, "parties_b")),
			l.Count(ps.val(i, "parties_both")), l.Ratio(ps.val(i, "membership_jaccard")), l.Ratio(ps.val(i, "containment_a_in_b")),
			l.Ratio(ps.val(i, "containment_b_in_a")), l.Bool(ps.val(i, "obligations_covered")),
			l.Count(ps.val(i, "states_same_theme_obligations")), l.Ratio(ps.val(i, "obligation_share")),
			l.Ratio(ps.val(i, "agenda_theme_cosine")), l.Ratio(ps.val(i, "synergy_potential")), l.Count(ps.val(i, "synergy_components"))})
		if ps.val(i, "same_family") != true {
			if bestPotential < 0 {
				bestPotential = i
			}
			if bestCross < 0 || ps.num(i, "membership_jaccard") > ps.num(bestCross, "membership_jaccard") {
				bestCross = i
			}
		}
	}
	if len(rt.Rows) > 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.rank")}, rt)
	} else {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", fmt.Sprint(y))})
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"instrument_pair_synergy"}, srcRec9, nil))
	r.Sections = append(r.Sections, sec)
	if bestCross >= 0 {
		r.Key = append(r.Key, l.T("head.overlap", y,
			l.T("fmt.pair", ps.str(bestCross, "instrument_a"), ps.str(bestCross, "instrument_b")), l.Ratio(ps.val(bestCross, "membership_jaccard")),
			l.T("fmt.pair", ps.str(bestPotential, "instrument_a"), ps.str(bestPotential, "instrument_b")), l.Ratio(ps.val(bestPotential, "synergy_potential"))))
	}

	// Shared obligations and their articles.
	sec = Section{ID: "rec9-law", Level: 3, Title: l.T("sec.rec9.law", y)}
	so, err := b.query("rec9 shared obligations", `
		with s as (
			select instrument_a, instrument_b, unnest(shared_obligations) as o
			from instrument_pair_synergy
			where year = $1
		)
		select instrument_a, instrument_b, o.theme as theme, o.article_a as article_a,
			o.article_b as article_b, count(*) as states,
			string_agg(o.state_id, ', ' order by o.state_id) as state_ids
		from s
		group by all
		order by instrument_a, instrument_b, theme, article_a, article_b`, y)
	if err != nil {
		return err
	}
	if so.len() == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.law.none", y)})
	} else {
		lt := &Table{ID: "rec9-law", Header: []string{l.T("col.pair"), l.T("col.theme"), l.T("col.article_a"), l.T("col.article_b"),
			l.T("col.states"), l.T("col.state_ids")}, Numeric: []bool{false, false, false, false, true, false}}
		for i := 0; i < so.len(); i++ {
			a, c := so.str(i, "instrument_a"), so.str(i, "instrument_b")
			lt.Rows = append(lt.Rows, []string{l.T("fmt.pair", a, c), l.Theme(so.str(i, "theme")),
				a + " " + so.str(i, "article_a"), c + " " + so.str(i, "article_b"), l.Count(so.val(i, "states")), so.str(i, "state_ids")})
		}
		arts, err := b.query("rec9 articles", `
			with s as (
				select instrument_a, instrument_b, unnest(shared_obligations) as o
				from instrument_pair_synergy
				where year = $1
			),
			cited as (
				select instrument_a as instrument_id, o.article_a as article, o.theme as theme from s
				union
				select instrument_b, o.article_b, o.theme from s
			)
			select a.instrument_id, a.article, a.theme, a.obligation_kind, a.summary, a.source_url
			from instrument_articles as a
			inner join cited using (instrument_id, article, theme)
			order by a.instrument_id, a.article, a.theme`, y)
		if err != nil {
			return err
		}
		at := &Table{ID: "rec9-articles", Header: []string{l.T("col.instrument"), l.T("col.article"), l.T("col.theme"),
			l.T("col.kind"), l.T("col.summary"), l.T("col.source_url")}}
		for i := 0; i < arts.len(); i++ {
			at.Rows = append(at.Rows, []string{arts.str(i, "instrument_id"), arts.str(i, "article"), l.Theme(arts.str(i, "theme")),
				arts.str(i, "obligation_kind"), arts.str(i, "summary"), dash(arts.str(i, "source_url"))})
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.law")}, lt, &Para{l.T("p.law.articles")}, at)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"instrument_pair_synergy", "instrument_articles"},
		[]string{"obligations", "instrument_articles", "membership"}, nil))
	r.Sections = append(r.Sections, sec)
	return nil
}
