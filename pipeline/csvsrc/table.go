package csvsrc

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"synergy/pipeline/record"
)

// table reads a CSV file with a named header, yielding each data row with its line
// number and raw text.
type table struct {
	file string
	data []byte
	cr   *csv.Reader
	col  map[string]int // column name → index
	n    int            // number of header columns
	seen map[string]int // exact row text → first line
}

// row is one data record of a table.
type row struct {
	line   int
	raw    string
	fields []string
}

var bom = []byte("\ufeff")

// newTable reads all of r, checks the header for the wanted columns and returns the
// table positioned at the first data row.
func newTable(r io.Reader, file string, want []string) (*table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("csvsrc: read %s: %w", file, err)
	}
	data = bytes.TrimPrefix(data, bom)
	t := &table{file: file, data: data, col: map[string]int{}, seen: map[string]int{}}
	t.cr = csv.NewReader(bytes.NewReader(data))
	t.cr.FieldsPerRecord = -1
	header, err := t.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &ParseError{File: file, Err: ErrNoHeader}
	}
	if err != nil {
		return nil, t.csvErr(err)
	}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := t.col[h]; dup {
			return nil, &ParseError{File: file, Line: 1, Field: h, Err: ErrDuplicateColumn}
		}
		t.col[h] = i
	}
	for _, w := range want {
		if _, ok := t.col[w]; !ok {
			return nil, &ParseError{File: file, Line: 1, Field: w, Err: ErrMissingColumn}
		}
	}
	t.n = len(header)
	return t, nil
}

// csvErr converts an encoding/csv error into a *ParseError.
func (t *table) csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: t.file, Line: pe.Line, Column: pe.Column, Err: fmt.Errorf("%w: %w", ErrMalformedCSV, pe.Err)}
	}
	return &ParseError{File: t.file, Err: fmt.Errorf("%w: %w", ErrMalformedCSV, err)}
}

// next returns the next data row, io.EOF after the last, or a *ParseError.
func (t *table) next() (row, error) {
	start := t.cr.InputOffset()
	fields, err := t.cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return row{}, io.EOF
		}
		return row{}, t.csvErr(err)
	}
	line, _ := t.cr.FieldPos(0)
	raw := strings.TrimLeft(string(t.data[start:t.cr.InputOffset()]), "\r\n")
	raw = strings.TrimRight(raw, "\r\n")
	return row{line: line, raw: raw, fields: fields}, nil
}

// check returns the reject for a row that is structurally bad or repeats an earlier
// row exactly, or nil. A row it rejects is never seen by the caller's validation.
func (t *table) check(r row) *record.Reject {
	if !utf8.ValidString(r.raw) {
		return t.reject(r, &fieldError{err: ErrNotUTF8})
	}
	if len(r.fields) != t.n {
		return t.reject(r, fieldErr("", ErrFieldCount, "%d fields, header has %d", len(r.fields), t.n))
	}
	key := strings.Join(r.fields, "\x00")
	if first, ok := t.seen[key]; ok {
		return t.reject(r, &fieldError{err: fmt.Errorf("%w of line %d", ErrDuplicate, first)})
	}
	t.seen[key] = r.line
	return nil
}

// get returns the trimmed value of column name in r.
func (t *table) get(r row, name string) string {
	return strings.TrimSpace(r.fields[t.col[name]])
}

// reject builds the Reject for r from one or more field errors; the first names the
// field, and the reason lists them all.
func (t *table) reject(r row, errs ...*fieldError) *record.Reject {
	reason := errs[0].Error()
	for _, e := range errs[1:] {
		reason += "; also " + e.field + ": " + e.Error()
	}
	return &record.Reject{
		SourceFile: t.file,
		Line:       int32(r.line),
		Field:      errs[0].field,
		Reason:     reason,
		Raw:        strings.ToValidUTF8(r.raw, "\uFFFD"),
	}
}
