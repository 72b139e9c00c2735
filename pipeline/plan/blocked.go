package plan

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"synergy/pipeline/civil"
)

// ReadBlocked reads a file of blocked days (holidays) for Problem.Blocked: a CSV
// whose header has a `date` column (ISO dates; other columns, such as name and
// source_url, are kept for people and ignored here). Errors are *DraftError with
// the file, line and field; a day listed twice is accepted once.
func ReadBlocked(r io.Reader, file string) (map[civil.Day]bool, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &DraftError{File: file, Line: 1, Field: "date", Err: ErrEmpty}
	}
	if err != nil {
		return nil, &DraftError{File: file, Line: 1, Err: ErrSyntax}
	}
	col := -1
	for i, h := range header {
		if strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) == "date" {
			col = i
		}
	}
	if col < 0 {
		return nil, &DraftError{File: file, Line: 1, Field: "date", Raw: strings.Join(header, ","), Err: ErrMissing}
	}
	out := map[civil.Day]bool{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, &DraftError{File: file, Line: line, Err: ErrSyntax}
		}
		if col >= len(rec) || strings.TrimSpace(rec[col]) == "" {
			return nil, &DraftError{File: file, Line: line, Field: "date", Err: ErrMissing}
		}
		d, err := civil.ParseDay(strings.TrimSpace(rec[col]))
		if err != nil {
			return nil, &DraftError{File: file, Line: line, Field: "date", Raw: rec[col], Err: ErrDate}
		}
		out[d] = true
	}
}
