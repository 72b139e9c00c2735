package job

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"synergy/pipeline/parquetout"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/snapshot"
)

// errAgendaReuse is a published agenda table that does not read as a full ingest
// wrote it: the run ingests every file instead.
var errAgendaReuse = errors.New("published agenda rows cannot be reused")

// agendaReuse holds the published snapshot's agenda rows for the agenda files
// whose bytes did not change: the ingest copies them instead of reading and
// tagging those files again. An agenda file's rows depend only on its bytes,
// its name, the theme taxonomy and terms, and the code; the raw tables come out
// byte-identical to a full ingest's, as the rows and their order are the same.
//
// The published agenda_items hold each file's rows together, in the order of the
// published agenda inputs, and agenda_item_themes each item's themes right after
// the previous item's (themes.TagItems); the readers walk both once, forward.
type agendaReuse struct {
	unchanged map[string]bool              // agenda file, as rows cite it → same SHA-256 as published
	order     map[string]int               // agenda file → its place among the published agenda inputs
	rejects   map[string][]rawtable.Reject // published rejects of the unchanged files
	items     *parquetout.Reader[rawtable.AgendaItem]
	themes    *parquetout.Reader[rawtable.AgendaItemTheme]
	last      int // place of the last file taken
	copied    int // files whose rows were copied
}

// agendaRows are one agenda file's published rows.
type agendaRows struct {
	items   []rawtable.AgendaItem
	themes  []rawtable.AgendaItemTheme
	rejects []rawtable.Reject
}

// taggerFormats are the inputs the theme tagger is built from.
var taggerFormats = map[string]bool{"themes": true, "theme_terms": true}

// openAgendaReuse opens the published agenda rows a run may copy, or returns
// nil and why it may not: a --force run or a replay, no published snapshot,
// other code, other theme inputs, or no agenda file unchanged.
func openAgendaReuse(cfg Config, inputs []Input, published *snapshot.Snapshot) (*agendaReuse, string, error) {
	switch {
	case cfg.Force:
		return nil, "--force", nil
	case cfg.Replay:
		return nil, "replay", nil
	case published == nil:
		return nil, "no published snapshot", nil
	case published.Manifest.Versions["code"] != cfg.CodeVersion:
		return nil, "the code differs from the published snapshot's", nil
	}
	prev := published.Manifest.Inputs
	if !slices.Equal(inputsOf(prev, taggerFormats), inputsOf(inputs, taggerFormats)) {
		return nil, "the theme taxonomy or terms changed", nil
	}
	u := &agendaReuse{unchanged: map[string]bool{}, order: map[string]int{}, rejects: map[string][]rawtable.Reject{}, last: -1}
	prevSHA := map[string]string{}
	for _, x := range prev {
		if x.Format != "agenda" {
			continue
		}
		if _, dup := u.order[x.File]; dup {
			return nil, "the published snapshot lists agenda file " + x.File + " twice", nil
		}
		u.order[x.File], prevSHA[x.File] = len(u.order), x.SHA256
	}
	for _, x := range inputs {
		if x.Format == "agenda" && prevSHA[x.File] == x.SHA256 {
			u.unchanged[x.File] = true
		}
	}
	if len(u.unchanged) == 0 {
		return nil, "no agenda file unchanged", nil
	}
	paths := map[string]string{}
	for _, t := range published.Manifest.Tables {
		if t.Layer == snapshot.LayerRaw {
			paths[t.Name] = filepath.Join(published.Dir, filepath.FromSlash(t.Path))
		}
	}
	if paths["agenda_items"] == "" || paths["agenda_item_themes"] == "" || paths["rejects"] == "" {
		return nil, "the published snapshot has no agenda tables", nil
	}
	if err := u.open(paths); err != nil {
		return nil, "", err
	}
	return u, "", nil
}

// inputsOf lists the files and checksums of the inputs of formats.
func inputsOf(inputs []Input, formats map[string]bool) []string {
	var out []string
	for _, x := range inputs {
		if formats[x.Format] {
			out = append(out, x.File+"\x00"+x.SHA256)
		}
	}
	return out
}

// open reads the published rejects of the unchanged files and opens the
// agenda tables.
func (u *agendaReuse) open(paths map[string]string) error {
	err := parquetout.ScanFile(paths["rejects"], agendaWindow, func(rows []rawtable.Reject) error {
		for _, r := range rows {
			if u.unchanged[r.SourceFile] {
				u.rejects[r.SourceFile] = append(u.rejects[r.SourceFile], r)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%w: %v", errAgendaReuse, err)
	}
	if u.items, err = parquetout.OpenReader[rawtable.AgendaItem](paths["agenda_items"], agendaWindow); err != nil {
		return fmt.Errorf("%w: %v", errAgendaReuse, err)
	}
	if u.themes, err = parquetout.OpenReader[rawtable.AgendaItemTheme](paths["agenda_item_themes"], agendaWindow); err != nil {
		u.items.Close()
		return fmt.Errorf("%w: %v", errAgendaReuse, err)
	}
	return nil
}

// take returns the published rows of agenda file rel, or false when the file
// must be read: it changed, had no rows published (an empty agenda, or one
// rejected whole), or comes before a file already taken in the published order.
// Calls follow the order of the run's agenda files.
func (u *agendaReuse) take(rel string) (agendaRows, bool, error) {
	pos, ok := u.order[rel]
	if !ok || !u.unchanged[rel] || pos <= u.last {
		return agendaRows{}, false, nil
	}
	u.last = pos
	for { // the rows of published files before rel are not this run's
		it, ok := u.items.Peek()
		if !ok || u.order[it.SourceFile] >= pos {
			break
		}
		u.skipItem()
	}
	var out agendaRows
	for {
		it, ok := u.items.Peek()
		if !ok || it.SourceFile != rel {
			break
		}
		item := *it
		u.items.Next()
		out.items = append(out.items, item)
		out.themes = u.themesOf(item, out.themes)
	}
	if err := u.err(); err != nil {
		return agendaRows{}, false, err
	}
	if len(out.items) == 0 {
		return agendaRows{}, false, nil
	}
	out.rejects = u.rejects[rel]
	u.copied++
	return out, true, nil
}

// themesOf appends the published themes of item to dst.
func (u *agendaReuse) themesOf(item rawtable.AgendaItem, dst []rawtable.AgendaItemTheme) []rawtable.AgendaItemTheme {
	for {
		th, ok := u.themes.Peek()
		if !ok || th.MeetingID != item.MeetingID || th.ItemNumber != item.ItemNumber || th.Lang != item.Lang {
			return dst
		}
		dst = append(dst, *th)
		u.themes.Next()
	}
}

// skipItem passes over the next published item and its themes.
func (u *agendaReuse) skipItem() {
	it, _ := u.items.Peek()
	item := *it
	u.items.Next()
	u.themesOf(item, nil)
}

func (u *agendaReuse) err() error {
	if err := errors.Join(u.items.Err(), u.themes.Err()); err != nil {
		return fmt.Errorf("%w: %v", errAgendaReuse, err)
	}
	return nil
}

// finish walks the rest of the published rows: a theme row that no item claimed
// means the tables do not read as a full ingest wrote them, and the rows copied
// cannot be trusted.
func (u *agendaReuse) finish() error {
	for {
		if _, ok := u.items.Peek(); !ok {
			break
		}
		u.skipItem()
	}
	if err := u.err(); err != nil {
		return err
	}
	if th, ok := u.themes.Peek(); ok {
		return fmt.Errorf("%w: the theme row of %s item %s (%s) follows no item", errAgendaReuse, th.MeetingID, th.ItemNumber, th.Lang)
	}
	return u.err()
}

// close closes the published tables; nil is closed.
func (u *agendaReuse) close() {
	if u != nil {
		u.items.Close()
		u.themes.Close()
	}
}
