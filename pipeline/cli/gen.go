package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"synergy/pipeline/gen"
)

func genCmd(e env, args []string) int {
	fs := newFlags(e, "gen", "", "Writes a synthetic datasets folder of the real data's shape and formats into --out,\nfor benchmarks: `synergy run --datasets OUT` ingests it. Instruments, states and\nthemes are copied from --from; meetings, agendas and membership are generated\n(see pipeline/gen). The same --from, --scale and --seed give the same bytes.")
	scale := fs.Float64("scale", 1, "size relative to the real data: 1 ≈ 130 meetings, 1000 ≈ 130,000 meetings and 1.4 million agenda items")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "folder to write (must not exist or be empty)")
	from := fs.String("from", "datasets", "the real datasets folder whose catalogues and distributions are used")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 || *out == "" {
		fmt.Fprintln(e.stderr, "synergy gen: --out DIR is required and there are no arguments")
		return ExitUsage
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(e.stderr, "synergy gen: %s is not empty\n", *out)
		return ExitUsage
	}
	st, err := gen.Generate(os.DirFS(*from), dirSink(*out), gen.Options{Scale: *scale, Seed: *seed})
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy gen:", err)
		return ExitFailure
	}
	b, _ := json.Marshal(st)
	fmt.Fprintf(e.stdout, "%s\n", b)
	return ExitOK
}

// dirSink creates the generated files under a folder, making subfolders as needed.
type dirSink string

func (d dirSink) Create(name string) (io.WriteCloser, error) {
	p := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}
