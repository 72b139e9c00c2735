package snapshot

import "errors"

// Errors of the snapshot contract; match them with errors.Is and errors.As.
var (
	// ErrNoSnapshot: the output root has no published snapshot yet.
	ErrNoSnapshot = errors.New("publish: no published snapshot")
	// ErrUnknownSnapshot: no snapshot of that id under snapshots/.
	ErrUnknownSnapshot = errors.New("no such snapshot")
	// ErrVerify: a published snapshot's files differ from its manifest
	// ([Snapshot.Verify]): changed, missing or added after publishing.
	ErrVerify = errors.New("snapshot fails verification")
	// ErrFinished: Commit or Abort was already called on this staging folder.
	ErrFinished = errors.New("publish: staging already committed or aborted")
)

// ManifestError is a manifest.json that could not be decoded.
type ManifestError struct {
	Path string // the file
	Err  error
}

func (e *ManifestError) Error() string {
	return "read snapshot manifest " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns the decoding error.
func (e *ManifestError) Unwrap() error { return e.Err }
