package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/chzyer/readline"

	"synergy/pipeline/snapshot"
)

const (
	sqlPrompt     = "synergy> "
	sqlMorePrompt = "    ...> "
	sqlHelp       = `Statements end with ';' at the end of a line; lines before it are joined.
Every published table is a view by name. Commands (at the start of a line):
  .tables        the tables and views, with their layer and rows
  .schema NAME   the columns of a table or view, with their types
  .help          this text
  .quit          leave (also .exit, or Ctrl-D)
`
)

func sqlCmd(e env, args []string) int {
	fs := newFlags(e, "sql", "", "Opens a DuckDB prompt on the current snapshot under --out, with every published table\n"+
		"available by name, line editing and history (kept in "+historyHint()+").\n"+
		"Statements end with ';' at the end of a line; .help lists the dot commands.\n"+
		"When standard input is not a terminal, statements are read from it without a prompt\n"+
		"and the exit code is 1 if any of them failed.")
	out := outFlag(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy sql: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	snap, err := openSnapshot(e, *out)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy sql:", err)
		return ExitFailure
	}
	defer snap.Close()

	s := &sqlSession{e: e, snap: snap}
	if f, ok := e.stdin.(*os.File); ok && readline.IsTerminal(int(f.Fd())) {
		src, err := newPromptLines(e, &readline.Config{})
		if err != nil {
			fmt.Fprintln(e.stderr, "synergy sql:", err)
			return ExitFailure
		}
		defer src.close()
		// An interrupt or SIGTERM that cancels ctx (main's signal handling) also ends
		// a prompt waiting for input; Ctrl-C typed at the prompt only drops the line.
		stop := context.AfterFunc(e.ctx, func() { src.close() })
		defer stop()
		fmt.Fprintf(e.stdout, "synergy sql: snapshot %s, %d tables. .help for help, .quit to leave.\n",
			snap.Manifest.Snapshot, len(snap.Manifest.Tables))
		s.run(src)
		if e.ctx.Err() != nil {
			return ExitFailure
		}
		return ExitOK
	}
	if s.run(&plainLines{sc: newLineScanner(e.stdin)}) > 0 {
		return ExitFailure
	}
	return ExitOK
}

// historyHint names the history file for the help text.
func historyHint() string {
	if p, err := historyPath(); err == nil {
		return p
	}
	return "the user cache folder"
}

// historyPath is <user cache dir>/synergy/sql_history.
func historyPath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "synergy", "sql_history"), nil
}

// lineSource gives the session its input one line at a time.
type lineSource interface {
	// next returns the next line without its end, io.EOF at the end of input, or
	// readline.ErrInterrupt when the user pressed Ctrl-C.
	next(prompt string) (string, error)
	// remember adds a complete statement or command to the history, if any.
	remember(entry string)
}

// plainLines reads lines from a non-terminal input, without prompts or history.
type plainLines struct{ sc *bufio.Scanner }

func newLineScanner(r io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	return sc
}

func (p *plainLines) next(string) (string, error) {
	if p.sc.Scan() {
		return strings.TrimSuffix(p.sc.Text(), "\r"), nil
	}
	if err := p.sc.Err(); err != nil {
		return "", err
	}
	return "", io.EOF
}

func (p *plainLines) remember(string) {}

// promptLines reads lines with readline: editing, and history saved per statement.
type promptLines struct {
	rl   *readline.Instance
	once sync.Once
}

// newPromptLines makes a readline prompt on e's output from cfg (tests set its
// terminal hooks). The history file is created under the user cache folder; when
// that fails, the prompt works without history and says so on stderr.
func newPromptLines(e env, cfg *readline.Config) (*promptLines, error) {
	cfg.Prompt = sqlPrompt
	cfg.Stdout, cfg.Stderr = e.stdout, e.stderr
	cfg.DisableAutoSaveHistory = true // a multi-line statement is saved once, whole
	cfg.HistorySearchFold = true
	if path, err := historyPath(); err != nil {
		fmt.Fprintln(e.stderr, "synergy sql: no history:", err)
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		fmt.Fprintln(e.stderr, "synergy sql: no history:", err)
	} else {
		cfg.HistoryFile = path
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return nil, err
	}
	return &promptLines{rl: rl}, nil
}

func (p *promptLines) next(prompt string) (string, error) {
	p.rl.SetPrompt(prompt)
	return p.rl.Readline()
}

func (p *promptLines) remember(entry string) { p.rl.SaveHistory(entry) }

// close restores the terminal and closes the history file; it may be called more
// than once, from any goroutine.
func (p *promptLines) close() {
	p.once.Do(func() { p.rl.Close() })
}

// sqlSession runs statements and dot commands against an open snapshot.
type sqlSession struct {
	e    env
	snap *snapshotDB
}

// run reads src to its end (or .quit) and returns how many statements or commands
// failed; failures are reported on stderr and the session goes on. A statement is
// the lines up to one whose last non-blank character is ';'; at the end of input,
// pending lines are run as a statement too. Dot commands and "--" comment lines are
// recognised only between statements.
func (s *sqlSession) run(src lineSource) (failed int) {
	var pending []string
	for s.e.ctx.Err() == nil {
		prompt := sqlPrompt
		if len(pending) > 0 {
			prompt = sqlMorePrompt
		}
		line, err := src.next(prompt)
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			pending = nil // Ctrl-C drops the statement being typed
			continue
		case errors.Is(err, io.EOF):
			if len(pending) > 0 && !s.exec(src, pending) {
				failed++
			}
			return failed
		case err != nil:
			fmt.Fprintln(s.e.stderr, "synergy sql: read input:", err)
			return failed + 1
		}
		trimmed := strings.TrimSpace(line)
		if len(pending) == 0 {
			switch {
			case trimmed == "" || strings.HasPrefix(trimmed, "--"):
				continue
			case strings.HasPrefix(trimmed, "."):
				src.remember(trimmed)
				quit, ok := s.dot(trimmed)
				if !ok {
					failed++
				}
				if quit {
					return failed
				}
				continue
			}
		}
		pending = append(pending, line)
		if strings.HasSuffix(trimmed, ";") {
			if !s.exec(src, pending) {
				failed++
			}
			pending = nil
		}
	}
	fmt.Fprintln(s.e.stderr, "synergy sql:", s.e.ctx.Err())
	return failed + 1
}

// exec runs one statement and prints its result; false when it failed.
func (s *sqlSession) exec(src lineSource, lines []string) bool {
	stmt := strings.Join(lines, "\n")
	src.remember(strings.Join(strings.Fields(stmt), " "))
	res, err := s.snap.db.Query(s.e.ctx, stmt)
	if err != nil {
		fmt.Fprintln(s.e.stderr, "Error:", err)
		return false
	}
	return s.print(table{columns: res.Columns, rows: res.Rows})
}

func (s *sqlSession) print(t table) bool {
	if err := writeTable(s.e.stdout, t); err != nil {
		fmt.Fprintln(s.e.stderr, "synergy sql:", err)
		return false
	}
	return true
}

// dot runs a dot command; quit is true for .quit and .exit, ok false on failure.
func (s *sqlSession) dot(cmd string) (quit, ok bool) {
	name, arg, _ := strings.Cut(cmd, " ")
	arg = strings.TrimSuffix(strings.TrimSpace(arg), ";")
	switch name {
	case ".quit", ".exit":
		return true, true
	case ".help":
		io.WriteString(s.e.stdout, sqlHelp)
		return false, true
	case ".tables":
		return false, s.tables()
	case ".schema":
		if arg == "" {
			fmt.Fprintln(s.e.stderr, "Error: usage: .schema NAME")
			return false, false
		}
		return false, s.schema(arg)
	}
	fmt.Fprintf(s.e.stderr, "Error: unknown command %s (.help lists them)\n", name)
	return false, false
}

// tables lists the tables and views of the session: the snapshot's, with their layer
// and row count from the manifest, and any created during the session.
func (s *sqlSession) tables() bool {
	res, err := s.snap.db.Query(s.e.ctx, "select table_name, table_type from information_schema.tables where table_schema = 'main'")
	if err != nil {
		fmt.Fprintln(s.e.stderr, "Error:", err)
		return false
	}
	published := make(map[string]snapshot.Table, len(s.snap.Manifest.Tables))
	for _, t := range s.snap.Manifest.Tables {
		published[t.Name] = t
	}
	rows := make([][]any, 0, len(res.Rows))
	for _, r := range res.Rows {
		name, _ := r[0].(string)
		kind, _ := r[1].(string)
		if t, ok := published[name]; ok {
			rows = append(rows, []any{name, t.Layer, t.Rows})
		} else {
			rows = append(rows, []any{name, "session " + strings.ToLower(kind), nil})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0].(string) < rows[j][0].(string) })
	return s.print(table{columns: []string{"name", "layer", "rows"}, rows: rows})
}

// schema prints the columns of a table or view with their DuckDB types.
func (s *sqlSession) schema(name string) bool {
	res, err := s.snap.db.Query(s.e.ctx, `select column_name as "column", data_type as "type"
from information_schema.columns
where table_schema = 'main' and table_name = ?
order by ordinal_position`, name)
	if err != nil {
		fmt.Fprintln(s.e.stderr, "Error:", err)
		return false
	}
	if res.Len() == 0 {
		fmt.Fprintf(s.e.stderr, "Error: no table or view named %q (.tables lists them)\n", name)
		return false
	}
	return s.print(table{columns: res.Columns, rows: res.Rows})
}
