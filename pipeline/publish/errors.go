package publish

import "errors"

// Errors of the publish step; match them with errors.Is.
var (
	// ErrNoSnapshot: the output root has no published snapshot yet.
	ErrNoSnapshot = errors.New("publish: no published snapshot")
	// ErrFinished: Commit or Abort was already called on this staging folder.
	ErrFinished = errors.New("publish: staging already committed or aborted")
)
