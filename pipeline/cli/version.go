package cli

import (
	"fmt"
	"os"

	"synergy/pipeline/warehouse"
)

func versionCmd(e env, args []string) int {
	fs := newFlags(e, "version", "", "Prints synergy's version and the embedded DuckDB's.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	tmp, err := os.MkdirTemp("", "synergy-version-")
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy version:", err)
		return ExitFailure
	}
	defer os.RemoveAll(tmp)
	db, err := warehouse.Open(e.ctx, warehouse.Options{TempDir: tmp})
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy version:", err)
		return ExitFailure
	}
	defer db.Close()
	v, err := db.Version(e.ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy version:", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "synergy %s\nduckdb %s\n", Version(), v)
	return ExitOK
}
