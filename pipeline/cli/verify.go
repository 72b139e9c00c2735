package cli

import (
	"errors"
	"fmt"

	"synergy/pipeline/snapshot"
)

func verifyCmd(e env, args []string) int {
	fs := newFlags(e, "verify", "[SNAPSHOT]", "Recomputes the sha256 of every file of a published snapshot (the current one, or\nsnapshots/SNAPSHOT under --out) and compares it with the manifest; checks views.sql and\nthat the folder holds nothing else. Exits 0 when every file matches, 1 otherwise.")
	out := outFlag(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(e.stderr, "synergy verify: one snapshot at most, got %q\n", fs.Args())
		return ExitUsage
	}
	snap, err := snapshot.Open(*out, fs.Arg(0))
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy verify:", err)
		return ExitFailure
	}
	err = snap.Verify()
	var ve *snapshot.VerifyError
	switch {
	case errors.As(err, &ve):
		fmt.Fprintf(e.stdout, "synergy verify: snapshot %s (%s) differs from its manifest:\n", snap.Manifest.Snapshot, snap.Dir)
		for _, p := range ve.Problems {
			fmt.Fprintf(e.stdout, "  %s\n", p)
		}
		return ExitFailure
	case err != nil:
		fmt.Fprintln(e.stderr, "synergy verify:", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "synergy verify: snapshot %s (%s): %d tables, every sha256 matches the manifest\n",
		snap.Manifest.Snapshot, snap.Dir, len(snap.Manifest.Tables))
	return ExitOK
}
