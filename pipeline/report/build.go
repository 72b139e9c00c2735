package report

import (
	"context"
	"fmt"
	"io/fs"
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
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, q: q, queries: queryFiles, o: opts, l: opts.Lang, p: opts.Period, prev: opts.Period.Previous()}
	r := &Report{Lang: opts.Lang, Period: opts.Period, Snapshot: opts.Snapshot}
	for _, s := range sections() {
		b.section = s
		if err := s.build(b, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// withDefaults checks o and fills in the defaults of its zero fields.
func (o Options) withDefaults() (Options, error) {
	if err := o.Period.Validate(); err != nil {
		return o, err
	}
	if o.Lang == "" {
		o.Lang = English
	}
	if !o.Lang.valid() {
		return o, fmt.Errorf("%w %q (en, fr or es)", ErrLang, o.Lang)
	}
	if o.TopStates <= 0 {
		o.TopStates = 10
	}
	if o.History <= 0 {
		o.History = 10
	}
	return o, nil
}

// section is one named step of Build: the queries it reads (names of files under
// queries/, each listed by exactly one section and named after it) and the
// function that runs them and appends the section's part to the report.
type section struct {
	name    string
	queries []string
	build   func(*builder, *Report) error
}

// sections returns Build's steps in the order they run, which is the order of the
// report: data loads what several sections share and refuses an empty period; the
// summary's sections come first in the report.
func sections() []section {
	return []section{
		namesSection(),
		{"data", []string{"data_coverage", "data_year_coherence"}, (*builder).data},
		{"front", nil, (*builder).front},
		{"summary", []string{"summary_index_base", "summary_shared_trips", "summary_saveable", "summary_upcoming_pairs",
			"summary_upcoming_meetings"}, (*builder).summary},
		{"rec8", []string{"rec8_timeline_meetings", "rec8_timeline_pairs", "rec8_states", "rec8_states_mergeable"},
			(*builder).rec8},
		{"planned", []string{"planned_backtest"}, (*builder).planned},
		{"rec9", []string{"rec9_pairs", "rec9_trend", "rec9_law_obligations", "rec9_law_articles"}, (*builder).rec9},
		{"changes", []string{"changes_party_counts", "changes_new_parties", "changes_withdrawals",
			"changes_updated_meetings", "changes_meeting_status"}, (*builder).changes},
		{"quality", []string{"quality_rejects", "quality_unpaired", "quality_discrepancies", "quality_gaps"},
			(*builder).quality},
		{"sources", nil, (*builder).sources},
	}
}

// builder carries what every section needs: the querier, the options and the
// year_coherence rows the data step loads.
type builder struct {
	ctx     context.Context
	q       Querier
	queries fs.FS   // holds queries/<name>.sql
	section section // the section running, whose queries query may run
	o       Options
	l       Lang
	p       Period
	prev    Period

	years map[int]map[string]yearRow // year_coherence by year and theme
	names names                      // names in the report's language
}

// namesSection loads the names of the report's language; Build and BuildState both
// run it first.
func namesSection() section {
	return section{"names", []string{"names_states", "names_instruments", "names_bodies"}, (*builder).loadNames}
}
