package history

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"

	"synergy/pipeline/civil"
)

// Changes a version row can record.
const (
	ChangeAdded   = "added"   // the key was not seen (or not open) before this run
	ChangeChanged = "changed" // the key was open with other content; that version ended
	ChangeRemoved = "removed" // the key was open and this run did not see it
)

// Observation is one version of one record (table observations, one row per
// entity × key × version). A version is open, ended_at NULL, while the runs keep
// seeing the key with the same content.
//
// A removal is a row of its own (change "removed") whose content is the last
// content seen and whose ended_at equals its first_seen_at: an empty interval, so
// "what did we know on X" never returns it, while "what changed since R" does.
type Observation struct {
	Entity        string     `parquet:"entity,dict"`
	Key           string     `parquet:"key"`
	ContentSHA256 string     `parquet:"content_sha256"` // lower-case hex SHA-256 of content_json
	ContentJSON   string     `parquet:"content_json"`   // see [Canonical]
	FirstSeenRun  string     `parquet:"first_seen_run,dict"`
	FirstSeenAt   civil.Day  `parquet:"first_seen_at,date"` // as-of day of first_seen_run
	LastSeenRun   string     `parquet:"last_seen_run,dict"`
	LastSeenAt    civil.Day  `parquet:"last_seen_at,date"` // as-of day of last_seen_run
	EndedAt       *civil.Day `parquet:"ended_at,date,optional"`
	Change        string     `parquet:"change,dict"` // how this version began
}

// RunInfo describes the run [Observe] records.
type RunInfo struct {
	// ID names the run; it must sort (as a string) after every run ID already in
	// the history. Snapshot IDs do: they start with the run's UTC start time.
	ID string
	// AsOf is the run's as-of day, the transaction time of what it saw. It must
	// not be earlier than any day already in the history.
	AsOf civil.Day
	// Complete says, per entity, that the run read every source of the entity
	// and got rows from them. Only complete entities can end a version; any
	// other entity (false, absent, or without a current row) is carried forward
	// unchanged.
	Complete map[string]bool
}

// Note reports an entity [Observe] carried forward instead of observing.
type Note struct {
	Entity  string
	Reason  string
	Open    int // open versions carried forward unchanged (not ended)
	Ignored int // current records of the entity left unrecorded
}

// String describes n in one line, for logs and the manifest.
func (n Note) String() string {
	return fmt.Sprintf("%s: %s; %d open versions carried forward, %d current records not recorded",
		n.Entity, n.Reason, n.Open, n.Ignored)
}

// Observe records run in the history prev and returns the new history: every row
// of prev, updated, plus the rows the run adds, sorted by entity, key and
// first_seen_run. For each complete entity (see [RunInfo].Complete):
//
//   - an open version whose key is seen with the same content gets last_seen_run
//     and last_seen_at of run;
//   - an open version whose key is seen with other content ends (ended_at =
//     run.AsOf) and a "changed" version opens;
//   - an open version whose key is not seen ends, and a "removed" row records it;
//   - a key without an open version opens an "added" version (a key seen again
//     after its removal is added anew).
//
// Rows of every other entity are carried forward unchanged and reported in the
// returned notes, one per entity, sorted by entity; their current records are not
// recorded. Ended versions are copied unchanged.
//
// Observe returns an error wrapping [ErrDuplicateKey] when two current records of
// one entity share a key, [ErrRunOrder] when run is not after the history, and
// [ErrCorrupt] when prev has two open versions of a key. It panics if run.ID or a
// current entity is empty. prev and now are not modified.
func Observe(prev []Observation, now []Current, run RunInfo) ([]Observation, []Note, error) {
	if run.ID == "" {
		panic("history: Observe with an empty run ID")
	}
	if err := checkOrder(prev, run); err != nil {
		return nil, nil, err
	}
	current, errNow := indexCurrent(now)
	prevBy, errPrev := indexPrevious(prev)
	if err := errors.Join(errNow, errPrev); err != nil {
		return nil, nil, err
	}
	out := make([]Observation, 0, len(prev)+len(now))
	var notes []Note
	for _, entity := range entitiesOf(prevBy, current, run.Complete) {
		rows, byKey := prevBy[entity], current[entity]
		if !run.Complete[entity] || len(byKey) == 0 {
			out = append(out, rows...)
			notes = append(notes, carriedForward(entity, rows, len(byKey), run.Complete))
			continue
		}
		out = observeEntity(out, entity, rows, byKey, run)
	}
	sortObservations(out)
	return out, notes, nil
}

// seen is one current record's canonical content and its digest.
type seen struct {
	json, sha string
}

// indexCurrent groups this run's records by entity and key, refusing duplicates.
func indexCurrent(now []Current) (map[string]map[string]seen, error) {
	current := map[string]map[string]seen{}
	var errs []error
	for _, c := range now {
		if c.Entity == "" {
			panic("history: Observe with an empty entity")
		}
		byKey := current[c.Entity]
		if byKey == nil {
			byKey = map[string]seen{}
			current[c.Entity] = byKey
		}
		if _, dup := byKey[c.Key]; dup {
			errs = append(errs, fmt.Errorf("%w: %s %q", ErrDuplicateKey, c.Entity, c.Key))
			continue
		}
		j, sha := Canonical(c.Content)
		byKey[c.Key] = seen{j, sha}
	}
	return current, errors.Join(errs...)
}

// indexPrevious groups the published observations by entity, refusing a history
// with two open versions of one record.
func indexPrevious(prev []Observation) (map[string][]Observation, error) {
	prevBy := map[string][]Observation{}
	for _, o := range prev {
		prevBy[o.Entity] = append(prevBy[o.Entity], o)
	}
	var errs []error
	for entity, rows := range prevBy {
		open := map[string]bool{}
		for _, o := range rows {
			if o.EndedAt != nil {
				continue
			}
			if open[o.Key] {
				errs = append(errs, fmt.Errorf("%w: two open versions of %s %q", ErrCorrupt, entity, o.Key))
			}
			open[o.Key] = true
		}
	}
	return prevBy, errors.Join(errs...)
}

// entitiesOf lists, sorted, every entity in the history, the run or its
// completeness report.
func entitiesOf(prevBy map[string][]Observation, current map[string]map[string]seen, complete map[string]bool) []string {
	entities := map[string]bool{}
	for e := range prevBy {
		entities[e] = true
	}
	for e := range current {
		entities[e] = true
	}
	for e := range complete {
		entities[e] = true
	}
	return slices.Sorted(maps.Keys(entities))
}

// carriedForward is the note for an entity whose rows are kept as they were,
// because this run did not read all of its sources or got no rows from them.
func carriedForward(entity string, rows []Observation, ignored int, complete map[string]bool) Note {
	n := Note{Entity: entity, Ignored: ignored, Reason: "sources empty or missing"}
	switch {
	case complete[entity]:
		n.Reason = "marked complete but no current records"
	case !hasKey(complete, entity):
		n.Reason = "completeness not reported"
	}
	for _, o := range rows {
		if o.EndedAt == nil {
			n.Open++
		}
	}
	return n
}

// observeEntity appends to out the history of one entity after this run: ended
// versions kept, unchanged ones seen again, changed and removed ones ended with
// their new version, and records new in this run added.
func observeEntity(out []Observation, entity string, rows []Observation, byKey map[string]seen, run RunInfo) []Observation {
	ended := func(o Observation) Observation {
		d := run.AsOf
		o.EndedAt = &d
		return o
	}
	fresh := func(key, change string, s seen) Observation {
		return Observation{
			Entity: entity, Key: key, ContentSHA256: s.sha, ContentJSON: s.json,
			FirstSeenRun: run.ID, FirstSeenAt: run.AsOf, LastSeenRun: run.ID, LastSeenAt: run.AsOf,
			Change: change,
		}
	}
	matched := map[string]bool{}
	for _, o := range rows {
		if o.EndedAt != nil {
			out = append(out, o)
			continue
		}
		s, ok := byKey[o.Key]
		switch {
		case !ok:
			out = append(out, ended(o))
			gone := fresh(o.Key, ChangeRemoved, seen{o.ContentJSON, o.ContentSHA256})
			out = append(out, ended(gone))
		case s.sha == o.ContentSHA256:
			o.LastSeenRun, o.LastSeenAt = run.ID, run.AsOf
			out = append(out, o)
			matched[o.Key] = true
		default:
			out = append(out, ended(o), fresh(o.Key, ChangeChanged, s))
			matched[o.Key] = true
		}
	}
	for _, key := range slices.Sorted(maps.Keys(byKey)) {
		if !matched[key] {
			out = append(out, fresh(key, ChangeAdded, byKey[key]))
		}
	}
	return out
}

func hasKey(m map[string]bool, k string) bool {
	_, ok := m[k]
	return ok
}

// checkOrder returns an ErrRunOrder error if run is not after every run of prev.
func checkOrder(prev []Observation, run RunInfo) error {
	for _, o := range prev {
		if o.FirstSeenRun >= run.ID || o.LastSeenRun >= run.ID {
			return fmt.Errorf("%w: run %q, history has run %q", ErrRunOrder, run.ID, max(o.FirstSeenRun, o.LastSeenRun))
		}
		if o.FirstSeenAt > run.AsOf || o.LastSeenAt > run.AsOf {
			return fmt.Errorf("%w: as-of %s, history has %s", ErrRunOrder, run.AsOf, max(o.FirstSeenAt, o.LastSeenAt))
		}
	}
	return nil
}

// changeRank orders the rows a run adds for one key after the version it ends.
var changeRank = map[string]int{ChangeAdded: 0, ChangeChanged: 0, ChangeRemoved: 1}

func sortObservations(obs []Observation) {
	slices.SortStableFunc(obs, func(a, b Observation) int {
		return cmp.Or(
			cmp.Compare(a.Entity, b.Entity),
			cmp.Compare(a.Key, b.Key),
			cmp.Compare(a.FirstSeenRun, b.FirstSeenRun),
			cmp.Compare(changeRank[a.Change], changeRank[b.Change]),
			cmp.Compare(a.ContentSHA256, b.ContentSHA256),
		)
	})
}

// KnownOn returns the versions that were current on day: first_seen_at <= day
// and (ended_at is null or ended_at > day), in the order of obs. Removal rows
// never qualify (their interval is empty). It is the Go form of the query in
// docs/history.md; the result shares no memory with obs except EndedAt pointees.
func KnownOn(obs []Observation, day civil.Day) []Observation {
	var out []Observation
	for _, o := range obs {
		if o.FirstSeenAt <= day && (o.EndedAt == nil || *o.EndedAt > day) {
			out = append(out, o)
		}
	}
	return out
}

// ChangedSince returns the rows recorded by runs after run (first_seen_run >
// run): every addition, change and removal since that run's report, in the order
// of obs. With run "" it returns every row.
func ChangedSince(obs []Observation, run string) []Observation {
	var out []Observation
	for _, o := range obs {
		if o.FirstSeenRun > run {
			out = append(out, o)
		}
	}
	return out
}

// CountChanges counts the rows run recorded, by entity and change, for logs and
// the manifest.
func CountChanges(obs []Observation, run string) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, o := range obs {
		if o.FirstSeenRun != run {
			continue
		}
		if out[o.Entity] == nil {
			out[o.Entity] = map[string]int{}
		}
		out[o.Entity][o.Change]++
	}
	return out
}
