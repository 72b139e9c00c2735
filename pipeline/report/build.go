package report

import (
	"context"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"synergy/pipeline/warehouse/tabular"
)

// Build reads the snapshot behind q and assembles the report for opts.Period in
// opts.Lang. Every number comes from the snapshot's tables (docs/report.md lists
// which); the charts are drawn here, so the returned Report only needs writing.
//
// Build returns an error wrapping [ErrPeriod] or [ErrLang] for bad options,
// [ErrNoData] when the snapshot holds neither a Rec 8 year nor a year-end
// membership count in the period, a *[QueryError] when a query fails (for example
// a column the snapshot does not publish) and a *[ChartError] when a chart cannot
// be drawn.
func Build(ctx context.Context, q Querier, opts Options) (*Report, error) {
	if err := opts.Period.Validate(); err != nil {
		return nil, err
	}
	if opts.Lang == "" {
		opts.Lang = English
	}
	if !opts.Lang.valid() {
		return nil, fmt.Errorf("%w %q (en, fr or es)", ErrLang, opts.Lang)
	}
	if opts.TopStates <= 0 {
		opts.TopStates = 10
	}
	if opts.History <= 0 {
		opts.History = 10
	}
	b := &builder{ctx: ctx, q: q, o: opts, l: opts.Lang, p: opts.Period, prev: opts.Period.Previous()}
	r := &Report{Lang: opts.Lang, Period: opts.Period, Snapshot: opts.Snapshot}
	steps := []func(*Report) error{b.checkData, b.front, b.rec8, b.rec9, b.changes, b.quality, b.sources}
	for _, step := range steps {
		if err := step(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

type builder struct {
	ctx  context.Context
	q    Querier
	o    Options
	l    Lang
	p    Period
	prev Period

	years map[int]map[string]yearRow // year_coherence by year and theme
}

func (b *builder) query(name, sql string, args ...any) (rows, error) {
	res, err := b.q.Query(b.ctx, sql, args...)
	if err != nil {
		return rows{}, &QueryError{Name: name, Err: err}
	}
	if res == nil {
		res = &tabular.Result{}
	}
	return rows{res}, nil
}

// yearRow is one row of year_coherence.
type yearRow struct {
	meetings, pairs, clash, concurrent, b2b, window, separate, sameFamily float64
	withB2B, clashShared, clashCost                                       float64
	share                                                                 any
	stateMeetings, trips, lower, saveable                                 float64
	index                                                                 float64
}

// add adds o's counts to y; share and index are recomputed by finish.
func (y yearRow) add(o yearRow) yearRow {
	y.meetings += o.meetings
	y.pairs += o.pairs
	y.clash += o.clash
	y.concurrent += o.concurrent
	y.b2b += o.b2b
	y.window += o.window
	y.separate += o.separate
	y.sameFamily += o.sameFamily
	y.withB2B += o.withB2B
	y.clashShared += o.clashShared
	y.clashCost += o.clashCost
	y.stateMeetings += o.stateMeetings
	y.trips += o.trips
	y.lower += o.lower
	y.saveable += o.saveable
	return y
}

// finish recomputes the ratios of a sum of years as DESIGN §4 asks: sums, never an
// average of ratios.
func (y yearRow) finish() yearRow {
	if y.meetings > 0 {
		y.share = y.withB2B / y.meetings
	} else {
		y.share = nil
	}
	if d := y.stateMeetings - y.lower; d > 0 {
		y.index = (y.stateMeetings - y.trips) / d
	} else {
		y.index = 1
	}
	return y
}

// periodYears sums year_coherence over the years of p for theme.
func (b *builder) periodYears(p Period, theme string) (yearRow, bool) {
	var sum yearRow
	found := false
	for y := p.From; y <= p.To; y++ {
		if r, ok := b.years[y][theme]; ok {
			sum = sum.add(r)
			found = true
		}
	}
	return sum.finish(), found
}

func (b *builder) checkData(r *Report) error {
	res, err := b.query("coverage", `
		select
			(select count(*) from year_coherence where year between $1 and $2) as rec8_years,
			(select count(*) from instrument_pair_synergy where year = $2) as rec9_pairs`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	if res.int(0, "rec8_years") == 0 && res.int(0, "rec9_pairs") == 0 {
		return fmt.Errorf("%w %s in snapshot %s", ErrNoData, b.p, b.o.Snapshot.ID)
	}
	yc, err := b.query("year_coherence", `
		select year, theme, meetings, pairs, clash_pairs, concurrent_pairs, back_to_back_pairs,
			same_city_window_pairs, separate_pairs, same_family_pairs,
			meetings_with_back_to_back_partner, share_with_back_to_back_partner,
			clash_shared_parties, clash_cost, state_meetings, state_trips,
			state_trips_lower_bound, trips_saveable, coherence_index
		from year_coherence where year <= $1 order by year, theme`, b.p.To)
	if err != nil {
		return err
	}
	b.years = map[int]map[string]yearRow{}
	for i := 0; i < yc.len(); i++ {
		y := yc.int(i, "year")
		if b.years[y] == nil {
			b.years[y] = map[string]yearRow{}
		}
		b.years[y][yc.str(i, "theme")] = yearRow{
			meetings: yc.num(i, "meetings"), pairs: yc.num(i, "pairs"), clash: yc.num(i, "clash_pairs"),
			concurrent: yc.num(i, "concurrent_pairs"), b2b: yc.num(i, "back_to_back_pairs"),
			window: yc.num(i, "same_city_window_pairs"), separate: yc.num(i, "separate_pairs"),
			sameFamily: yc.num(i, "same_family_pairs"), withB2B: yc.num(i, "meetings_with_back_to_back_partner"),
			share: yc.val(i, "share_with_back_to_back_partner"), clashShared: yc.num(i, "clash_shared_parties"),
			clashCost: yc.num(i, "clash_cost"), stateMeetings: yc.num(i, "state_meetings"),
			trips: yc.num(i, "state_trips"), lower: yc.num(i, "state_trips_lower_bound"),
			saveable: yc.num(i, "trips_saveable"), index: yc.num(i, "coherence_index"),
		}
	}
	return nil
}

func (b *builder) front(r *Report) error {
	l := b.l
	s := b.o.Snapshot
	r.Title = l.T("title", b.p.label(l))
	r.Front = []string{
		l.T("front.snapshot", s.ID, s.CreatedAt, s.AsOf, b.p.label(l), b.prev.label(l)),
		l.T("intro"),
	}
	return nil
}

// prov writes a provenance line: the snapshot, the tables read and the input files
// of sources (manifest source names); files narrows a source to the files the rows
// shown came from (their source_file column).
func (b *builder) prov(tables []string, sources []string, files []string) *Provenance {
	l := b.l
	bySource := map[string][]string{}
	for _, in := range b.o.Snapshot.Inputs {
		bySource[in.Source] = append(bySource[in.Source], in.File)
	}
	narrowed := map[string][]string{}
	for _, f := range files {
		for _, in := range b.o.Snapshot.Inputs {
			if in.File == f {
				narrowed[in.Source] = append(narrowed[in.Source], f)
			}
		}
	}
	for _, src := range sortedKeys(narrowed) {
		if !slices.Contains(sources, src) {
			sources = append(slices.Clip(sources), src)
		}
	}
	var parts []string
	for _, src := range sources {
		fs := bySource[src]
		if n, ok := narrowed[src]; ok {
			fs = uniqueSorted(n)
		}
		switch {
		case len(fs) == 0:
			continue
		case len(fs) <= 4:
			parts = append(parts, strings.Join(fs, ", "))
		default:
			parts = append(parts, l.T("prov.files", len(fs), commonDir(fs)+"/"))
		}
	}
	inputs := strings.Join(parts, "; ")
	if inputs == "" {
		inputs = "—"
	}
	return &Provenance{Text: l.T("prov", b.o.Snapshot.ID, b.o.Snapshot.CreatedAt, strings.Join(tables, ", "), inputs)}
}

func uniqueSorted(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func commonDir(files []string) string {
	dir := path.Dir(files[0])
	for _, f := range files[1:] {
		for !strings.HasPrefix(path.Dir(f)+"/", dir+"/") && dir != "." {
			dir = path.Dir(dir)
		}
	}
	return dir
}

// Lineage: the manifest sources each mart is built from (sql/marts headers).
var (
	srcRec8  = []string{"meetings", "membership", "depositary", "agendas", "standing_agendas", "theme_terms"}
	srcRec9  = []string{"membership", "depositary", "obligations", "instrument_articles", "meetings", "agendas", "standing_agendas", "theme_terms"}
	srcParty = []string{"membership", "depositary", "instruments"}
)

func srcLine(file string, line any) string {
	if file == "" {
		return "—"
	}
	n, ok := toFloat(line)
	if !ok {
		return file
	}
	return fmt.Sprintf("%s:%d", file, int(n))
}

func (b *builder) statusLabel(s string) string {
	if _, ok := messages["status."+s]; ok {
		return b.l.T("status." + s)
	}
	return s
}
