package job

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"synergy/pipeline/civil"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/formats"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/reconcile"
	"synergy/pipeline/snapshot"
	"synergy/pipeline/sources"
	"synergy/pipeline/states"
	"synergy/pipeline/themes"
	"synergy/pipeline/treaty"
)

// Input is one file a run read, with its checksum for the manifest.
type Input = snapshot.Input

// Raw holds every validated row a run ingested, one slice per raw table; the
// agenda items and their themes, the tables with many rows, are encoded as they
// are read (streamedTable).
type Raw struct {
	Instruments     []rawtable.Instrument
	Articles        []rawtable.InstrumentArticle
	StandingAgendas []treaty.StandingItem
	BodyNames       []treaty.BodyName
	States          []rawtable.State
	StateNames      []rawtable.StateName
	Participation   []rawtable.Participation
	Meetings        []rawtable.Meeting
	AgendaItems     *streamedTable[rawtable.AgendaItem]
	Obligations     []rawtable.Obligation
	Themes          []rawtable.Theme
	ItemThemes      *streamedTable[rawtable.AgendaItemTheme]
	Discrepancies   []rawtable.SourceDiscrepancy
	Rejects         []rawtable.Reject
	Inputs          []Input
}

// dropRows lets the garbage collector have the rows once they are written: only
// Inputs and Discrepancies, which go into the manifest, are kept.
func (r *Raw) dropRows() {
	*r = Raw{Inputs: r.Inputs, Discrepancies: r.Discrepancies}
}

// listInputs checksums every file the manifest names, in manifest order: the one
// place a run hashes its inputs (for the fingerprint, the manifest and the kept
// versions). A URL source's file is the version fetched (remote) and is named
// "<source> <url>". It returns each source's files too, which the ingest reads:
// listing a large calendar's files (and checking each stays inside the datasets
// folder) once is enough.
func listInputs(datasetsDir string, m *sources.Manifest, remote map[string]string) ([]Input, map[string][]string, error) {
	var out []Input
	var paths []string
	files := map[string][]string{}
	for _, s := range m.Sources {
		fs, err := sourceFiles(datasetsDir, s, remote)
		if err != nil {
			return nil, nil, err
		}
		files[s.Name] = fs
		for _, f := range fs {
			in := Input{Source: s.Name, Format: s.Format, Remote: s.Remote()}
			if s.Remote() {
				in.File = remoteName(s)
			}
			out = append(out, in)
			paths = append(paths, f)
		}
	}
	// On every CPU: at scale the cost is opening many small files.
	err := parallel(len(paths), func(i int) error {
		sum, err := checksum(datasetsDir, paths[i])
		if err != nil {
			return err
		}
		if !out[i].Remote {
			out[i].File = sum.File
		}
		out[i].SHA256, out[i].Bytes = sum.SHA256, sum.Bytes
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, files, nil
}

func remoteName(s sources.Source) string { return s.Name + " <" + s.URL + ">" }

// ingest reads every source of the manifest, one kind after another: the
// catalogues first, as everything else is validated against them. inputs are the
// files as listInputs checksummed them; reuse (nil for none) holds published
// rows of unchanged agenda files. Row-level problems become rejects; a
// structurally broken file or a missing catalogue is an error.
func ingest(datasetsDir string, m *sources.Manifest, asOf civil.Day, remote map[string]string, files map[string][]string,
	inputs []Input, reuse *agendaReuse) (*Raw, error) {
	in, err := newIngestion(datasetsDir, m, asOf, remote, files)
	if err != nil {
		return nil, err
	}
	in.reuse = reuse
	raw := &Raw{Inputs: inputs, AgendaItems: newStreamedTable[rawtable.AgendaItem](),
		ItemThemes: newStreamedTable[rawtable.AgendaItemTheme]()}
	for _, step := range []func(*Raw) error{
		in.states, in.instruments, in.membership, in.depositary, in.entryIntoForce,
		in.meetings, in.calendars, in.settleStatuses, in.obligations, in.themes, in.agendas,
	} {
		if err := step(raw); err != nil {
			return nil, err
		}
	}
	sortRejects(raw.Rejects)
	return raw, nil
}

// ingestion is what ingest's steps share: the files of each source, how to cite
// them, the readers' environment and the instruments' entry-into-force rules.
type ingestion struct {
	dir       string
	files     map[string][]string // source name → its files
	byFormat  map[string][]sources.Source
	remoteRel map[string]string // stored file of a URL source → its name in messages
	env       formats.Env       // States is set by the states step
	rules     map[string]treaty.Rule
	tagger    *themes.Tagger // set by the themes step, used by the agendas step
	reuse     *agendaReuse   // published agenda rows to copy; nil reads every file
}

// newIngestion prepares the ingest of m's sources, whose files listInputs
// listed (files, by source name).
func newIngestion(datasetsDir string, m *sources.Manifest, asOf civil.Day, remote map[string]string, files map[string][]string) (*ingestion, error) {
	in := &ingestion{
		dir: datasetsDir, files: map[string][]string{}, byFormat: map[string][]sources.Source{},
		remoteRel: map[string]string{}, env: formats.Env{AsOf: asOf},
	}
	for _, s := range m.Sources {
		fs, ok := files[s.Name]
		if !ok {
			return nil, fmt.Errorf("source %s: its files were not listed", s.Name)
		}
		in.files[s.Name] = fs
		in.byFormat[s.Format] = append(in.byFormat[s.Format], s)
		if s.Remote() {
			in.remoteRel[remote[s.Name]] = remoteName(s)
		}
	}
	return in, nil
}

// rel names a file in rows and messages: by its place in the datasets folder, or
// for a URL source by its name and URL.
func (in *ingestion) rel(path string) string {
	if name, ok := in.remoteRel[path]; ok {
		return name
	}
	r, err := filepath.Rel(in.dir, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}

// one returns the file of a format the manifest must name exactly once.
func (in *ingestion) one(format string) (string, error) {
	ss := in.byFormat[format]
	if len(ss) != 1 || len(in.files[ss[0].Name]) != 1 {
		return "", fmt.Errorf("the sources manifest must name exactly one %s file", format)
	}
	return in.files[ss[0].Name][0], nil
}

// filesOf lists the files of every source of format, in manifest order.
func (in *ingestion) filesOf(format string) []string {
	var out []string
	for _, s := range in.byFormat[format] {
		out = append(out, in.files[s.Name]...)
	}
	return out
}

// read reads file f with the reader of format from the formats table.
func (in *ingestion) read(format, f string) (*formats.Rows, error) {
	ft, ok := formats.Lookup(format)
	if !ok || ft.Read == nil {
		return nil, fmt.Errorf("%s: format %s has no per-file reader", in.rel(f), format)
	}
	var rows *formats.Rows
	err := withFile(f, func(r io.Reader) (err error) {
		rows, err = ft.Read(r, in.rel(f), in.env)
		return err
	})
	return rows, err
}

// states loads the state tables, which resolve every state name read after them.
func (in *ingestion) states(raw *Raw) error {
	statesFile, err := in.one("states")
	if err != nil {
		return err
	}
	namesFile, err := in.one("state_names")
	if err != nil {
		return err
	}
	var resolver *states.Resolver
	if err := withFiles(statesFile, namesFile, func(a, b io.Reader) (err error) {
		resolver, err = states.Load(a, b)
		return err
	}); err != nil {
		return err
	}
	in.env.States = resolver
	raw.States, raw.StateNames = resolver.States(), resolver.Names()
	return nil
}

// instruments reads the instrument catalogue with each instrument's entry-into-force
// rule, and the legal map and standing agendas when the manifest names them.
func (in *ingestion) instruments(raw *Raw) error {
	f, err := in.one("instruments")
	if err != nil {
		return err
	}
	rows, err := in.read("instruments", f)
	if err != nil {
		return err
	}
	raw.Instruments = rows.Instruments
	in.rules = map[string]treaty.Rule{}
	for _, inst := range raw.Instruments {
		rule, err := treaty.ParseRule(inst.EIFRule)
		if err != nil {
			return fmt.Errorf("%s: instrument %s: %w", in.rel(f), inst.InstrumentID, err)
		}
		in.rules[inst.InstrumentID] = rule
	}
	if f, err := in.one("instrument_articles"); err == nil {
		if rows, err = in.read("instrument_articles", f); err != nil {
			return err
		}
		raw.Articles = rows.Articles
	}
	if f, err := in.one("standing_agendas"); err == nil {
		if rows, err = in.read("standing_agendas", f); err != nil {
			return err
		}
		raw.StandingAgendas = rows.StandingAgendas
	}
	if f, err := in.one("instrument_names"); err == nil {
		if rows, err = in.read("instrument_names", f); err != nil {
			return err
		}
		if err := treaty.ApplyNames(raw.Instruments, rows.InstrumentNames); err != nil {
			return fmt.Errorf("%s: %w", in.rel(f), err)
		}
	}
	if f, err := in.one("meeting_body_names"); err == nil {
		if rows, err = in.read("meeting_body_names", f); err != nil {
			return err
		}
		raw.BodyNames = rows.BodyNames
	}
	return nil
}

// membership merges the membership files in manifest order, later files filling gaps.
func (in *ingestion) membership(raw *Raw) error {
	for _, f := range in.filesOf("membership") {
		rows, err := in.read("membership", f)
		if err != nil {
			return err
		}
		raw.Rejects = append(raw.Rejects, rows.Rejects...)
		var disc []csvsrc.Discrepancy
		raw.Participation, disc = csvsrc.MergeParticipation(raw.Participation, rows.Participation)
		raw.Discrepancies = append(raw.Discrepancies, flatten("participation", disc)...)
	}
	return nil
}

// entryIntoForce fills the entry-into-force dates the sources leave out by each
// instrument's rule.
func (in *ingestion) entryIntoForce(raw *Raw) error {
	treaty.DeriveEntryIntoForce(raw.Participation, in.rules)
	return nil
}

// meetings merges the meeting files in manifest order, applying their update rows.
func (in *ingestion) meetings(raw *Raw) error {
	for _, f := range in.filesOf("meetings") {
		rows, err := in.read("meetings", f)
		if err != nil {
			return err
		}
		in.mergeMeetings(raw, rows, rows.Updates)
	}
	return nil
}

// calendars merges the meetings of the iCalendar feeds after those of the files.
func (in *ingestion) calendars(raw *Raw) error {
	for _, f := range in.filesOf("ics") {
		rows, err := in.read("ics", f)
		if err != nil {
			return err
		}
		in.mergeMeetings(raw, rows, nil)
	}
	return nil
}

// settleStatuses makes every merged meeting's status hold on the run's as-of day:
// one rule for every source (rawtable.Meeting.SettleStatus), applied once all the
// meeting files and calendars are merged, so an update row's status is settled too.
func (in *ingestion) settleStatuses(raw *Raw) error {
	for i := range raw.Meetings {
		raw.Meetings[i].SettleStatus(in.env.AsOf)
	}
	return nil
}

func (in *ingestion) mergeMeetings(raw *Raw, rows *formats.Rows, updates []csvsrc.Update) {
	raw.Rejects = append(raw.Rejects, rows.Rejects...)
	var disc []csvsrc.Discrepancy
	raw.Meetings, disc = csvsrc.MergeMeetings(raw.Meetings, rows.Meetings, updates)
	raw.Discrepancies = append(raw.Discrepancies, flatten("meeting", disc)...)
}

// obligations reads the deadlines and responsibilities per state, instrument and
// article.
func (in *ingestion) obligations(raw *Raw) error {
	for _, f := range in.filesOf("obligations") {
		rows, err := in.read("obligations", f)
		if err != nil {
			return err
		}
		raw.Rejects = append(raw.Rejects, rows.Rejects...)
		raw.Obligations = append(raw.Obligations, rows.Obligations...)
	}
	return nil
}

// agendas reads one file per meeting and language and streams its items, tagged
// with the multilingual tagger, into the raw tables; an agenda of a meeting no
// meetings source lists is rejected as a whole. The files in.reuse holds the
// published rows of are copied, not read.
func (in *ingestion) agendas(raw *Raw) error {
	meetingIDs := map[string]bool{}
	for _, mt := range raw.Meetings {
		meetingIDs[mt.MeetingID] = true
	}
	files := in.filesOf("agenda")
	for lo := 0; lo < len(files); lo += agendaWindow {
		if err := in.readAgendaWindow(raw, files[lo:min(lo+agendaWindow, len(files))], meetingIDs); err != nil {
			return err
		}
	}
	if in.reuse != nil {
		if err := in.reuse.finish(); err != nil {
			return err
		}
	}
	return errors.Join(raw.AgendaItems.Close(), raw.ItemThemes.Close())
}

// readAgendaWindow streams the rows of one window of agenda files in file order:
// those in.reuse has, copied with their themes; the others decoded on every
// CPU and tagged, a run of consecutive files at a time.
func (in *ingestion) readAgendaWindow(raw *Raw, window []string, meetingIDs map[string]bool) error {
	copied := make([]*agendaRows, len(window))
	var toRead []string
	for i, f := range window {
		if in.reuse != nil {
			rows, ok, err := in.reuse.take(in.rel(f))
			if err != nil {
				return err
			}
			if ok && meetingIDs[rows.items[0].MeetingID] {
				copied[i] = &rows
				continue
			}
		}
		toRead = append(toRead, f)
	}
	decoded, err := in.decodeAgendas(toRead)
	if err != nil {
		return err
	}
	var items []rawtable.AgendaItem
	var tagged []rawtable.AgendaItemTheme
	untagged := 0 // items[untagged:] are decoded, not yet tagged
	for i, f := range window {
		if c := copied[i]; c != nil {
			tagged = append(tagged, themes.TagItems(in.tagger, items[untagged:])...)
			raw.Rejects = append(raw.Rejects, c.rejects...)
			items, tagged = append(items, c.items...), append(tagged, c.themes...)
			untagged = len(items)
			continue
		}
		rows := decoded[0]
		decoded = decoded[1:]
		raw.Rejects = append(raw.Rejects, rows.Rejects...)
		if a := rows.Agenda; !meetingIDs[a.MeetingID] {
			raw.Rejects = append(raw.Rejects, rawtable.Reject{SourceFile: in.rel(f), Line: 1, Field: "meeting_id",
				Reason: fmt.Sprintf("agenda for meeting %s, which no meetings source lists", a.MeetingID)})
			continue
		}
		items = append(items, rows.Agenda.Records()...)
	}
	tagged = append(tagged, themes.TagItems(in.tagger, items[untagged:])...)
	if err := raw.AgendaItems.Write(items); err != nil {
		return err
	}
	return raw.ItemThemes.Write(tagged)
}

// agendaWindow is how many agenda files are decoded before their items are
// written: enough for every CPU and the tagger's cache of repeated titles, few
// enough that a window's rows are a small part of a large calendar's.
const agendaWindow = 4096

// decodeAgendas decodes the agenda files on one goroutine per CPU and returns them in
// the order of files. Opening and parsing thousands of small files is most of an
// ingest at scale; the order, and so the output, does not depend on the CPUs. The
// first failing file in that order gives the error.
func (in *ingestion) decodeAgendas(files []string) ([]*formats.Rows, error) {
	out := make([]*formats.Rows, len(files))
	err := parallel(len(files), func(i int) (err error) {
		out[i], err = in.read("agenda", files[i])
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// themes loads the theme taxonomy and the multilingual tagger, which the agendas
// step tags each agenda item with.
func (in *ingestion) themes(raw *Raw) error {
	themesFile, err := in.one("themes")
	if err != nil {
		return err
	}
	termsFile, err := in.one("theme_terms")
	if err != nil {
		return err
	}
	if err := withFiles(themesFile, termsFile, func(a, b io.Reader) (err error) {
		in.tagger, err = themes.Load(a, b)
		return err
	}); err != nil {
		return err
	}
	raw.Themes = in.tagger.Themes()
	return nil
}

// depositary settles the membership rows against the depositary's status pages
// (package reconcile; the rule is in docs/reconciliation.md). Each page is matched
// to its instrument by the UN Treaty Collection id in instruments.csv.
func (in *ingestion) depositary(raw *Raw) error {
	srcs := in.byFormat["untc"]
	if len(srcs) == 0 {
		return nil
	}
	captured, err := captureDay(srcs)
	if err != nil {
		return err
	}
	pages, err := in.statusPages(raw.Instruments, srcs)
	if err != nil {
		return err
	}
	published, disc, rejects := reconcile.Participation(raw.Participation, pages, captured, in.env.States)
	raw.Participation = published
	raw.Discrepancies = append(raw.Discrepancies, disc...)
	raw.Rejects = append(raw.Rejects, rejects...)
	return nil
}

// captureDay returns the one day on which all the depositary's pages with a fixed
// capture date were captured (0 when every page is dated by its own status line).
func captureDay(srcs []sources.Source) (civil.Day, error) {
	var captured civil.Day
	for _, s := range srcs {
		if s.Captured == sources.CapturedAsAt {
			continue
		}
		day, err := civil.ParseDay(s.Captured)
		if err != nil {
			return 0, fmt.Errorf("source %s: captured: %w", s.Name, err)
		}
		if captured != 0 && day != captured {
			return 0, fmt.Errorf("source %s: all depositary pages must share one capture date (%s and %s)", s.Name, captured, day)
		}
		captured = day
	}
	return captured, nil
}

// statusPages reads the depositary's pages, one per instrument, keyed by instrument.
func (in *ingestion) statusPages(instruments []rawtable.Instrument, srcs []sources.Source) (map[string]reconcile.Source, error) {
	byUNTC := map[string]string{}
	for _, inst := range instruments {
		if inst.UNTCID != nil {
			byUNTC[*inst.UNTCID] = inst.InstrumentID
		}
	}
	pages := map[string]reconcile.Source{}
	for _, s := range srcs {
		for _, f := range in.files[s.Name] {
			rows, err := in.read("untc", f)
			if err != nil {
				return nil, err
			}
			page := rows.Page
			id, ok := byUNTC[page.TreatyID]
			if !ok {
				return nil, fmt.Errorf("%s: treaty %s (%q) is none of the instruments in instruments.csv", in.rel(f), page.TreatyID, page.Title)
			}
			if prev, dup := pages[id]; dup {
				return nil, fmt.Errorf("%s: a second status page for %s (first: %s)", in.rel(f), id, prev.File)
			}
			src := reconcile.Source{Page: page, File: in.rel(f)}
			if s.Captured == sources.CapturedAsAt {
				if page.StatusAsAt == nil {
					return nil, fmt.Errorf("%s: the page has no \"STATUS AS AT\" date, which source %s dates it by", in.rel(f), s.Name)
				}
				src.Captured = *page.StatusAsAt
			}
			pages[id] = src
		}
	}
	return pages, nil
}

// flatten turns merge discrepancies into rows: one per source value.
func flatten(entity string, ds []csvsrc.Discrepancy) []rawtable.SourceDiscrepancy {
	var out []rawtable.SourceDiscrepancy
	for _, d := range ds {
		for _, v := range d.Values {
			out = append(out, rawtable.SourceDiscrepancy{
				Entity: entity, EntityKey: d.Key, Field: d.Field, Value: v.Value,
				Used: v.Value == d.Used, UsedValue: d.Used, Rule: d.Rule,
				SourceFile: v.SourceFile, SourceLine: v.Line, SourceURL: v.SourceURL,
			})
		}
	}
	return out
}

// sourceFiles lists a source's files: its path or glob under the datasets folder, or
// for a URL source the version the run fetched (remote).
func sourceFiles(datasetsDir string, s sources.Source, remote map[string]string) ([]string, error) {
	if s.Remote() {
		f, ok := remote[s.Name]
		if !ok {
			return nil, fmt.Errorf("source %s: %s was not fetched", s.Name, s.URL)
		}
		return []string{f}, nil
	}
	return s.Files(datasetsDir)
}

func sortRejects(rs []rawtable.Reject) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].SourceFile != rs[j].SourceFile {
			return rs[i].SourceFile < rs[j].SourceFile
		}
		return rs[i].Line < rs[j].Line
	})
}

func withFile(path string, fn func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return fn(f)
}

func withFiles(a, b string, fn func(io.Reader, io.Reader) error) error {
	return withFile(a, func(ra io.Reader) error {
		return withFile(b, func(rb io.Reader) error { return fn(ra, rb) })
	})
}

func checksum(dir, path string) (Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Input{}, fmt.Errorf("read %s: %w", path, err)
	}
	rel, _ := filepath.Rel(dir, path)
	return Input{File: filepath.ToSlash(rel), SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}
