// Package csvtable reads a CSV file whose first line names its columns, so that
// readers find their columns by name. It is the one header-mapped CSV helper of
// synergy's readers (csvsrc, treaty, states, themes): each keeps its own rules for
// which columns it needs and what a bad row is, and its own errors; this package
// only tokenises.
//
// A UTF-8 byte-order mark before the header is dropped. Records may have any number
// of fields; [Table.Width] says how many the header has. Errors of [encoding/csv]
// are returned as they are (a *csv.ParseError), for the caller to place in its own.
package csvtable

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// Table reads the records of a CSV file after its header line.
type Table struct {
	cr         *csv.Reader
	header     []string       // as read, the byte-order mark dropped
	names      []string       // header names, space trimmed
	col        map[string]int // trimmed name → index of its first column
	dup        string         // the first name the header gives twice
	headerLine int
}

// Row is one record after the header.
type Row struct {
	Line   int      // 1-based line where the record starts
	Fields []string // as read, not trimmed
	// Start and End are the record's byte offsets in the input after the byte-order
	// mark: its text, line ends included, is input[Start:End].
	Start, End int64
	col        map[string]int
}

var bom = []byte("\ufeff")

// New reads the header line of r. The error is io.EOF when r holds not even a
// header line, or the csv package's error.
func New(r io.Reader) (*Table, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(bom)); err == nil && bytes.Equal(b, bom) {
		br.Discard(len(bom))
	}
	t := &Table{cr: csv.NewReader(br), col: map[string]int{}}
	t.cr.FieldsPerRecord = -1
	header, err := t.cr.Read()
	if err != nil {
		return nil, err
	}
	t.header = header
	t.headerLine, _ = t.cr.FieldPos(0)
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, seen := t.col[h]; seen {
			if t.dup == "" {
				t.dup = h
			}
		} else {
			t.col[h] = i
		}
		t.names = append(t.names, h)
	}
	return t, nil
}

// Header returns the header's fields as read; the slice is the table's.
func (t *Table) Header() []string { return t.header }

// HeaderLine returns the 1-based line of the header (blank lines before it are
// skipped).
func (t *Table) HeaderLine() int { return t.headerLine }

// Names returns the column names, space trimmed, by index; the slice is the table's.
func (t *Table) Names() []string { return t.names }

// Width returns the number of columns of the header.
func (t *Table) Width() int { return len(t.header) }

// Has reports whether the header names column name (space trimmed).
func (t *Table) Has(name string) bool {
	_, ok := t.col[name]
	return ok
}

// Missing returns the first of names the header lacks; ok is false when it has all.
func (t *Table) Missing(names []string) (name string, ok bool) {
	for _, n := range names {
		if !t.Has(n) {
			return n, true
		}
	}
	return "", false
}

// Duplicate returns the first column name the header gives twice; ok is false when
// every name is given once. Lookups by name use the first column of the name.
func (t *Table) Duplicate() (name string, ok bool) { return t.dup, t.dup != "" }

// Next returns the next record; the error is io.EOF after the last one, or the csv
// package's error.
func (t *Table) Next() (Row, error) {
	start := t.cr.InputOffset()
	fields, err := t.cr.Read()
	if err != nil {
		return Row{}, err
	}
	line, _ := t.cr.FieldPos(0)
	return Row{Line: line, Fields: fields, Start: start, End: t.cr.InputOffset(), col: t.col}, nil
}

// Column returns the 1-based byte column at which field i of the record last
// returned by Next starts, on that field's line.
func (t *Table) Column(i int) int {
	_, col := t.cr.FieldPos(i)
	return col
}

// Get returns the space-trimmed value of column name; "" when the header has no
// such column or the record is too short to reach it.
func (r Row) Get(name string) string {
	i, ok := r.col[name]
	if !ok || i >= len(r.Fields) {
		return ""
	}
	return strings.TrimSpace(r.Fields[i])
}
