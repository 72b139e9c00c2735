package calendar

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
	"synergy/pipeline/plan"
)

// FeedMonths is how far ahead of the as-of day the subscription feed reaches.
const FeedMonths = 18

// FeedOptions choose the subscription feed's window and links.
type FeedOptions struct {
	// AsOf is the snapshot's as-of day: the feed holds the meetings not ended by
	// then and starting before AsOf plus Months.
	AsOf   civil.Day
	Months int // 0 means FeedMonths
	// SiteURL is the published site's address (http or https); each event links to
	// its meeting on the site's meetings page. "" links to the meeting's source.
	SiteURL string
	Version string // written in PRODID
}

// MeetingsPage is the site's page that lists the feed's meetings, one anchor per
// meeting id; the feed's URLs point into it.
const MeetingsPage = "meetings.html"

// changesSQL gives, per meeting, the as-of day its facts or agenda last changed:
// the day the current version of its record (or of one of its agenda items) was
// first seen, from the history's observations.
const changesSQL = `select case when entity = 'meeting' then key else split_part(key, '/', 1) end as meeting_id,
    cast(max(first_seen_at) as varchar)
from observations
where entity in ('meeting', 'agenda_item')
group by 1
order by 1`

// Feed makes the subscription feed of the snapshot: the meetings of the next
// months, dated to the day, and the meetings the planner projects from each
// body's recurring pattern where no meeting of that body is dated yet (STATUS
// TENTATIVE, with the pattern in the description). An event's DTSTAMP is the
// as-of day its meeting's facts last changed (observations), so a night that
// changes nothing changes no event; descriptions carry no snapshot id and no
// relations to other meetings (those change with other meetings: they are on
// the site). SUMMARY is the instrument and body, the title is in DESCRIPTION.
func Feed(ctx context.Context, snap Snapshot, opt FeedOptions) (*Calendar, error) {
	if opt.AsOf == 0 {
		return nil, errors.New("calendar feed: no as-of day")
	}
	if opt.Months == 0 {
		opt.Months = FeedMonths
	}
	if opt.SiteURL != "" && checkURL(opt.SiteURL) != nil {
		return nil, fmt.Errorf("calendar feed: site URL: %w", checkURL(opt.SiteURL))
	}
	for _, t := range []string{"meetings_enriched", "states", themeSource, "observations", "meetings"} {
		if !snap.Publishes(t) {
			return nil, fmt.Errorf("snapshot %s: %s: %w (made by an older synergy? run 'synergy run')", snap.ID, t, ErrNotPublished)
		}
	}
	meetings, err := readMeetings(ctx, snap.Query)
	if err != nil {
		return nil, err
	}
	changed, err := readChanged(ctx, snap.Query)
	if err != nil {
		return nil, err
	}
	end := opt.AsOf.AddMonths(opt.Months)
	c := &Calendar{ICS: ics.Calendar{
		ProdID: "-//synergy//calendar feed " + opt.Version + "//EN",
		Name:   "synergy: treaty meetings, next " + fmt.Sprint(opt.Months) + " months",
		Stamp:  opt.AsOf.Time(),
	}}
	bodyChanged := map[[2]string]civil.Day{}
	for _, m := range meetings {
		k := [2]string{m.instrument, m.body}
		bodyChanged[k] = max(bodyChanged[k], changed[m.id])
	}
	for i := range meetings {
		m := &meetings[i]
		first, last, reason := m.days()
		if reason != "" || last < opt.AsOf || first >= end {
			continue
		}
		c.ICS.Events = append(c.ICS.Events, m.feedEvent(first, last, stampOf(changed[m.id], opt.AsOf), opt.SiteURL))
	}
	projected, err := projections(ctx, snap.Query, opt.AsOf, end)
	if err != nil {
		return nil, err
	}
	for _, p := range projected {
		stamp := stampOf(bodyChanged[[2]string{p.Instrument, p.Body}], opt.AsOf)
		c.ICS.Events = append(c.ICS.Events, projectedEvent(p, stamp, opt.SiteURL))
	}
	sort.SliceStable(c.ICS.Events, func(i, j int) bool {
		a, b := c.ICS.Events[i], c.ICS.Events[j]
		return a.Start.Before(b.Start) || a.Start.Equal(b.Start) && a.UID < b.UID
	})
	return c, nil
}

// stampOf is the DTSTAMP of facts last changed on day (the as-of day when the
// history does not say).
func stampOf(day, asOf civil.Day) time.Time {
	if day == 0 {
		day = asOf
	}
	return day.Time()
}

func readChanged(ctx context.Context, query Query) (map[string]civil.Day, error) {
	rows, err := query(ctx, changesSQL)
	if err != nil {
		return nil, fmt.Errorf("read observations: %w", err)
	}
	out := map[string]civil.Day{}
	for _, r := range rows {
		if len(r) != 2 {
			return nil, fmt.Errorf("read observations: %d columns, want 2", len(r))
		}
		id, _ := r[0].(string)
		s, _ := r[1].(string)
		if d, err := civil.ParseDay(s); err == nil {
			out[id] = d
		}
	}
	return out, nil
}

// projections are the planner's projected meetings starting from asOf to before
// end, for each year the window touches (plan.FromSnapshot).
func projections(ctx context.Context, query Query, asOf, end civil.Day) ([]plan.Meeting, error) {
	q := plan.Query(query)
	facts, err := plan.LoadFacts(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("projected meetings: %w", err)
	}
	var out []plan.Meeting
	var errs []error
	for y := asOf.Year(); y <= end.Year(); y++ {
		p, err := plan.FromSnapshot(ctx, q, facts, plan.SnapshotOptions{Year: y, WindowDays: -1, AsOf: asOf})
		if err != nil {
			// A year with nothing dated and nothing to project is no fault; plan says
			// so only in its message (it has no sentinel error for it).
			if !strings.Contains(err.Error(), "no body's pattern projects one") {
				errs = append(errs, err)
			}
			continue
		}
		for _, m := range p.Meetings {
			if m.Projected && m.DraftStart >= asOf && m.DraftStart < end {
				out = append(out, m)
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("projected meetings: %w", errors.Join(errs...))
	}
	return out, nil
}

// feedEvent is the meeting's event in the feed.
func (m *meeting) feedEvent(first, last civil.Day, stamp time.Time, site string) ics.Event {
	sources := strings.Split(m.sources, " ; ")
	e := m.event(first, last, nil, "")
	e.Summary = shortSummary(m.instrument, m.body, m.code)
	e.Description = strings.TrimSuffix(e.Description, "\nsynergy snapshot ") +
		"\nFacts last changed: " + civil.DayOf(stamp).String()
	e.Stamp = stamp
	e.Transp = "OPAQUE"
	if e.Status == "CANCELLED" {
		e.Transp = "TRANSPARENT"
	}
	e.URL = meetingURL(site, m.id, sources)
	return e
}

// shortSummary is "instrument body" and the meeting's code when it says more.
func shortSummary(instrument, body, code string) string {
	s := instrument + " " + body
	if code != "" && code != body {
		s += " " + code
	}
	return s
}

// projectedEvent is the feed's event for a meeting the planner projects.
func projectedEvent(p plan.Meeting, stamp time.Time, site string) ics.Event {
	city := ""
	if len(p.Cities) > 0 {
		city = p.Cities[0]
	}
	desc := fmt.Sprintf("%s\n\nNot announced by any source: projected from the body's recurring pattern (%s).\n"+
		"Dates: %s to %s, the pattern's, not a decision.\nFacts last changed: %s",
		p.Title, p.Pattern, p.DraftStart, p.DraftEnd, civil.DayOf(stamp))
	return ics.Event{
		UID: p.ID + "@synergy", Summary: shortSummary(p.Instrument, p.Body, "") + " (projected)",
		Location: city, AllDay: true, Start: p.DraftStart.Time(), End: (p.DraftEnd + 1).Time(),
		Status: "TENTATIVE", Transp: "TRANSPARENT", Stamp: stamp, Description: desc,
		Categories: []string{p.Instrument, p.Body, "projected"},
		Props:      map[string]string{"X-SYNERGY-MEETING-ID": p.ID, "X-SYNERGY-INSTRUMENT": p.Instrument, "X-SYNERGY-BODY": p.Body, "X-SYNERGY-PROJECTED-FROM": p.Pattern},
		URL:        meetingURL(site, p.ID, nil),
	}
}

// meetingURL is the meeting's anchor on the site's meetings page, or without a
// site the first of its sources that is an http(s) URL, or "".
func meetingURL(site, id string, sources []string) string {
	if site != "" {
		return strings.TrimSuffix(site, "/") + "/" + MeetingsPage + "#" + url.PathEscape(id)
	}
	for _, s := range sources {
		if s = strings.TrimSpace(s); checkURL(s) == nil {
			return s
		}
	}
	return ""
}

// checkURL reports whether s may be written as an event's URL.
func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\r\n") {
		return fmt.Errorf("%q: %w", s, ErrBadURL)
	}
	return nil
}
