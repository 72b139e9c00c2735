// Package calendar makes the iCalendar feed of a published snapshot's meetings:
// one all-day event per meeting dated to the day, with its instrument, body,
// place, status, themes (from the meeting_theme_vectors mart) and its relations
// to other instruments' meetings (meeting_pairs), and the list of meetings left
// out because their dates are not known to the day.
//
// It reads the snapshot through a [Query] function, so it neither opens files
// nor links DuckDB, and its output depends only on the snapshot: the same
// snapshot gives the same bytes.
package calendar

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"synergy/pipeline/ics"
)

// Query runs one SQL statement on the published snapshot, where every table is a
// view by name, and returns its rows with each value as the warehouse gives it
// (string, bool, int64 or nil).
type Query func(ctx context.Context, sql string) ([][]any, error)

// Snapshot is what the calendar needs of a published snapshot.
type Snapshot struct {
	// ID names the snapshot; every event's description ends with it.
	ID string
	// CreatedAt is the snapshot's creation time, every event's DTSTAMP.
	CreatedAt time.Time
	// Query reads the snapshot's tables.
	Query Query
	// Publishes reports whether the snapshot publishes a table.
	Publishes func(table string) bool
}

// Options select the meetings and name the program.
type Options struct {
	// From and To are the first and last year to include, by start date; 0
	// leaves that side open. Meetings left out are listed only when their start
	// year is in range or unknown.
	From, To int
	// Version is the program's version, written in PRODID.
	Version string
}

// Calendar is the feed of one snapshot's meetings.
type Calendar struct {
	// ICS holds the events in start order (then meeting id).
	ICS ics.Calendar
	// LeftOut are the meetings not placed, by meeting id.
	LeftOut []LeftOut
}

// LeftOut is a meeting the calendar could not place, with the reason.
type LeftOut struct {
	MeetingID, Title, Reason string
}

// Build reads the snapshot's meetings, themes and pairs and makes the calendar.
// It fails, wrapping [ErrNotPublished], when the snapshot lacks one of the tables
// it reads: meetings_enriched, states, meeting_pairs and meeting_theme_vectors.
func Build(ctx context.Context, snap Snapshot, opt Options) (*Calendar, error) {
	for _, t := range []string{"meetings_enriched", "states", "meeting_pairs", themeSource} {
		if !snap.Publishes(t) {
			return nil, fmt.Errorf("snapshot %s: %s: %w (made by an older synergy? run 'synergy run')", snap.ID, t, ErrNotPublished)
		}
	}
	meetings, err := readMeetings(ctx, snap.Query)
	if err != nil {
		return nil, err
	}
	related, err := readRelations(ctx, snap.Query, meetings)
	if err != nil {
		return nil, err
	}
	c := &Calendar{ICS: ics.Calendar{
		ProdID: "-//synergy//calendar " + opt.Version + "//EN",
		Name:   "synergy: conventional-weapons treaty meetings",
		Stamp:  snap.CreatedAt,
	}}
	years := yearRange{opt.From, opt.To}
	for i := range meetings {
		m := &meetings[i]
		first, last, reason := m.days()
		if reason != "" {
			if y, known := m.startYear(); !known || years.has(y) {
				c.LeftOut = append(c.LeftOut, LeftOut{m.id, m.title, reason})
			}
			continue
		}
		if years.has(first.Year()) {
			c.ICS.Events = append(c.ICS.Events, m.event(first, last, related[m.id], snap.ID))
		}
	}
	sort.Slice(c.LeftOut, func(i, j int) bool { return c.LeftOut[i].MeetingID < c.LeftOut[j].MeetingID })
	return c, nil
}

// Write writes the calendar as iCalendar (RFC 5545); on error nothing is written.
func (c *Calendar) Write(w io.Writer) error {
	return ics.NewEncoder(w).Encode(c.ICS)
}

// WriteLeftOut lists the meetings left out, one a line with the reason, under a
// heading; it writes nothing when none was.
func (c *Calendar) WriteLeftOut(w io.Writer) error {
	if len(c.LeftOut) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d meetings left out, their dates not known to the day:\n", len(c.LeftOut))
	for _, l := range c.LeftOut {
		fmt.Fprintf(&b, "  %-20s %s (%s)\n", l.MeetingID, l.Reason, l.Title)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// yearRange selects meetings by the year of their start; 0 leaves a side open.
type yearRange struct{ from, to int }

func (r yearRange) has(year int) bool {
	return (r.from == 0 || year >= r.from) && (r.to == 0 || year <= r.to)
}
