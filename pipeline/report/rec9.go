package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// reviewYear is the year of the Mine Ban Convention review behind Recommendations 8
// and 9; the overlap trend table starts there.
const reviewYear = 2010

// rec9 writes the chapter on Recommendation 9, synergies between instruments: the
// membership overlap of the period's last year, its trend, the pairs ranked by
// synergy potential and the obligations they share, then its key figure.
func (b *builder) rec9(r *Report) error {
	r.Sections = append(r.Sections, Section{ID: "rec9", Level: 2, Title: b.l.T("sec.rec9")})
	ps, err := b.query("rec9_pairs", b.p.To)
	if err != nil {
		return err
	}
	pairs := shapeSynergyPairs(ps)
	matrix, err := b.rec9Matrix(pairs)
	if err != nil {
		return err
	}
	trend, err := b.rec9Trend()
	if err != nil {
		return err
	}
	rank := b.rec9Rank(pairs)
	law, err := b.rec9Law()
	if err != nil {
		return err
	}
	r.Sections = append(r.Sections, matrix, trend, rank, law)
	if key, ok := overlapKey(b.l, b.names, b.p.To, pairs); ok {
		r.Key = append(r.Key, key)
	}
	return nil
}

// synergyPair is one instrument pair of rec9_pairs with every component of its
// synergy potential, as read (nil for NULL).
type synergyPair struct {
	a, b                                  string
	sameFamily                            any
	partiesA, partiesB, partiesBoth       any
	jaccard, containmentAB, containmentBA any
	obligationsCovered, obligationStates  any
	obligationShare, cosine               any
	potential, components                 any
	evidence                              []string // membership, agendas, obligations: the components known
	obligationsData                       string   // yes, low or no (rec9_pairs)
	lowStates                             any      // states whose shared obligation rests on a low-confidence row
}

// shapeSynergyPairs turns the rows of rec9_pairs into pairs, in the query's order
// (cross-family pairs first, then most evidence, then highest synergy potential).
func shapeSynergyPairs(ps rows) []synergyPair {
	var out []synergyPair
	for i := 0; i < ps.len(); i++ {
		out = append(out, synergyPair{a: ps.str(i, "instrument_a"), b: ps.str(i, "instrument_b"),
			sameFamily: ps.val(i, "same_family"), partiesA: ps.val(i, "parties_a"), partiesB: ps.val(i, "parties_b"),
			partiesBoth: ps.val(i, "parties_both"), jaccard: ps.val(i, "membership_jaccard"),
			containmentAB: ps.val(i, "containment_a_in_b"), containmentBA: ps.val(i, "containment_b_in_a"),
			obligationsCovered: ps.val(i, "obligations_covered"), obligationStates: ps.val(i, "states_same_theme_obligations"),
			obligationShare: ps.val(i, "obligation_share"), cosine: ps.val(i, "agenda_theme_cosine"),
			potential: ps.val(i, "synergy_potential"), components: ps.val(i, "synergy_components"),
			evidence: ps.list(i, "evidence"), obligationsData: ps.str(i, "obligations_data"),
			lowStates: ps.val(i, "low_confidence_states")})
	}
	return out
}

// rec9Matrix is the heatmap of the membership Jaccard of every pair of the year.
func (b *builder) rec9Matrix(pairs []synergyPair) (Section, error) {
	l, y := b.l, b.p.To
	sec := Section{ID: "rec9-matrix", Level: 3, Title: l.T("sec.rec9.matrix", y)}
	ids, matrix := overlapMatrix(pairs)
	if len(ids) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", fmt.Sprint(y))})
	} else {
		svg, err := heatmapChart(l, ids, matrix)
		if err != nil {
			return Section{}, &ChartError{Chart: "heatmap", Err: err}
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.matrix")},
			&Figure{ID: "fig-heatmap", Caption: l.T("fig.heatmap", y), SVG: svg, Data: matrixTable(l, b.names.insts(ids), matrix)})
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"instrument_pair_synergy"}, srcParty, nil))
	return sec, nil
}

// overlapMatrix returns the instruments of pairs in order and their symmetric
// matrix of membership Jaccard, NaN where there is no pair (the diagonal).
func overlapMatrix(pairs []synergyPair) ([]string, [][]float64) {
	var ids []string
	jac := map[[2]string]float64{}
	for _, p := range pairs {
		ids = append(ids, p.a, p.b)
		jac[[2]string{p.a, p.b}] = num(p.jaccard)
		jac[[2]string{p.b, p.a}] = num(p.jaccard)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	matrix := make([][]float64, len(ids))
	for i, a := range ids {
		matrix[i] = make([]float64, len(ids))
		for j, c := range ids {
			v, ok := jac[[2]string{a, c}]
			if !ok {
				v = math.NaN()
			}
			matrix[i][j] = v
		}
	}
	return ids, matrix
}

// matrixTable is the table of the values the heatmap plots.
func matrixTable(l Lang, ids []string, matrix [][]float64) *Table {
	t := &Table{ID: "rec9-matrix-data", Header: append([]string{""}, ids...), Numeric: []bool{false}}
	for i, a := range ids {
		row := []string{a}
		for _, v := range matrix[i] {
			if math.IsNaN(v) {
				row = append(row, "—")
			} else {
				row = append(row, l.Float(v, 2))
			}
		}
		t.Rows = append(t.Rows, row)
		t.Numeric = append(t.Numeric, true)
	}
	return t
}

// rec9Trend is the membership Jaccard of every pair over the years up to the
// period's end.
func (b *builder) rec9Trend() (Section, error) {
	tr, err := b.query("rec9_trend", b.p.To)
	if err != nil {
		return Section{}, err
	}
	return b.trendSection(shapeTrend(tr))
}

// pairSeries is one instrument pair's membership Jaccard by year.
type pairSeries struct {
	A, B       string
	SameFamily bool
	Years      []int
	Jaccard    []float64
}

// at returns the pair's Jaccard in year, if the series has that year.
func (s *pairSeries) at(year int) (float64, bool) {
	if i := slices.Index(s.Years, year); i >= 0 {
		return s.Jaccard[i], true
	}
	return 0, false
}

// shapeTrend turns the rows of rec9_trend into one series per pair, in the
// query's order.
func shapeTrend(tr rows) []*pairSeries {
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
	return series
}

// trendSection draws the trend chart and lays out its section; its table gives
// the review year, the previous period's last year and the period's last year.
func (b *builder) trendSection(series []*pairSeries) (Section, error) {
	l, y := b.l, b.p.To
	sec := Section{ID: "rec9-trend", Level: 3, Title: l.T("sec.rec9.trend")}
	var cols []int
	for _, c := range []int{reviewYear, b.prev.To, y} {
		if c <= y && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	slices.Sort(cols)
	if len(series) > 0 {
		svg, err := trendChart(l, b.p, series)
		if err != nil {
			return Section{}, &ChartError{Chart: "trend", Err: err}
		}
		var yearLabels []string
		for _, c := range cols {
			yearLabels = append(yearLabels, fmt.Sprint(c))
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.trend", joinAnd(l, yearLabels))},
			&Figure{ID: "fig-trend", Caption: l.T("fig.trend", y), SVG: svg, Data: b.trendTable(series, cols)})
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"instrument_pair_synergy"}, srcParty, nil))
	return sec, nil
}

// trendTable gives each pair's Jaccard in the years cols and its change from the
// previous period's last year.
func (b *builder) trendTable(series []*pairSeries, cols []int) *Table {
	l, y := b.l, b.p.To
	t := &Table{ID: "rec9-trend-data", Header: []string{l.T("col.pair"), l.T("col.same_family")}, Numeric: []bool{false, false}}
	for _, c := range cols {
		t.Header = append(t.Header, fmt.Sprint(c))
		t.Numeric = append(t.Numeric, true)
	}
	t.Header = append(t.Header, l.T("col.change")+" "+l.T("fmt.range", b.prev.To, y))
	t.Numeric = append(t.Numeric, true)
	for _, s := range series {
		row := []string{l.T("fmt.pair", s.A, s.B), l.Bool(s.SameFamily)}
		for _, c := range cols {
			if v, ok := s.at(c); ok {
				row = append(row, l.Float(v, 2))
			} else {
				row = append(row, "—")
			}
		}
		now, ok1 := s.at(y)
		before, ok2 := s.at(b.prev.To)
		if ok1 && ok2 {
			d := l.Float(now-before, 2)
			if now-before > 0.005 {
				d = "+" + d
			}
			row = append(row, d)
		} else {
			row = append(row, "—")
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// rec9Rank is the tables of the year's pairs ranked by evidence, then synergy
// potential, with every component: the cross-family pairs, then the CCW family's
// pairs apart, as they overlap by design.
func (b *builder) rec9Rank(pairs []synergyPair) Section {
	l, y := b.l, b.p.To
	sec := Section{ID: "rec9-rank", Level: 3, Title: l.T("rec9.sec.rank", y)}
	if len(pairs) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", fmt.Sprint(y))})
	} else {
		var cross, same []synergyPair
		for _, p := range pairs {
			if p.sameFamily == true {
				same = append(same, p)
			} else {
				cross = append(cross, p)
			}
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.rank")}, &Para{l.T("rec9.p.rank_order")})
		if len(cross) > 0 {
			sec.Blocks = append(sec.Blocks, rankTable(l, b.names, "rec9-rank-cross-family", cross))
		}
		if len(same) > 0 {
			sec.Blocks = append(sec.Blocks, &Para{l.T("rec9.p.rank_same_family")}, rankTable(l, b.names, "rec9-rank-same-family", same))
		}
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"instrument_pair_synergy", "obligations"}, srcRec9, nil))
	return sec
}

// rankTable is one table of ranked pairs, ranks counted within it.
func rankTable(l Lang, n names, id string, pairs []synergyPair) *Table {
	t := &Table{ID: id, Header: []string{l.T("col.rank"), l.T("col.pair"), l.T("rec9.col.evidence"),
		l.T("col.parties_a"), l.T("col.parties_b"), l.T("col.parties_both"), l.T("col.jaccard"), l.T("col.cont_ab"),
		l.T("col.cont_ba"), l.T("col.obl_covered"), l.T("col.obl_states"), l.T("col.obl_share"), l.T("col.cosine"),
		l.T("col.potential")},
		Numeric: []bool{true, false, false, true, true, true, true, true, true, false, true, true, true, true}}
	for i, p := range pairs {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), l.T("fmt.pair", n.inst(p.a), n.inst(p.b)), evidenceText(l, p.evidence),
			l.Count(p.partiesA), l.Count(p.partiesB), l.Count(p.partiesBoth), l.Ratio(p.jaccard),
			l.Ratio(p.containmentAB), l.Ratio(p.containmentBA), l.T("rec9.obl." + obligationsData(p.obligationsData)),
			withLow(l, p.obligationStates, p.lowStates), l.Ratio(p.obligationShare), l.Ratio(p.cosine), l.Ratio(p.potential)})
	}
	return t
}

// obligationsData returns the rec9_pairs value d, or "no" for an unexpected one.
func obligationsData(d string) string {
	if d == "yes" || d == "low" {
		return d
	}
	return "no"
}

// evidenceText is "2: membership, agendas": how many components a score rests on
// and which.
func evidenceText(l Lang, evidence []string) string {
	var names []string
	for _, e := range evidence {
		names = append(names, l.T("rec9.evidence."+e))
	}
	return fmt.Sprintf("%d: %s", len(evidence), strings.Join(names, ", "))
}

// withLow formats a count of states and, when some rest on low-confidence rows,
// how many: "10 (1 low confidence)".
func withLow(l Lang, n, low any) string {
	if num(low) > 0 {
		return l.T("rec9.fmt.with_low", l.Count(n), l.Count(low))
	}
	return l.Count(n)
}

// overlapKey is the chapter's key figure: the cross-family pair with the highest
// membership overlap and the cross-family pair with the highest synergy potential
// among those resting on the most evidence (the first cross-family pair, as pairs
// come in that order), with what its score rests on. ok is false without such a
// pair.
func overlapKey(l Lang, n names, y int, pairs []synergyPair) (key string, ok bool) {
	bestCross, bestPotential := -1, -1
	for i, p := range pairs {
		if p.sameFamily == true {
			continue
		}
		if bestPotential < 0 {
			bestPotential = i
		}
		if bestCross < 0 || num(p.jaccard) > num(pairs[bestCross].jaccard) {
			bestCross = i
		}
	}
	if bestCross < 0 {
		return "", false
	}
	c, p := pairs[bestCross], pairs[bestPotential]
	var names []string
	for _, e := range p.evidence {
		names = append(names, l.T("rec9.evidence."+e))
	}
	return l.T("rec9.head.overlap", y, l.T("fmt.pair", n.inst(c.a), n.inst(c.b)), l.Ratio(c.jaccard),
		l.T("fmt.pair", n.inst(p.a), n.inst(p.b)), l.Ratio(p.potential), joinAnd(l, names)), true
}

// sharedObligation is an obligation a pair of instruments share in the year: the
// theme, the article of each instrument, and the states bound by both.
type sharedObligation struct {
	a, b, theme, articleA, articleB string
	states                          any
	stateIDs                        string
	low                             any    // how many of states rest on a low-confidence row
	lowIDs                          string // and which
}

// citedArticle is an instrument article a shared obligation cites.
type citedArticle struct {
	instrument, article, theme, kind, summary, url string
}

// rec9Law is the obligations pairs share in the year and the articles they cite.
func (b *builder) rec9Law() (Section, error) {
	so, err := b.query("rec9_law_obligations", b.p.To)
	if err != nil {
		return Section{}, err
	}
	var arts rows
	if so.len() > 0 {
		if arts, err = b.query("rec9_law_articles", b.p.To); err != nil {
			return Section{}, err
		}
	}
	return b.lawSection(shapeSharedObligations(so), shapeArticles(arts)), nil
}

func shapeSharedObligations(so rows) []sharedObligation {
	var out []sharedObligation
	for i := 0; i < so.len(); i++ {
		out = append(out, sharedObligation{a: so.str(i, "instrument_a"), b: so.str(i, "instrument_b"),
			theme: so.str(i, "theme"), articleA: so.str(i, "article_a"), articleB: so.str(i, "article_b"),
			states: so.val(i, "states"), stateIDs: so.str(i, "state_ids"), low: so.val(i, "low_confidence"),
			lowIDs: so.str(i, "low_confidence_ids")})
	}
	return out
}

func shapeArticles(arts rows) []citedArticle {
	var out []citedArticle
	for i := 0; i < arts.len(); i++ {
		out = append(out, citedArticle{instrument: arts.str(i, "instrument_id"), article: arts.str(i, "article"),
			theme: arts.str(i, "theme"), kind: arts.str(i, "obligation_kind"), summary: arts.str(i, "summary"),
			url: arts.str(i, "source_url")})
	}
	return out
}

// lawSection lays out the shared obligations and the articles they cite.
func (b *builder) lawSection(shared []sharedObligation, arts []citedArticle) Section {
	l, y := b.l, b.p.To
	sec := Section{ID: "rec9-law", Level: 3, Title: l.T("sec.rec9.law", y)}
	if len(shared) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.law.none", y)})
	} else {
		lt := &Table{ID: "rec9-law-shared", Header: []string{l.T("col.pair"), l.T("col.theme"), l.T("col.article_a"), l.T("col.article_b"),
			l.T("col.states"), l.T("col.state_ids"), l.T("rec9.col.low_confidence")},
			Numeric: []bool{false, false, false, false, true, false, false}}
		for _, o := range shared {
			lt.Rows = append(lt.Rows, []string{l.T("fmt.pair", b.names.inst(o.a), b.names.inst(o.b)), l.Theme(o.theme),
				o.a + " " + o.articleA, o.b + " " + o.articleB, withLow(l, o.states, o.low), o.stateIDs, dash(o.lowIDs)})
		}
		at := &Table{ID: "rec9-articles", Header: []string{l.T("col.instrument"), l.T("col.article"), l.T("col.theme"),
			l.T("col.kind"), l.T("col.summary"), l.T("col.source_url")}}
		for _, a := range arts {
			at.Rows = append(at.Rows, []string{b.names.inst(a.instrument), a.article, l.Theme(a.theme), a.kind, a.summary, dash(a.url)})
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.law")}, &Para{l.T("rec9.p.law_low")}, lt, &Para{l.T("p.law.articles")}, at)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"instrument_pair_synergy", "obligations", "instrument_articles"},
		[]string{"obligations", "instrument_articles", "membership"}, nil))
	return sec
}
