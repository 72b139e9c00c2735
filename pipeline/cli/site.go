package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"synergy/pipeline/civil"
	"synergy/pipeline/report"
	"synergy/pipeline/site"
)

func siteCmd(e env, args []string) int {
	fs := newFlags(e, "site", "", "Writes the static folder a web server publishes, from the current snapshot under --out:\n"+
		"index.html; the latest report (latest/report.html, the as-of year's) and each year's\n"+
		"(reports/<year>/); the calendar feed at the stable path calendar.ics, with meetings.html;\n"+
		"the changes digest (changes.html, .md, .json); and the Parquet tables with views.sql and\n"+
		"a data dictionary (data/). --dir is switched to the new folder in one rename: readers never\n"+
		"see half a site. Run it after each 'synergy run'.")
	out := outFlag(fs)
	dir := fs.String("dir", "", "the site's folder (required); it becomes a symbolic link to the folder written")
	siteURL := fs.String("site-url", "", "the site's public address (https://…): the feed's events link to their meeting on it")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 || *dir == "" {
		fmt.Fprintf(e.stderr, "synergy site: give --dir DIR (and no arguments: %q)\n", fs.Args())
		return ExitUsage
	}
	snap, err := openSnapshot(e, *out)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy site:", err)
		return ExitFailure
	}
	defer snap.Close()
	if snap.publishedHolds(*dir, *out) {
		fmt.Fprintf(e.stderr, "synergy site: --dir %s is inside the published snapshots, which are never written after publishing\n", *dir)
		return ExitUsage
	}
	s, err := buildSite(e, snap, *siteURL)
	if err == nil {
		err = site.Write(*dir, s)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy site:", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "synergy site: %s from snapshot %s: %d reports, %d events in %s\n",
		*dir, snap.Manifest.Snapshot, len(s.Reports), len(s.Feed.ICS.Events), site.FeedFile)
	return ExitOK
}

// buildSite gathers what the site shows: the feed, each year's report, the
// tables' columns.
func buildSite(e env, snap *snapshotDB, siteURL string) (*site.Site, error) {
	cs, err := calendarSnapshot(snap)
	if err != nil {
		return nil, err
	}
	feed, err := feedOf(e, snap, cs, siteURL)
	if err != nil {
		return nil, err
	}
	s := &site.Site{Manifest: snap.Manifest, SnapshotDir: snap.Dir, SiteURL: siteURL, Feed: feed}
	if s.Reports, s.Latest, err = siteReports(e, snap); err != nil {
		return nil, err
	}
	for _, t := range snap.Manifest.Tables {
		rows, err := snap.db.Rows(e.ctx, "select column_name, column_type from (describe "+t.Name+")")
		if err != nil {
			return nil, fmt.Errorf("columns of %s: %w", t.Name, err)
		}
		for _, r := range rows {
			name, _ := r[0].(string)
			typ, _ := r[1].(string)
			s.Columns = append(s.Columns, site.Column{Table: t.Name, Name: name, Type: typ})
		}
	}
	return s, nil
}

// siteReports builds the report of every year with a dated meeting, and names
// the latest: the as-of year's, else the last built.
func siteReports(e env, snap *snapshotDB) ([]site.Report, string, error) {
	rows, err := snap.db.Rows(e.ctx, "select distinct cast(year(start_date) as bigint) from meetings where start_date is not null order by 1")
	if err != nil {
		return nil, "", err
	}
	asOf, _ := civil.ParseDay(snap.Manifest.AsOf)
	var out []site.Report
	latest := ""
	for _, r := range rows {
		y, _ := r[0].(int64)
		rep, err := report.Build(e.ctx, snap.db, report.Options{Period: report.Year(int(y)), Lang: report.English, Snapshot: snap.Manifest, TopStates: 50})
		if errors.Is(err, report.ErrNoData) {
			continue
		}
		if err != nil {
			return nil, "", fmt.Errorf("report %d: %w", y, err)
		}
		var html, md bytes.Buffer
		if err := rep.WriteHTML(&html); err != nil {
			return nil, "", err
		}
		if err := rep.WriteMarkdown(&md); err != nil {
			return nil, "", err
		}
		period := strconv.Itoa(int(y))
		out = append(out, site.Report{Period: period, HTML: html.Bytes(), MD: md.Bytes()})
		if latest == "" || int(y) <= asOf.Year() {
			latest = period
		}
	}
	return out, latest, nil
}
