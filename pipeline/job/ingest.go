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

	"synergy/pipeline/agenda"
	"synergy/pipeline/civil"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/ics"
	"synergy/pipeline/reconcile"
	"synergy/pipeline/record"
	"synergy/pipeline/sources"
	"synergy/pipeline/states"
	"synergy/pipeline/themes"
	"synergy/pipeline/treaty"
	"synergy/pipeline/untc"
)

// Input is one file a run read, with its checksum for the manifest.
type Input struct {
	Remote bool   `json:"remote,omitempty"` // fetched from the source's URL
	Source string `json:"source"`
	File   string `json:"file"`
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Raw holds every validated row a run ingested, one slice per raw table.
type Raw struct {
	Instruments     []record.Instrument
	Articles        []record.InstrumentArticle
	StandingAgendas []treaty.StandingItem
	States          []record.State
	StateNames      []record.StateName
	Participation   []record.Participation
	Meetings        []record.Meeting
	AgendaItems     []record.AgendaItem
	Obligations     []record.Obligation
	Themes          []record.Theme
	ItemThemes      []record.AgendaItemTheme
	Discrepancies   []record.SourceDiscrepancy
	Rejects         []record.Reject
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
// "<source> <url>".
func listInputs(datasetsDir string, m *sources.Manifest, remote map[string]string) ([]Input, error) {
	var out []Input
	var paths []string
	for _, s := range m.Sources {
		fs, err := sourceFiles(datasetsDir, s, remote)
		if err != nil {
			return nil, err
		}
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
		return nil, err
	}
	return out, nil
}

func remoteName(s sources.Source) string { return s.Name + " <" + s.URL + ">" }

// ingest reads every source of the manifest in order; inputs are the files as
// listInputs checksummed them. Row-level problems become rejects; a structurally
// broken file or a missing catalogue is an error.
func ingest(datasetsDir string, m *sources.Manifest, asOf civil.Day, remote map[string]string, inputs []Input) (*Raw, error) {
	raw := &Raw{Inputs: inputs}
	files := map[string][]string{}
	remoteRel := map[string]string{} // stored file of a URL source → its name in messages
	byFormat := map[string][]sources.Source{}
	for _, s := range m.Sources {
		fs, err := sourceFiles(datasetsDir, s, remote)
		if err != nil {
			return nil, err
		}
		files[s.Name] = fs
		byFormat[s.Format] = append(byFormat[s.Format], s)
		if s.Remote() {
			remoteRel[remote[s.Name]] = remoteName(s)
		}
	}
	one := func(format string) (string, error) {
		ss := byFormat[format]
		if len(ss) != 1 || len(files[ss[0].Name]) != 1 {
			return "", fmt.Errorf("the sources manifest must name exactly one %s file", format)
		}
		return files[ss[0].Name][0], nil
	}
	rel := func(path string) string {
		if name, ok := remoteRel[path]; ok {
			return name
		}
		r, err := filepath.Rel(datasetsDir, path)
		if err != nil {
			return path
		}
		return filepath.ToSlash(r)
	}

	// Catalogues first: everything else is validated against them.
	statesFile, err := one("states")
	if err != nil {
		return nil, err
	}
	namesFile, err := one("state_names")
	if err != nil {
		return nil, err
	}
	var resolver *states.Resolver
	if err := withFiles(statesFile, namesFile, func(a, b io.Reader) error {
		var err error
		resolver, err = states.Load(a, b)
		return err
	}); err != nil {
		return nil, err
	}
	raw.States, raw.StateNames = resolver.States(), resolver.Names()

	instFile, err := one("instruments")
	if err != nil {
		return nil, err
	}
	if err := withFile(instFile, func(r io.Reader) (err error) {
		raw.Instruments, err = treaty.ReadInstruments(r, rel(instFile))
		return err
	}); err != nil {
		return nil, err
	}
	rules := map[string]treaty.Rule{}
	for _, in := range raw.Instruments {
		rule, err := treaty.ParseRule(in.EIFRule)
		if err != nil {
			return nil, fmt.Errorf("%s: instrument %s: %w", rel(instFile), in.InstrumentID, err)
		}
		rules[in.InstrumentID] = rule
	}
	if f, err := one("instrument_articles"); err == nil {
		if err := withFile(f, func(r io.Reader) (err error) {
			raw.Articles, err = treaty.ReadArticles(r, rel(f))
			return err
		}); err != nil {
			return nil, err
		}
	}
	if f, err := one("standing_agendas"); err == nil {
		if err := withFile(f, func(r io.Reader) (err error) {
			raw.StandingAgendas, err = treaty.ReadStandingAgendas(r, rel(f))
			return err
		}); err != nil {
			return nil, err
		}
	}

	// Participation: files merge in manifest order, later files filling gaps.
	for _, s := range byFormat["membership"] {
		for _, f := range files[s.Name] {
			var rows []record.Participation
			var rejects []record.Reject
			if err := withFile(f, func(r io.Reader) (err error) {
				rows, rejects, err = csvsrc.ReadParticipation(r, rel(f), resolver)
				return err
			}); err != nil {
				return nil, err
			}
			raw.Rejects = append(raw.Rejects, rejects...)
			var disc []csvsrc.Discrepancy
			raw.Participation, disc = csvsrc.MergeParticipation(raw.Participation, rows)
			raw.Discrepancies = append(raw.Discrepancies, flatten("participation", disc)...)
		}
	}
	if err := reconcileWithDepositary(raw, byFormat["untc"], files, rel, resolver); err != nil {
		return nil, err
	}
	treaty.DeriveEntryIntoForce(raw.Participation, rules)

	// Meetings: CSVs and iCalendar feeds.
	for _, s := range byFormat["meetings"] {
		for _, f := range files[s.Name] {
			var rows []record.Meeting
			var updates []csvsrc.Update
			var rejects []record.Reject
			if err := withFile(f, func(r io.Reader) (err error) {
				rows, updates, rejects, err = csvsrc.ReadMeetings(r, rel(f), resolver)
				return err
			}); err != nil {
				return nil, err
			}
			raw.Rejects = append(raw.Rejects, rejects...)
			var disc []csvsrc.Discrepancy
			raw.Meetings, disc = csvsrc.MergeMeetings(raw.Meetings, rows, updates)
			raw.Discrepancies = append(raw.Discrepancies, flatten("meeting", disc)...)
		}
	}
	for _, s := range byFormat["ics"] {
		for _, f := range files[s.Name] {
			var rows []record.Meeting
			var rejects []record.Reject
			if err := withFile(f, func(r io.Reader) error {
				dec := ics.NewDecoder(r, rel(f))
				events, err := dec.Decode()
				if err != nil {
					return err
				}
				for _, pe := range dec.Rejects() {
					rejects = append(rejects, record.Reject{SourceFile: rel(f), Line: int32(pe.Line), Field: pe.Field, Reason: pe.Err.Error()})
				}
				var more []record.Reject
				rows, more = ics.Meetings(events, rel(f), asOf)
				rejects = append(rejects, more...)
				return nil
			}); err != nil {
				return nil, err
			}
			raw.Rejects = append(raw.Rejects, rejects...)
			var disc []csvsrc.Discrepancy
			raw.Meetings, disc = csvsrc.MergeMeetings(raw.Meetings, rows, nil)
			raw.Discrepancies = append(raw.Discrepancies, flatten("meeting", disc)...)
		}
	}

	// Obligations: deadlines and responsibilities per state, instrument and article.
	for _, s := range byFormat["obligations"] {
		for _, f := range files[s.Name] {
			var rows []record.Obligation
			var rejects []record.Reject
			if err := withFile(f, func(r io.Reader) (err error) {
				rows, rejects, err = csvsrc.ReadObligations(r, rel(f), resolver)
				return err
			}); err != nil {
				return nil, err
			}
			raw.Rejects = append(raw.Rejects, rejects...)
			raw.Obligations = append(raw.Obligations, rows...)
		}
	}

	// Agendas: one file per meeting and language.
	meetingIDs := map[string]bool{}
	for _, mt := range raw.Meetings {
		meetingIDs[mt.MeetingID] = true
	}
	var agendaFiles []string
	for _, s := range byFormat["agenda"] {
		agendaFiles = append(agendaFiles, files[s.Name]...)
	}
	agendas, err := decodeAgendas(agendaFiles, rel)
	if err != nil {
		return nil, err
	}
	for i, a := range agendas {
		f := agendaFiles[i]
		raw.Rejects = append(raw.Rejects, relRejects(a.RejectRecords(), rel(f))...)
		if !meetingIDs[a.MeetingID] {
			raw.Rejects = append(raw.Rejects, record.Reject{SourceFile: rel(f), Line: 1, Field: "meeting_id",
				Reason: fmt.Sprintf("agenda for meeting %s, which no meetings source lists", a.MeetingID)})
			continue
		}
		items := a.Records()
		for j := range items {
			items[j].SourceFile = rel(f)
		}
		raw.AgendaItems = append(raw.AgendaItems, items...)
		agendas[i] = nil // its records are copied; let the collector have it
	}
	// Themes of each agenda item, by the multilingual tagger.
	themesFile, err := one("themes")
	if err != nil {
		return nil, err
	}
	termsFile, err := one("theme_terms")
	if err != nil {
		return nil, err
	}
	var tagger *themes.Tagger
	if err := withFiles(themesFile, termsFile, func(a, b io.Reader) (err error) {
		tagger, err = themes.Load(a, b)
		return err
	}); err != nil {
		return nil, err
	}
	raw.Themes = tagger.Themes()
	raw.ItemThemes = themes.TagItems(tagger, raw.AgendaItems)

	sortRejects(raw.Rejects)
	return raw, nil
}

// decodeAgendas decodes the agenda files on one goroutine per CPU and returns them in
// the order of files. Opening and parsing thousands of small files is most of an
// ingest at scale; the order, and so the output, does not depend on the CPUs. The
// first failing file in that order gives the error.
func decodeAgendas(files []string, rel func(string) string) ([]*agenda.Agenda, error) {
	out := make([]*agenda.Agenda, len(files))
	err := parallel(len(files), func(i int) error {
		f := files[i]
		return withFile(f, func(r io.Reader) (err error) {
			out[i], err = agenda.Decode(r, filepath.Base(f))
			var pe *agenda.ParseError
			if errors.As(err, &pe) {
				pe.File = rel(f) // name the file by its place in datasets/
			}
			return err
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// reconcileWithDepositary settles the membership rows against the depositary's status
// pages (package reconcile; the rule is in docs/reconciliation.md). Each page is matched
// to its instrument by the UN Treaty Collection id in instruments.csv.
func reconcileWithDepositary(raw *Raw, srcs []sources.Source, files map[string][]string, rel func(string) string, resolver *states.Resolver) error {
	if len(srcs) == 0 {
		return nil
	}
	byUNTC := map[string]string{}
	for _, in := range raw.Instruments {
		if in.UNTCID != nil {
			byUNTC[*in.UNTCID] = in.InstrumentID
		}
	}
	var captured civil.Day
	pages := map[string]reconcile.Source{}
	for _, s := range srcs {
		day, err := civil.ParseDay(s.Captured)
		if err != nil {
			return fmt.Errorf("source %s: captured: %w", s.Name, err)
		}
		if captured != 0 && day != captured {
			return fmt.Errorf("source %s: all depositary pages must share one capture date (%s and %s)", s.Name, captured, day)
		}
		captured = day
		for _, f := range files[s.Name] {
			var page *untc.Page
			if err := withFile(f, func(r io.Reader) (err error) {
				page, err = untc.Decode(r, rel(f))
				return err
			}); err != nil {
				return err
			}
			id, ok := byUNTC[page.TreatyID]
			if !ok {
				return fmt.Errorf("%s: treaty %s (%q) is none of the instruments in instruments.csv", rel(f), page.TreatyID, page.Title)
			}
			if prev, dup := pages[id]; dup {
				return fmt.Errorf("%s: a second status page for %s (first: %s)", rel(f), id, prev.File)
			}
			pages[id] = reconcile.Source{Page: page, File: rel(f)}
		}
	}
	published, disc, rejects := reconcile.Participation(raw.Participation, pages, captured, resolver)
	raw.Participation = published
	raw.Discrepancies = append(raw.Discrepancies, disc...)
	raw.Rejects = append(raw.Rejects, rejects...)
	return nil
}

// flatten turns merge discrepancies into rows: one per source value.
func flatten(entity string, ds []csvsrc.Discrepancy) []record.SourceDiscrepancy {
	var out []record.SourceDiscrepancy
	for _, d := range ds {
		for _, v := range d.Values {
			out = append(out, record.SourceDiscrepancy{
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

func relRejects(rs []record.Reject, file string) []record.Reject {
	for i := range rs {
		rs[i].SourceFile = file
	}
	return rs
}

func sortRejects(rs []record.Reject) {
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
