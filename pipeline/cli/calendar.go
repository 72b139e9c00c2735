package cli

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"synergy/pipeline/atomicfile"
	"synergy/pipeline/calendar"
	"synergy/pipeline/civil"
)

// calendarCmd is `synergy calendar`: its flags and wiring; package calendar
// makes the calendar.
func calendarCmd(e env, args []string) int {
	fs := newFlags(e, "calendar", "", "Writes an iCalendar (RFC 5545) file of every meeting in the current snapshot under --out\n"+
		"whose dates are known to the day: all-day events with the instrument, body, place, themes\n"+
		"and the meeting's relations to other instruments' meetings (meeting_pairs). UIDs are\n"+
		"<meeting_id>@synergy and DTSTAMP is the snapshot's creation time, so the same snapshot\n"+
		"always gives the same file. Meetings left out (dates not known to the day) are listed on\n"+
		"standard error with the reason.\n\n"+
		"The calendar goes to standard output unless --file is given: published snapshots are\n"+
		"never modified, so it is not written into one.\n\n"+
		"--feed writes the subscription feed instead (what synergy site publishes as calendar.ics):\n"+
		"the meetings of the next 18 months from the snapshot's as-of day, and the meetings the\n"+
		"planner projects from each body's pattern (STATUS:TENTATIVE, with the pattern). Each\n"+
		"event's DTSTAMP is the as-of day its facts last changed (history), so unchanged\n"+
		"meetings stay byte-identical from night to night.")
	out := outFlag(fs)
	file := fs.String("file", "", "write the calendar to this file (replaced whole) instead of standard output")
	from := fs.Int("from", 0, "first year to include, by start date (0: no limit)")
	to := fs.Int("to", 0, "last year to include, by start date (0: no limit)")
	feed := fs.Bool("feed", false, "write the subscription feed: the next 18 months, projected meetings included, stable DTSTAMPs")
	siteURL := fs.String("site-url", "", "with --feed: the published site's address; events link to their meeting on its meetings page")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy calendar: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	if *from < 0 || *to < 0 || *to != 0 && *from > *to {
		fmt.Fprintf(e.stderr, "synergy calendar: --from %d --to %d is not a range of years\n", *from, *to)
		return ExitUsage
	}
	snap, err := openSnapshot(e, *out)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy calendar:", err)
		return ExitFailure
	}
	defer snap.Close()
	if *file != "" && *file != "-" {
		if err := outsideSnapshots(*file, snap.Dir); err != nil {
			fmt.Fprintln(e.stderr, "synergy calendar: --file:", err)
			return ExitUsage
		}
	}

	cs, err := calendarSnapshot(snap)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy calendar:", err)
		return ExitFailure
	}
	var cal *calendar.Calendar
	if *feed {
		cal, err = feedOf(e, snap, cs, *siteURL)
	} else {
		cal, err = calendar.Build(e.ctx, cs, calendar.Options{From: *from, To: *to, Version: Version()})
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy calendar:", err)
		return ExitFailure
	}
	dest, err := writeCalendar(e, cal, *file)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy calendar:", err)
		return ExitFailure
	}
	reportCalendar(e.stderr, cal, dest, cs.ID)
	return ExitOK
}

// calendarSnapshot is what the calendar reads of the opened snapshot.
func calendarSnapshot(snap *snapshotDB) (calendar.Snapshot, error) {
	stamp, err := snap.Manifest.Created()
	if err != nil {
		return calendar.Snapshot{}, err
	}
	query := snap.db.Rows
	return calendar.Snapshot{ID: snap.Manifest.Snapshot, CreatedAt: stamp, Query: query, Publishes: snap.publishes}, nil
}

// feedOf makes the subscription feed of the opened snapshot.
func feedOf(e env, snap *snapshotDB, cs calendar.Snapshot, siteURL string) (*calendar.Calendar, error) {
	asOf, err := civil.ParseDay(snap.Manifest.AsOf)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: as-of day: %w", cs.ID, err)
	}
	return calendar.Feed(e.ctx, cs, calendar.FeedOptions{AsOf: asOf, SiteURL: siteURL, Version: Version()})
}

// writeCalendar writes cal to file, or to standard output for "" or "-", and
// names where it went.
func writeCalendar(e env, cal *calendar.Calendar, file string) (dest string, err error) {
	var buf bytes.Buffer
	if err := cal.Write(&buf); err != nil {
		return "", err
	}
	if file == "" || file == "-" {
		_, err = e.stdout.Write(buf.Bytes())
		return "standard output", err
	}
	return file, atomicfile.Write(file, buf.Bytes())
}

// reportCalendar says on w how many events went where, and lists the meetings
// left out.
func reportCalendar(w io.Writer, cal *calendar.Calendar, dest, snapshot string) {
	var b strings.Builder
	fmt.Fprintf(&b, "synergy calendar: %d events from snapshot %s written to %s\n", len(cal.ICS.Events), snapshot, dest)
	cal.WriteLeftOut(&b)
	io.WriteString(w, b.String())
}

// outsideSnapshots refuses a path inside the snapshots folder that holds snap:
// published snapshots are immutable.
func outsideSnapshots(path, snap string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return err
	}
	root, err := filepath.EvalSymlinks(filepath.Dir(snap))
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(root, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s is inside %s: published snapshots are never modified", path, root)
	}
	return nil
}
