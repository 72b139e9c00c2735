package changes

import "errors"

// Errors of the package; match them with errors.Is.
var (
	// ErrNoDigest: the snapshot has no changes digest (made before digests existed).
	ErrNoDigest = errors.New("snapshot has no changes digest")
	// ErrBadDigest: a changes.json that does not decode.
	ErrBadDigest = errors.New("changes digest does not decode")
)
