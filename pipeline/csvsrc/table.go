package csvsrc

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"synergy/pipeline/csvtable"
	"synergy/pipeline/rawtable"
)

// table reads a CSV file with a named header, yielding each data row with its line
// number and raw text.
type table struct {
	file string
	data []byte
	tab  *csvtable.Table
	seen map[string]int // exact row text → first line
}

// row is one data record of a table.
type row struct {
	csvtable.Row
	raw string
}

var bom = []byte("\ufeff")

// UTF-16 byte-order marks, as spreadsheet programs' "Unicode text" export writes them.
var (
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// MaxFieldBytes is the longest field a reader accepts, in bytes. The longest field of
// the shipped data is under 1 KiB (a source_url list); a longer one is a broken export
// (a quote that swallowed the rest of a file, a pasted document), and its row is
// rejected with [ErrFieldTooLong].
const MaxFieldBytes = 64 << 10

// maxRawBytes bounds the raw text a Reject keeps of its row.
const maxRawBytes = 4 << 10

// newTable reads all of r, checks the header for the wanted columns and returns the
// table positioned at the first data row.
func newTable(r io.Reader, file string, want []string) (*table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("csvsrc: read %s: %w", file, err)
	}
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return nil, &ParseError{File: file, Line: 1, Err: fmt.Errorf("%w: the file is UTF-16 (byte-order mark % X); save it as UTF-8", ErrNotUTF8, data[:2])}
	}
	// The row offsets of csvtable count from after the byte-order mark it drops.
	t := &table{file: file, data: bytes.TrimPrefix(data, bom), seen: map[string]int{}}
	t.tab, err = csvtable.New(bytes.NewReader(data))
	if errors.Is(err, io.EOF) {
		return nil, &ParseError{File: file, Err: ErrNoHeader}
	}
	if err != nil {
		return nil, t.csvErr(err)
	}
	if h, dup := t.tab.Duplicate(); dup {
		return nil, &ParseError{File: file, Line: 1, Field: h, Err: ErrDuplicateColumn}
	}
	if w, missing := t.tab.Missing(want); missing {
		return nil, &ParseError{File: file, Line: 1, Field: w, Err: ErrMissingColumn}
	}
	return t, nil
}

// csvErr converts an encoding/csv error into a *ParseError.
func (t *table) csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine > 0 && pe.StartLine != pe.Line {
			// A quoted field ran over line ends until encoding/csv gave up: name the
			// line where the record, and so its quote, starts, not where parsing stopped.
			return &ParseError{File: t.file, Line: pe.StartLine, Err: fmt.Errorf("%w: %w at line %d, column %d (in the record starting on line %d)",
				ErrMalformedCSV, pe.Err, pe.Line, pe.Column, pe.StartLine)}
		}
		return &ParseError{File: t.file, Line: pe.Line, Column: pe.Column, Err: fmt.Errorf("%w: %w", ErrMalformedCSV, pe.Err)}
	}
	return &ParseError{File: t.file, Err: fmt.Errorf("%w: %w", ErrMalformedCSV, err)}
}

// next returns the next data row, io.EOF after the last, or a *ParseError.
func (t *table) next() (row, error) {
	r, err := t.tab.Next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return row{}, io.EOF
		}
		return row{}, t.csvErr(err)
	}
	raw := strings.TrimLeft(string(t.data[r.Start:r.End]), "\r\n")
	raw = strings.TrimRight(raw, "\r\n")
	return row{Row: r, raw: raw}, nil
}

// check returns the reject for a row that is structurally bad or repeats an earlier
// row exactly, or nil. A row it rejects is never seen by the caller's validation.
func (t *table) check(r row) *rawtable.Reject {
	if len(r.Fields) != t.tab.Width() {
		return t.reject(r, fieldErr("", ErrFieldCount, "%d fields, header has %d", len(r.Fields), t.tab.Width()))
	}
	names := t.tab.Names()
	for i, f := range r.Fields {
		if !utf8.ValidString(f) {
			return t.reject(r, &fieldError{field: names[i], err: ErrNotUTF8})
		}
		if len(f) > MaxFieldBytes {
			return t.reject(r, fieldErr(names[i], ErrFieldTooLong, "%d bytes, the limit is %d", len(f), MaxFieldBytes))
		}
	}
	key := strings.Join(r.Fields, "\x00")
	if first, ok := t.seen[key]; ok {
		return t.reject(r, &fieldError{err: fmt.Errorf("%w of line %d", ErrDuplicate, first)})
	}
	t.seen[key] = r.Line
	return nil
}

// get returns the trimmed value of column name in r.
func (t *table) get(r row, name string) string {
	return r.Get(name)
}

// reject builds the Reject for r from one or more field errors; the first names the
// field, and the reason lists them all.
func (t *table) reject(r row, errs ...*fieldError) *rawtable.Reject {
	reason := errs[0].Error()
	for _, e := range errs[1:] {
		reason += "; also " + e.field + ": " + e.Error()
	}
	return &rawtable.Reject{
		SourceFile: t.file,
		Line:       int32(r.Line),
		Field:      errs[0].field,
		Reason:     reason,
		Raw:        clip(strings.ToValidUTF8(r.raw, "\uFFFD"), maxRawBytes),
	}
}

// clip returns s cut to at most max bytes at a rune boundary, with "…" appended when
// it was cut.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
