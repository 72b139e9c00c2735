package report

import (
	"fmt"
	"math"
)

// data is the first step: it refuses a period the snapshot holds nothing for and
// loads year_coherence, which the Rec 8 sections, the key figures and the changes
// all read.
func (b *builder) data(*Report) error {
	cov, err := b.query("data_coverage", b.p.From, b.p.To)
	if err != nil {
		return err
	}
	if cov.int(0, "rec8_years") == 0 && cov.int(0, "rec9_pairs") == 0 {
		return fmt.Errorf("%w %s in snapshot %s", ErrNoData, b.p, b.o.Snapshot.Snapshot)
	}
	yc, err := b.query("data_year_coherence", b.p.To)
	if err != nil {
		return err
	}
	b.years = yearTable(yc)
	return nil
}

// yearRow is one row of year_coherence.
type yearRow struct {
	meetings, pairs, clash, concurrent, b2b, window, separate, sameFamily float64
	withB2B, clashShared, clashCost                                       float64
	share                                                                 any
	stateMeetings, remote, trips, lower, saveable                         float64
	avoidedCross                                                          float64 // trips avoided by merging across families
	index, indexCross                                                     float64 // NaN where not defined
}

// travelled is the state-meetings a delegation travelled to: remote meetings are
// attended without a journey, so they are never trips nor mergeable.
func (y yearRow) travelled() float64 { return y.stateMeetings - y.remote }

// nullable is v as a number, NaN when NULL.
func nullable(v any) float64 {
	if v == nil {
		return math.NaN()
	}
	return num(v)
}

// yearTable shapes the rows of data_year_coherence by year and theme.
func yearTable(yc rows) map[int]map[string]yearRow {
	years := map[int]map[string]yearRow{}
	for i := 0; i < yc.len(); i++ {
		y := yc.int(i, "year")
		if years[y] == nil {
			years[y] = map[string]yearRow{}
		}
		years[y][yc.str(i, "theme")] = yearRow{
			meetings: yc.num(i, "meetings"), pairs: yc.num(i, "pairs"), clash: yc.num(i, "clash_pairs"),
			concurrent: yc.num(i, "concurrent_pairs"), b2b: yc.num(i, "back_to_back_pairs"),
			window: yc.num(i, "same_city_window_pairs"), separate: yc.num(i, "separate_pairs"),
			sameFamily: yc.num(i, "same_family_pairs"), withB2B: yc.num(i, "meetings_with_back_to_back_partner"),
			share: yc.val(i, "share_with_back_to_back_partner"), clashShared: yc.num(i, "clash_shared_parties"),
			clashCost: yc.num(i, "clash_cost"), stateMeetings: yc.num(i, "state_meetings"),
			remote: yc.num(i, "state_remote_meetings"), trips: yc.num(i, "state_trips"),
			lower: yc.num(i, "state_trips_lower_bound"), saveable: yc.num(i, "trips_saveable"),
			index: nullable(yc.val(i, "coherence_index")), avoidedCross: yc.num(i, "state_trips_avoided_cross_family"),
			indexCross: nullable(yc.val(i, "coherence_index_cross_family")),
		}
	}
	return years
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
	y.remote += o.remote
	y.avoidedCross += o.avoidedCross
	y.trips += o.trips
	y.lower += o.lower
	y.saveable += o.saveable
	return y
}

// finish recomputes the ratios of a sum of years as DESIGN §4 asks: sums, never an
// average of ratios; an index is NaN where nothing could have been gained.
func (y yearRow) finish() yearRow {
	if y.meetings > 0 {
		y.share = y.withB2B / y.meetings
	} else {
		y.share = nil
	}
	y.index, y.indexCross = math.NaN(), math.NaN()
	if d := y.travelled() - y.lower; d > 0 {
		y.index = (y.travelled() - y.trips) / d
		y.indexCross = y.avoidedCross / d
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
