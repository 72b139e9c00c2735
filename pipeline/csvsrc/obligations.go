package csvsrc

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/treaty"
)

// Columns of obligations.csv, in their usual order; the reader finds them by name.
var obligationColumns = []string{
	"state_name", "iso3", "instrument", "article", "theme", "obligation_start",
	"original_deadline", "current_deadline", "extensions_granted", "status",
	"status_date", "completed_date", "source_url", "confidence",
}

// Themes of an obligation, the values of rawtable.Obligation.Theme.
const (
	ThemeClearance            = "clearance"
	ThemeStockpileDestruction = "stockpile_destruction"
	ThemeVictimAssistance     = "victim_assistance"
)

// Obligation statuses, the values of rawtable.Obligation.Status, as obligations.csv's
// SOURCES.md defines them.
const (
	ObligationOngoing   = "ongoing"   // open: deadline not passed, or an extension pending
	ObligationCompleted = "completed" // declared fulfilled
	ObligationOverdue   = "overdue"   // deadline passed without extension: non-compliant
)

// obligationArticles gives, for each instrument an obligation can come from, the
// article that sets each theme's obligation (datasets/instrument_articles.csv).
var obligationArticles = map[string]map[string]string{
	"APMBC": {ThemeStockpileDestruction: "4", ThemeClearance: "5", ThemeVictimAssistance: "6.3"},
	"CCM":   {ThemeStockpileDestruction: "3", ThemeClearance: "4", ThemeVictimAssistance: "5"},
	// Protocol V sets no deadline: Art. 3 binds a party with explosive remnants of war
	// on territory it controls, which is what a row records.
	"CCW-PV": {ThemeClearance: "3"},
}

var (
	obligationThemes   = []string{ThemeClearance, ThemeStockpileDestruction, ThemeVictimAssistance}
	obligationStatuses = []string{ObligationOngoing, ObligationCompleted, ObligationOverdue}
)

// extensionCountRE matches the count that opens an extensions_granted text,
// "3: 12MSP 2012 -> 2023-03-01; …".
var extensionCountRE = regexp.MustCompile(`^([0-9]+):`)

// ReadObligations reads obligations.csv (columns state_name, iso3, instrument,
// article, theme, obligation_start, original_deadline, current_deadline,
// extensions_granted, status, status_date, completed_date, source_url, confidence,
// found by name; other columns are ignored). file names the input in rows and errors.
//
// Each data row becomes one rawtable.Obligation or one rawtable.Reject; a bad row never
// stops the others. The fields are taken as follows:
//
//   - StateID: state_name resolved with states, falling back to iso3, as in
//     [ReadParticipation]; an iso3 that contradicts the resolved name is rejected.
//   - InstrumentID: APMBC, CCM or CCW-PV; any other instrument is rejected.
//   - Theme: clearance, stockpile_destruction or victim_assistance (case is
//     ignored). Article must be the one the instrument gives that theme: APMBC 4
//     stockpile destruction, 5 clearance, 6.3 victim assistance; CCM 3, 4 and 5;
//     CCW-PV clearance only, Art. 3 (explosive remnants of war on the party's
//     territory; the Protocol sets no deadline, so current_deadline stays empty).
//   - StartDate, OriginalDeadline, Deadline, StatusDate, CompletedDate:
//     obligation_start, original_deadline, current_deadline, status_date and
//     completed_date, YYYY-MM-DD, nil when empty. A date that is not a possible
//     calendar date is rejected naming its field, as is a deadline before the start,
//     a current deadline before the original one, or a completion before the start.
//     status_date is not ordered against the others: a source may describe an
//     obligation before it starts.
//   - Extensions: extensions_granted as given, notes and "[memory…]" tags included.
//     ExtensionsGranted is the count N when the text starts "N:" ("3: 12MSP 2012 ->
//     …"), else nil: a bare "0", "0 (note)", "2 verified: …", "4+: …" and free text
//     give nil, with the text still in Extensions.
//   - Status: ongoing, completed or overdue (case is ignored); empty is rejected.
//   - SourceURL, Confidence, SourceFile, SourceLine: as given; the file and 1-based
//     line of the row.
//
// A row that repeats an earlier kept row's state, instrument, article, theme and
// obligation_start (both empty counts as equal) is rejected as "duplicate of line
// N"; so is an exact copy of any earlier row. Two rows for one state and article
// with different starts are both kept (Nigeria's APMBC Art. 5 obligation of 2002 and
// its renewed one of 2019).
//
// Rows are returned sorted by instrument, state, article (numerically, 5 before
// 6.3) and start (nil first); rejects in file order. A UTF-8 byte-order mark and CRLF
// line ends are accepted. The error is non-nil only for a file that cannot be read
// as a whole, as for [ReadParticipation].
func ReadObligations(r io.Reader, file string, states StateResolver) ([]rawtable.Obligation, []rawtable.Reject, error) {
	t, err := newTable(r, file, obligationColumns)
	if err != nil {
		return nil, nil, err
	}
	var rows []rawtable.Obligation
	var rejects []rawtable.Reject
	keys := map[string]int{} // obligation key → line of the row kept
	for {
		rw, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if rej := t.check(rw); rej != nil {
			rejects = append(rejects, *rej)
			continue
		}
		o, errs := parseObligation(t, rw, states)
		if len(errs) > 0 {
			rejects = append(rejects, *t.reject(rw, errs...))
			continue
		}
		key := strings.Join([]string{o.StateID, o.InstrumentID, o.Article, o.Theme, civil.Text(o.StartDate)}, "\x00")
		if first, ok := keys[key]; ok {
			rejects = append(rejects, *t.reject(rw, &fieldError{err: fmt.Errorf(
				"%w of line %d: same state, instrument, article, theme and obligation_start", ErrDuplicate, first)}))
			continue
		}
		keys[key] = rw.Line
		rows = append(rows, o)
	}
	slices.SortStableFunc(rows, func(a, b rawtable.Obligation) int {
		return cmp.Or(
			cmp.Compare(a.InstrumentID, b.InstrumentID),
			cmp.Compare(a.StateID, b.StateID),
			cmpArticle(a.Article, b.Article),
			civil.Compare(a.StartDate, b.StartDate),
			cmp.Compare(a.Theme, b.Theme),
		)
	})
	return rows, rejects, nil
}

func parseObligation(t *table, rw row, states StateResolver) (rawtable.Obligation, []*fieldError) {
	var errs []*fieldError
	add := func(e *fieldError) {
		if e != nil {
			errs = append(errs, e)
		}
	}
	o := rawtable.Obligation{
		Article:    t.get(rw, "article"),
		Extensions: t.get(rw, "extensions_granted"),
		SourceURL:  t.get(rw, "source_url"),
		Confidence: t.get(rw, "confidence"),
		SourceFile: t.file,
		SourceLine: int32(rw.Line),
	}
	if o.SourceURL == "" {
		add(errNoSource())
	}
	var ferr *fieldError
	o.StateID, ferr = resolveState(states, t.get(rw, "state_name"), t.get(rw, "iso3"))
	add(ferr)

	instr := t.get(rw, "instrument")
	if id, ok := treaty.ID(instr); ok && obligationArticles[id] != nil {
		o.InstrumentID = id
	} else {
		add(fieldErr("instrument", ErrUnknownInstrument, "%q: obligations are read for APMBC, CCM and CCW-PV only", instr))
	}

	theme := strings.ToLower(t.get(rw, "theme"))
	switch {
	case theme == "":
		add(fieldErr("theme", ErrMissingValue, "theme is empty"))
	case !slices.Contains(obligationThemes, theme):
		add(fieldErr("theme", ErrBadTheme, "%q is not clearance, stockpile_destruction or victim_assistance", theme))
	default:
		o.Theme = theme
	}
	switch want := obligationArticles[o.InstrumentID][o.Theme]; {
	case o.Article == "":
		add(fieldErr("article", ErrMissingValue, "article is empty"))
	case want == "" && o.InstrumentID != "" && o.Theme != "":
		add(fieldErr("article", ErrBadArticle, "%s sets no %s obligation", o.InstrumentID, o.Theme))
	case want != "" && o.Article != want:
		add(fieldErr("article", ErrBadArticle, "%s %s is article %s, not %q", o.InstrumentID, o.Theme, want, o.Article))
	}

	obligationDates(t, rw, &o, add)

	if m := extensionCountRE.FindStringSubmatch(o.Extensions); m != nil {
		if n, err := strconv.ParseInt(m[1], 10, 32); err == nil {
			n32 := int32(n)
			o.ExtensionsGranted = &n32
		}
	}

	switch status := strings.ToLower(t.get(rw, "status")); {
	case status == "":
		add(fieldErr("status", ErrMissingValue, "status is empty"))
	case !slices.Contains(obligationStatuses, status):
		add(fieldErr("status", ErrBadStatus, "%q is not ongoing, completed or overdue", status))
	default:
		o.Status = status
	}
	return o, errs
}

// obligationDates sets o's dates, passing to add each that is not a date and each
// pair in an impossible order.
func obligationDates(t *table, rw row, o *rawtable.Obligation, add func(*fieldError)) {
	o.StartDate = obligationDay(t, rw, "obligation_start", add)
	o.OriginalDeadline = obligationDay(t, rw, "original_deadline", add)
	o.Deadline = obligationDay(t, rw, "current_deadline", add)
	o.StatusDate = obligationDay(t, rw, "status_date", add)
	o.CompletedDate = obligationDay(t, rw, "completed_date", add)
	before := func(later, earlier *civil.Day) bool { return later != nil && earlier != nil && *later < *earlier }
	if before(o.OriginalDeadline, o.StartDate) {
		add(fieldErr("original_deadline", ErrDateOrder, "original deadline %s before obligation start %s", o.OriginalDeadline, o.StartDate))
	}
	switch {
	case before(o.Deadline, o.OriginalDeadline):
		add(fieldErr("current_deadline", ErrDateOrder, "current deadline %s before original deadline %s", o.Deadline, o.OriginalDeadline))
	case before(o.Deadline, o.StartDate):
		add(fieldErr("current_deadline", ErrDateOrder, "current deadline %s before obligation start %s", o.Deadline, o.StartDate))
	}
	if before(o.CompletedDate, o.StartDate) {
		add(fieldErr("completed_date", ErrDateOrder, "completed %s before obligation start %s", o.CompletedDate, o.StartDate))
	}
}

// obligationDay parses field of rw as YYYY-MM-DD: nil when empty, and nil with an
// error passed to add when it is not a possible calendar date.
func obligationDay(t *table, rw row, field string, add func(*fieldError)) *civil.Day {
	s := t.get(rw, field)
	if s == "" {
		return nil
	}
	d, err := civil.ParseDay(s)
	if err != nil || len(s) != len("2006-01-02") {
		add(fieldErr(field, ErrBadDate, "%q is not a date YYYY-MM-DD", s))
		return nil
	}
	return &d
}

// cmpArticle orders article numbers by their dot-separated parts, numerically where
// both parts are numbers ("5" < "6.3" < "10"), else as text.
func cmpArticle(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := range min(len(as), len(bs)) {
		x, errx := strconv.Atoi(as[i])
		y, erry := strconv.Atoi(bs[i])
		c := cmp.Compare(as[i], bs[i])
		if errx == nil && erry == nil {
			c = cmp.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(len(as), len(bs)), cmp.Compare(a, b))
}
