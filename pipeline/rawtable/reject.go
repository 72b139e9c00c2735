package rawtable

import "math"

// RowError is a reader's error about one place in one input: the *ParseError of
// packages agenda, ics and untc. A reader keeps such errors for the rows it refused
// and goes on; [RejectOf] turns each into a row of table rejects.
type RowError interface {
	error
	// Place returns the input's name as given to the reader, the 1-based line (0 for
	// the input as a whole), the field concerned ("" for the whole row) and the raw
	// text of the row ("" when the reader keeps none).
	Place() (file string, line int, field, raw string)
	// Unwrap returns the reason, without the place.
	Unwrap() error
}

// RejectOf returns e as a row of table rejects: its place, and the text of its
// reason as Reason. A line beyond the int32 column saturates rather than wraps.
func RejectOf(e RowError) Reject {
	file, line, field, raw := e.Place()
	return Reject{SourceFile: file, Line: line32(line), Field: field, Reason: e.Unwrap().Error(), Raw: raw}
}

// RejectsOf returns one reject per error, in order (an empty slice for none).
func RejectsOf[E RowError](errs []E) []Reject {
	out := make([]Reject, len(errs))
	for i, e := range errs {
		out[i] = RejectOf(e)
	}
	return out
}

func line32(n int) int32 {
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int32(n)
}
