package report

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// BuildState assembles a delegation's view of one state (an ISO 3166-1 alpha-3
// code, any case) for opts.Period in opts.Lang, with the same types as [Build]:
// the instruments the state is party to and on which dates, its obligations and
// their deadlines, the meetings of its instruments in the period by name, date and
// city, its delegation's trips, the fewest possible, the meetings a coherent
// calendar could have merged, and how it compares with the states party to the same
// instruments. Options.TopStates and Options.History are not used.
//
// BuildState returns an error wrapping [ErrState] when the snapshot has no such
// state, [ErrPeriod] or [ErrLang] for bad options, and a *[QueryError] when a query
// fails.
func BuildState(ctx context.Context, q Querier, state string, opts Options) (*Report, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	id := strings.ToUpper(strings.TrimSpace(state))
	if !iso3RE.MatchString(id) {
		return nil, fmt.Errorf("%w %q (an ISO 3166-1 alpha-3 code such as COL)", ErrState, state)
	}
	b := &builder{ctx: ctx, q: q, queries: queryFiles, o: opts, l: opts.Lang, p: opts.Period, prev: opts.Period.Previous()}
	r := &Report{Lang: opts.Lang, Period: opts.Period, Snapshot: opts.Snapshot}
	for _, s := range stateSections(&stateView{id: id}) {
		b.section = s
		if err := s.build(b, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

var iso3RE = regexp.MustCompile(`^[A-Z]{3}$`)

// stateSections returns BuildState's steps for the view v, in the order of the
// page: the state's own parts, then the snapshot and its input files. The state
// step's queries are the files queries/state_*.sql.
func stateSections(v *stateView) []section {
	return []section{
		namesSection(),
		{"state", []string{"state_identity", "state_instruments", "state_obligations", "state_meetings", "state_burden",
			"state_peers"}, func(b *builder, r *Report) error { return v.build(b, r) }},
		{"sources", nil, (*builder).sources},
	}
}

// allSections is every step of Build and BuildState, the names section they share
// once, for the test that checks each query file has exactly one owner.
func allSections() []section { return append(sections(), stateSections(nil)[1:]...) }

// stateView is the model of a delegation's view: the state, then each part as
// read, filled in by build.
type stateView struct {
	id, name    string
	instruments []stateInstrument
	obligations []stateObligation
	meetings    []stateMeeting
	years       []stateYear
	peers       []stateProfile
	peerOwn     []bool
	peerSet     []string
}

// build runs the queries of the view and lays out its title, sections and key
// figures.
func (v *stateView) build(b *builder, r *Report) error {
	id, err := b.query("state_identity", v.id)
	if err != nil {
		return err
	}
	if id.len() == 0 {
		return fmt.Errorf("%w %s: not in the snapshot's states table", ErrState, v.id)
	}
	v.name = b.names.state(v.id, id.str(0, "name"))
	if err := v.read(b); err != nil {
		return err
	}
	l, pl := b.l, b.p.label(b.l)
	s := b.o.Snapshot
	r.Title = l.T("state.title", v.name, v.id, pl)
	r.Front = []string{l.T("front.snapshot", s.Snapshot, s.CreatedAt, s.AsOf, pl, b.prev.label(l)), l.T("state.intro")}
	r.Sections = append(r.Sections, v.instrumentsSection(b), v.obligationsSection(b), v.meetingsSection(b),
		v.tripsSection(b), v.peersSection(b))
	r.Key = v.key(b)
	return nil
}

// read runs the view's queries after state_identity and shapes their rows.
func (v *stateView) read(b *builder) error {
	y := b.p.To
	ins, err := b.query("state_instruments", v.id, y)
	if err != nil {
		return err
	}
	obl, err := b.query("state_obligations", v.id)
	if err != nil {
		return err
	}
	ms, err := b.query("state_meetings", v.id, b.p.From, y)
	if err != nil {
		return err
	}
	bu, err := b.query("state_burden", v.id, b.p.From, y)
	if err != nil {
		return err
	}
	pe, err := b.query("state_peers", v.id, b.p.From, y)
	if err != nil {
		return err
	}
	v.instruments, v.obligations, v.meetings = shapeStateInstruments(ins), shapeStateObligations(obl), shapeStateMeetings(ms)
	v.years = shapeStateYears(bu)
	v.peers = shapeProfiles(pe)
	for i := 0; i < pe.len(); i++ {
		v.peerOwn = append(v.peerOwn, pe.val(i, "own") == true)
		v.peerSet = pe.list(i, "instruments")
	}
	return nil
}
