package agenda

import "synergy/pipeline/rawtable"

// Kind says what sort of list a file holds, as its Status line (or, when there is
// none, its line-1 note) describes it.
type Kind string

// The kinds of list. Only [KindAgenda] and [KindFragment] are agenda text proper;
// the others are lists a secretariat published in place of an agenda.
const (
	KindAgenda          Kind = "agenda"           // items of an agenda or programme (possibly partial)
	KindFragment        Kind = "fragment"         // the one item cited in a document's header
	KindCommitteeTitles Kind = "committee_titles" // names of committees, not an agenda
	KindSessionList     Kind = "session_list"     // sessions of an intersessional meeting
	KindIssueList       Kind = "issue_list"       // "main issues" announced for a meeting of experts
)

// Agenda is one decoded agenda file: one meeting in one language.
//
// Text (titles, notes, header values) is kept exactly as in the file except that
// each run of white space becomes one space and leading and trailing white space is
// removed.
type Agenda struct {
	File       string `json:"file"`       // the name cited: the base name given to Decode, e.g. "APMBC_10MSP.en.txt"
	MeetingID  string `json:"meeting_id"` // "<INSTRUMENT>_<CODE>", e.g. "APMBC_10MSP"
	Instrument string `json:"instrument"` // e.g. "APMBC"
	Code       string `json:"code"`       // e.g. "10MSP"
	Lang       string `json:"lang"`       // ISO 639-1: ar, zh, en, fr, es or ru

	// Symbol is the UN document symbol that opens line 1 ("APLC/MSP.10/2010/1"),
	// or nil when line 1 opens with a note or a title instead.
	Symbol *string `json:"symbol"`
	// OtherSymbols are further symbols of the same document joined to the first by
	// " - " ("CCW/CONF.III/7/Add.8 - CCW/GGE/XV/6/Add.8"); nil when there are none.
	OtherSymbols []string `json:"other_symbols,omitempty"`
	// Note is the rest of line 1 before the URLs: a parenthesised note, or a page
	// title and note (which may itself contain " | "). Empty when line 1 is only a
	// symbol and URLs.
	Note string `json:"note"`
	// SourceURL is the first URL of line 1; SourceURLs holds all of them in order.
	SourceURL  string   `json:"source_url"`
	SourceURLs []string `json:"source_urls"`

	// Meeting and Status are the values of the "Meeting:" ("Réunion :") and
	// "Status:" ("Statut :") header lines; empty when the file has none.
	Meeting string `json:"meeting"`
	Status  string `json:"status"`
	Kind    Kind   `json:"kind"`
	// Partial reports that the items are not the whole official agenda: the Status
	// line (or, without one, the line-1 note) says PARTIAL, FRAGMENT, "not the
	// official agenda", "not an agenda" or that the stored copy was "cut"; or the
	// kind is fragment; or the file has gap markers.
	Partial bool `json:"partial"`

	Sections []Section `json:"sections,omitempty"`
	Items    []Item    `json:"items"`
	Gaps     []Gap     `json:"gaps,omitempty"`

	// Rejects are the body lines that could not be read, in file order. Every
	// non-blank line is either decoded or rejected here; none is dropped.
	Rejects []*ParseError `json:"-"`
}

// Item is one agenda item or sub-item.
type Item struct {
	Line int `json:"line"` // 1-based line number in the file
	// Number is the item number with sub-items qualified by their parent: "11",
	// "11.B" (from "    B - …" under item 11), "10.a", "10.h.i", "5.a" (from
	// "   (a) …" under item 5). A letter glued to the number is split off ("10f" →
	// "10.f"); letter case is kept as printed. Items the source leaves unnumbered
	// get a synthetic ordinal starting with "#": "#3" for the third unnumbered
	// top-level item of the file, "3.#2" for the second bullet under item 3.
	Number string `json:"number"`
	// Parent is Number without its last dot-separated part ("10.h" for "10.h.i",
	// "11" for "11.B", "3" for "3.#2"), whether or not the line was indented; empty
	// for a number without a dot. The parent item itself may be absent from Items
	// when the source does not show it.
	Parent string `json:"parent,omitempty"`
	Title  string `json:"title"` // as printed, brackets and final punctuation included
	// Numbered is false when Number is a synthetic "#" ordinal.
	Numbered bool `json:"numbered"`
	// Reconstructed reports that the whole title is in square brackets: the
	// transcriber inferred it rather than read it.
	Reconstructed bool `json:"reconstructed"`
	// Truncated reports that the title contains a bracketed "..." or "cut" marker:
	// the stored copy broke off inside it.
	Truncated bool `json:"truncated"`
	// Section is the title of the section heading the item follows, if any.
	Section string `json:"section,omitempty"`
}

// Gap is a bracketed marker line such as "[... items 4-10 not seen ...]" saying
// that items are missing at that point.
type Gap struct {
	Line   int    `json:"line"`
	Parent string `json:"parent,omitempty"` // number of the enclosing item when the marker is indented
	Text   string `json:"text"`             // the marker as printed, brackets included
}

// Section is an unnumbered heading line such as "Substantive topics listed by the
// ISU:" that groups the items after it. Text is whatever follows the colon on the
// same line (for example a list of workshops that are not agenda items).
type Section struct {
	Line  int    `json:"line"`
	Title string `json:"title"`
	Text  string `json:"text,omitempty"`
}

// Records returns one row per item for table agenda_items, in file order. Symbol,
// Partial and SourceURL (the first URL of line 1) are the file's; SourceFile is the
// base name of the file and SourceLine the item's line. Each row has its own copy of
// Symbol. Records of a nil Agenda is nil.
func (a *Agenda) Records() []rawtable.AgendaItem {
	if a == nil {
		return nil
	}
	out := make([]rawtable.AgendaItem, 0, len(a.Items))
	for _, it := range a.Items {
		var sym *string
		if a.Symbol != nil {
			s := *a.Symbol
			sym = &s
		}
		out = append(out, rawtable.AgendaItem{
			MeetingID:  a.MeetingID,
			ItemNumber: it.Number,
			Lang:       a.Lang,
			Title:      it.Title,
			Symbol:     sym,
			Partial:    a.Partial,
			SourceURL:  a.SourceURL,
			SourceFile: a.File,
			SourceLine: int32(it.Line),
		})
	}
	return out
}

// RejectRecords returns one row per entry of a.Rejects for table rejects.
func (a *Agenda) RejectRecords() []rawtable.Reject {
	if a == nil {
		return nil
	}
	return rawtable.RejectsOf(a.Rejects)
}
