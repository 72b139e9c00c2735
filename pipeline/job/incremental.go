package job

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"synergy/pipeline/models"
	"synergy/pipeline/snapshot"
	sqlmodels "synergy/sql"
)

// Build modes, as the manifest and the log record them.
const (
	buildFull        = "full"
	buildIncremental = "incremental"
)

// meetingTables are the raw tables whose rows each belong to one meeting (by
// meeting_id): the only inputs an incremental build takes changes of. A change
// anywhere else the marts read (membership, obligations, themes, theme terms,
// states, instruments) rebuilds everything.
var meetingTables = []string{"agenda_item_themes", "agenda_items", "meetings"}

// The run's temporary tables of changed meetings and of the meetings the
// partial build reads.
const (
	changedMeetingsTable = "incremental_changed_meetings"
	contextMeetingsTable = "incremental_context_meetings"
)

// buildPlan is how the run builds its models: whole, or in part (rebuild).
type buildPlan struct {
	info         snapshot.Build
	rebuild      *models.Rebuild  // nil for a full build
	previousRows map[string]int64 // rows of each published mart
}

// planBuild decides between a full and an incremental build of mods (the whole
// project: its marts are what gets published) and, for an incremental one,
// which partitions to rebuild from which meetings.
func (r *runState) planBuild(ctx context.Context, wh *warehouseRun, prev *snapshot.Snapshot, mods *models.Project,
	rawPaths map[string]string) (*buildPlan, error) {
	key, err := Fingerprint(nil, r.cfg.CodeVersion+" duckdb "+wh.version, sqlmodels.FS,
		fmt.Sprintf("as-of year %d, plan backtest %t", r.cfg.AsOf.Year(), !r.cfg.NoPlanBacktest))
	if err != nil {
		return nil, err
	}
	full := func(reason string) (*buildPlan, error) {
		return &buildPlan{info: snapshot.Build{Mode: buildFull, Reason: reason, Key: key}}, nil
	}
	switch {
	case r.cfg.Force:
		return full("--force")
	case r.cfg.Replay:
		return full("replay")
	case prev == nil:
		return full("no published snapshot")
	case prev.Manifest.Build == nil || prev.Manifest.Build.Key != key:
		return full("the SQL models, the code, DuckDB, the as-of year or the plan backtest setting differ from the published snapshot's")
	}
	prevRaw, prevMarts, prevRows := map[string]snapshot.Table{}, map[string]string{}, map[string]int64{}
	for _, t := range prev.Manifest.Tables {
		switch t.Layer {
		case snapshot.LayerRaw:
			prevRaw[t.Name] = t
		case snapshot.LayerMart:
			prevMarts[t.Name] = filepath.Join(prev.Dir, filepath.FromSlash(t.Path))
			prevRows[t.Name] = t.Rows
		}
	}
	for _, m := range mods.Layer(models.LayerMarts) {
		if m.Partition.Kind == models.PartitionNone {
			return full("mart " + m.Name + " declares no partition")
		}
		if prevMarts[m.Name] == "" {
			return full("mart " + m.Name + " is not in the published snapshot")
		}
	}
	read := martsRead(mods)
	for _, t := range r.tables {
		old, ok := prevRaw[t.Name]
		switch {
		case !read[t.Name]:
		case !ok:
			return full("raw table " + t.Name + " is not in the published snapshot")
		case !isMeetingTable(t.Name) && old.SHA256 != t.SHA256:
			return full("raw table " + t.Name + " changed")
		}
	}
	oldPaths, unchanged := map[string]string{}, map[string]bool{}
	for _, t := range r.tables {
		if isMeetingTable(t.Name) {
			oldPaths[t.Name] = filepath.Join(prev.Dir, filepath.FromSlash(prevRaw[t.Name].Path))
			unchanged[t.Name] = prevRaw[t.Name].SHA256 == t.SHA256
		}
	}
	reason, rb, err := r.partitionsTouched(ctx, wh, mods, rawPaths, oldPaths, unchanged)
	if err != nil || reason != "" {
		if err != nil {
			return nil, fmt.Errorf("incremental build: %w", err)
		}
		return full(reason)
	}
	rb.Previous = prevMarts
	info := snapshot.Build{Mode: buildIncremental, Key: key, Years: rb.Years, Meetings: len(rb.Meetings)}
	if len(rb.Meetings) <= snapshot.MaxListedMeetings {
		info.MeetingIDs = rb.Meetings
	}
	return &buildPlan{info: info, rebuild: rb, previousRows: prevRows}, nil
}

func isMeetingTable(name string) bool {
	for _, t := range meetingTables {
		if t == name {
			return true
		}
	}
	return false
}

// martsRead returns the raw tables the marts of p read, through the models
// they depend on.
func martsRead(p *models.Project) map[string]bool {
	needed, seen := map[string]bool{}, map[string]bool{}
	var visit func(m *models.Model)
	visit = func(m *models.Model) {
		if seen[m.Name] {
			return
		}
		seen[m.Name] = true
		for _, t := range m.RawRefs {
			needed[t] = true
		}
		for _, ref := range m.Refs {
			visit(p.Model(ref))
		}
	}
	for _, m := range p.Layer(models.LayerMarts) {
		visit(m)
	}
	return needed
}

// partitionsTouched compares the meeting tables with the published ones in
// DuckDB (those whose Parquet is the same bytes are not read) and returns the
// partitions to rebuild and the meetings to read, or why the build must be full.
//
// A meeting changed when any of its rows in a meeting table differ. Its
// meeting partition is rebuilt, and every year from year(start - W) to
// year(start + W), old start and new, where W = the pair horizon + the longest
// meeting (days): a pair's later meeting starts at most W days after its earlier
// one, so those are the years whose pairs, and whose meetings' partners, it can
// change. A year y is rebuilt from the meetings starting within W days of it
// (the pairs its rows count), every changed meeting, and the meetings holding
// the latest date, on which the year-end count dates end (int_count_dates_listed).
func (r *runState) partitionsTouched(ctx context.Context, wh *warehouseRun, mods *models.Project,
	newPaths, oldPaths map[string]string, unchanged map[string]bool) (string, *models.Rebuild, error) {
	db := wh.db
	if reason, err := changedMeetings(ctx, wh, newPaths, oldPaths, unchanged); err != nil || reason != "" {
		return reason, nil, err
	}
	for _, m := range mods.Macros {
		if err := db.Exec(ctx, m.SQL); err != nil {
			return "", nil, fmt.Errorf("macros %s: %w", m.Path, err)
		}
	}
	dates := fmt.Sprintf(`select 'old' as side, meeting_id, start_date, end_date from read_parquet(%s)
	union all select 'new', meeting_id, start_date, end_date from read_parquet(%s)`, quote(oldPaths["meetings"]), quote(newPaths["meetings"]))
	res, err := db.Query(ctx, fmt.Sprintf(`with dates as (%s)
	select
		pair_horizon_days() + coalesce(max(greatest(end_date - start_date, 0)), 0) as window_days,
		year(max(greatest(start_date, end_date)) filter (where side = 'old')) as last_year_old,
		year(max(greatest(start_date, end_date)) filter (where side = 'new')) as last_year_new
	from dates`, dates))
	if err != nil {
		return "", nil, err
	}
	row := res.Rows[0]
	if fmt.Sprint(row[1]) != fmt.Sprint(row[2]) {
		return fmt.Sprintf("the meetings' latest year changed (%v to %v): every year-end count changes", row[1], row[2]), nil, nil
	}
	window, ok := asInt(row[0])
	if !ok {
		return "", nil, fmt.Errorf("window %v: not an integer", row[0])
	}
	years, err := db.Query(ctx, fmt.Sprintf(`with dates as (%s)
	select distinct unnest(generate_series(year(start_date - to_days(%d)), year(start_date + to_days(%d)))) as year
	from dates where start_date is not null and meeting_id in (select meeting_id from %s)
	order by year`, dates, window, window, changedMeetingsTable))
	if err != nil {
		return "", nil, err
	}
	rb := &models.Rebuild{Filters: map[string]string{}}
	var yearList []string
	for _, row := range years.Rows {
		y, ok := asInt(row[0])
		if !ok {
			return "", nil, fmt.Errorf("year %v: not an integer", row[0])
		}
		rb.Years = append(rb.Years, y)
		yearList = append(yearList, fmt.Sprint(y))
	}
	if err := r.contextMeetings(ctx, wh, newPaths["meetings"], yearList, window); err != nil {
		return "", nil, err
	}
	changed, err := db.Query(ctx, "select meeting_id from "+changedMeetingsTable+" order by meeting_id")
	if err != nil {
		return "", nil, err
	}
	for _, row := range changed.Rows {
		rb.Meetings = append(rb.Meetings, fmt.Sprint(row[0]))
	}
	sort.Strings(rb.Meetings)
	for _, name := range meetingTables {
		rb.Filters[name] = "meeting_id in (select meeting_id from " + contextMeetingsTable + ")"
	}
	return "", rb, nil
}

// changedMeetings writes the ids of the meetings whose rows differ in any
// meeting table into changedMeetingsTable, or says why the tables cannot be
// compared.
func changedMeetings(ctx context.Context, wh *warehouseRun, newPaths, oldPaths map[string]string, unchanged map[string]bool) (string, error) {
	db := wh.db
	diffs := []string{"select cast(null as varchar) as meeting_id where false"}
	for _, name := range meetingTables {
		if unchanged[name] { // the same bytes: no row differs
			continue
		}
		o, n := "read_parquet("+quote(oldPaths[name])+")", "read_parquet("+quote(newPaths[name])+")"
		oldCols, err := db.Query(ctx, "select column_name, column_type from (describe select * from "+o+")")
		if err != nil {
			return "", err
		}
		newCols, err := db.Query(ctx, "select column_name, column_type from (describe select * from "+n+")")
		if err != nil {
			return "", err
		}
		if fmt.Sprint(oldCols.Rows) != fmt.Sprint(newCols.Rows) {
			return "raw table " + name + "'s columns changed", nil
		}
		diffs = append(diffs, fmt.Sprintf("select meeting_id from (select * from %s except select * from %s)", n, o),
			fmt.Sprintf("select meeting_id from (select * from %s except select * from %s)", o, n))
	}
	return "", db.Exec(ctx, "create or replace temp table "+changedMeetingsTable+" as select distinct meeting_id from ("+
		strings.Join(diffs, "\nunion all\n")+") where meeting_id is not null")
}

// contextMeetings writes the meetings the partial build reads: those starting
// within window days of an affected year, the changed ones, and those holding
// the latest date.
func (r *runState) contextMeetings(ctx context.Context, wh *warehouseRun, meetings string, years []string, window int) error {
	inWindow := "false"
	if len(years) > 0 {
		inWindow = fmt.Sprintf(`exists (select 1 from (values (%s)) as y(year)
			where m.start_date between make_date(y.year, 1, 1) - to_days(%d) and make_date(y.year, 12, 31) + to_days(%d))`,
			strings.Join(years, "), ("), window, window)
	}
	return wh.db.Exec(ctx, fmt.Sprintf(`create or replace temp table %s as
	with m as (select * from read_parquet(%s)),
	latest as (select max(greatest(start_date, end_date)) as d from m)
	select distinct meeting_id from m
	where %s
		or meeting_id in (select meeting_id from %s)
		or start_date = (select d from latest) or end_date = (select d from latest)`,
		contextMeetingsTable, quote(meetings), inWindow, changedMeetingsTable))
}

// quote returns s as a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// linkSameMarts puts the published file of each mart the incremental build left
// unchanged into martDir (a hard link, else a copy) and adds its rows to counts.
func (r *runState) linkSameMarts(martDir string, counts map[string]int64) error {
	for name := range r.sameMarts {
		prev := r.plan.rebuild.Previous[name]
		dst := filepath.Join(martDir, name+".parquet")
		if err := os.Link(prev, dst); err != nil {
			if err := copyFile(prev, dst); err != nil {
				return err
			}
		}
		counts[name] = r.plan.previousRows[name]
	}
	return nil
}
