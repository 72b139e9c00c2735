package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"synergy/pipeline/atomicfile"
	"synergy/pipeline/notebook"
	"synergy/pipeline/tabular"
	"synergy/pipeline/warehouse"
)

const notebookUsage = `Usage: synergy notebook run [flags] [NOTEBOOK or DIR ...]

Subcommands:
  run   execute the %%sql cells of notebooks against the current snapshot

Run 'synergy notebook run -h' for its flags.
`

// notebookCmd is `synergy notebook <subcommand>`; run is the only one.
func notebookCmd(e env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		io.WriteString(e.stderr, notebookUsage)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	if args[0] != "run" {
		fmt.Fprintf(e.stderr, "synergy notebook: unknown subcommand %q\n\n%s", args[0], notebookUsage)
		return ExitUsage
	}
	return notebookRunCmd(e, args[1:])
}

func notebookRunCmd(e env, args []string) int {
	fs := newFlags(e, "notebook run", "[NOTEBOOK or DIR ...]",
		"Executes every %%sql cell of each notebook (default: notebooks/*.ipynb; a folder means its *.ipynb)\n"+
			"against the current snapshot under --out, as papermill would with a kernel, and writes the\n"+
			"executed copies to --output-dir (or over the inputs with --in-place). Other code cells are\n"+
			"skipped and marked so. Each notebook runs in a fresh in-memory DuckDB where every published\n"+
			"table is a view by name. A failing cell gets an error output and ends its notebook's run;\n"+
			"the exit code is then 1, after every notebook was tried.")
	out := outFlag(fs)
	outputDir := fs.String("output-dir", "", "folder for the executed notebooks (default --out/notebooks)")
	inPlace := fs.Bool("in-place", false, "write the executed notebooks over their inputs")
	maxRows := fs.Int("max-rows", notebook.DefaultMaxRows, "rows shown per result (the rest is counted); -1 shows all")
	keepGoing := fs.Bool("keep-going", false, "execute the cells after a failing one too (like nbconvert --allow-errors)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *inPlace && *outputDir != "" {
		fmt.Fprintln(e.stderr, "synergy notebook run: --in-place and --output-dir exclude each other")
		return ExitUsage
	}
	if *maxRows == 0 {
		fmt.Fprintln(e.stderr, "synergy notebook run: --max-rows must be positive, or -1 for all")
		return ExitUsage
	}
	if *outputDir == "" {
		*outputDir = filepath.Join(*out, "notebooks")
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"notebooks"}
	}
	paths, err := notebookPaths(inputs)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy notebook run:", err)
		return ExitUsage
	}
	targets, err := notebookTargets(paths, *outputDir, *inPlace)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy notebook run:", err)
		return ExitUsage
	}

	if !*inPlace {
		if err := os.MkdirAll(*outputDir, 0o755); err != nil {
			fmt.Fprintln(e.stderr, "synergy notebook run:", err)
			return ExitFailure
		}
	}
	opts := notebook.Options{MaxRows: *maxRows, KeepGoing: *keepGoing, Describe: notebookErrorName}
	snapshots := map[string]bool{}
	failed := 0
	for i, p := range paths {
		target := targets[i]
		rep, snapshot, err := runNotebookFile(e, *out, p, target, opts)
		if errors.Is(err, errNoSnapshot) {
			fmt.Fprintln(e.stderr, "synergy notebook run:", err)
			return ExitFailure
		}
		if snapshot != "" {
			snapshots[snapshot] = true
		}
		if err != nil {
			failed++
			reportNotebookFailure(e.stderr, p, rep, err)
		}
		if rep != nil {
			fmt.Fprintf(e.stdout, "%s: %d %%%%sql cells run, %d failed, %d not run, %d other code cells skipped -> %s\n",
				p, rep.Executed, len(rep.Failed), rep.Unrun, len(rep.Skipped), target)
		}
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "synergy notebook run: %d of %d notebooks failed (snapshot %s)\n", failed, len(paths), joinKeys(snapshots))
		return ExitFailure
	}
	return ExitOK
}

// notebookTargets is where each notebook is written: over itself with inPlace,
// else under outputDir by its base name; two notebooks may not share a target.
func notebookTargets(paths []string, outputDir string, inPlace bool) ([]string, error) {
	targets := make([]string, len(paths))
	from := map[string]string{}
	for i, p := range paths {
		target := p
		if !inPlace {
			target = filepath.Join(outputDir, filepath.Base(p))
		}
		if other, dup := from[target]; dup {
			return nil, fmt.Errorf("%s and %s would both be written to %s", other, p, target)
		}
		from[target], targets[i] = p, target
	}
	return targets, nil
}

// reportNotebookFailure prints why notebook p failed: each failing cell's error,
// continuation lines indented, or the error itself when no cell ran.
func reportNotebookFailure(w io.Writer, p string, rep *notebook.Report, err error) {
	if rep == nil || len(rep.Failed) == 0 {
		fmt.Fprintf(w, "synergy notebook run: %s: %v\n", p, err)
		return
	}
	for _, ce := range rep.Failed {
		lines := strings.Split(strings.TrimSpace(ce.Error()), "\n")
		for j := 1; j < len(lines); j++ {
			if lines[j] != "" {
				lines[j] = "    " + lines[j]
			}
		}
		fmt.Fprintf(w, "synergy notebook run: %s: %s\n", p, strings.Join(lines, "\n"))
	}
}

// errNoSnapshot wraps a failure to open the snapshot, which ends the command.
var errNoSnapshot = errors.New("open snapshot")

// runNotebookFile executes one notebook in a fresh in-memory database on the
// current snapshot under out (openSnapshot, as querySnapshot registers it) and
// writes it to target, also when a cell failed, as papermill writes the failing
// notebook. It returns the snapshot id used; the report is nil when the notebook
// could not be read or executed at all.
func runNotebookFile(e env, out, path, target string, opts notebook.Options) (*notebook.Report, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	nb, err := notebook.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, "", err
	}
	if err := nb.Validate(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(e.stderr, "synergy notebook run: warning: %s: %s\n", path, line)
		}
	}
	snap, err := openSnapshot(e, out)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %w", errNoSnapshot, err)
	}
	defer snap.Close()
	opts.Snapshot = snap.Manifest.Snapshot
	q := notebook.QueryFunc(func(ctx context.Context, sql string) (*tabular.Result, error) { return snap.db.Query(ctx, sql) })
	rep, runErr := notebook.Execute(e.ctx, nb, q, opts)
	var buf bytes.Buffer
	if err := nb.Encode(&buf); err != nil {
		return rep, opts.Snapshot, err
	}
	if err := atomicfile.Write(target, buf.Bytes()); err != nil {
		return rep, opts.Snapshot, err
	}
	return rep, opts.Snapshot, runErr
}

func joinKeys(m map[string]bool) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// notebookPaths expands folders to their *.ipynb (sorted) and checks that the
// files exist.
func notebookPaths(args []string) ([]string, error) {
	var paths []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			paths = append(paths, a)
			continue
		}
		found, err := filepath.Glob(filepath.Join(a, "*.ipynb"))
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no *.ipynb in %s", a)
		}
		sort.Strings(found)
		paths = append(paths, found...)
	}
	return paths, nil
}

// notebookErrorNames names the warehouse's error classes as an error output's ename.
var notebookErrorNames = []struct {
	kind error
	name string
}{
	{warehouse.ErrCatalog, "CatalogError"},
	{warehouse.ErrBinder, "BinderError"},
	{warehouse.ErrParser, "ParserError"},
	{warehouse.ErrConstraint, "ConstraintError"},
	{warehouse.ErrConversion, "ConversionError"},
	{warehouse.ErrIO, "IOError"},
	{warehouse.ErrExtensionDownload, "ExtensionError"},
	{warehouse.ErrNetwork, "NetworkError"},
	{warehouse.ErrInterrupted, "InterruptError"},
	{warehouse.ErrOutOfMemory, "OutOfMemoryError"},
	{warehouse.ErrClosed, "ClosedError"},
}

// notebookErrorName gives a cell's error output its ename (the DuckDB error
// class) and evalue (DuckDB's message, without the warehouse prefix).
func notebookErrorName(err error) (string, string) {
	evalue := err.Error()
	var we *warehouse.Error
	if errors.As(err, &we) {
		evalue = strings.TrimSpace(we.Err.Error())
	}
	for _, k := range notebookErrorNames {
		if errors.Is(err, k.kind) {
			return k.name, evalue
		}
	}
	return "DuckDBError", evalue
}
