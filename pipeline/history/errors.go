package history

import "errors"

// Errors of [Observe]; match them with errors.Is.
var (
	// ErrDuplicateKey: two current records of one entity share a key, so the run
	// cannot say which one the key's version is.
	ErrDuplicateKey = errors.New("history: duplicate record key")
	// ErrRunOrder: the run is not later than every run already in the history
	// (its ID does not sort after theirs, or its as-of day is earlier).
	ErrRunOrder = errors.New("history: run is not after the runs in the history")
	// ErrCorrupt: the history read back has two open versions of one key.
	ErrCorrupt = errors.New("history: inconsistent observation history")
)
