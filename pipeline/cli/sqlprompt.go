package cli

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chzyer/readline"

	"synergy/pipeline/snapshot"
)

const (
	sqlPrompt     = "synergy> "
	sqlMorePrompt = "    ...> "
	sqlHelp       = `Statements end with ';' at the end of a line; lines before it are joined.
Every published table is a view by name. Ctrl-C stops a running statement; Tab
completes table, column and command names. Commands (at the start of a line):
  .tables         the tables and views, with their layer and rows
  .schema NAME    the columns of a table or view, with their types
  .mode [FORMAT]  show or set the output format: table, csv, json or markdown
  .maxrows [N]    show or set how many rows the table format shows (head and tail;
                  0 shows all; the default is 40 at a terminal, else 0)
  .timer on|off   print each statement's run time
  .read FILE      run the statements and commands of FILE
  .help           this text
  .quit           leave (also .exit, or Ctrl-D)
`
	// promptMaxRows is .maxrows at a terminal, as in DuckDB's shell.
	promptMaxRows = 40
	// maxReadDepth bounds .read within .read, so a file that reads itself stops.
	maxReadDepth = 16
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

	s := &sqlSession{e: e, snap: snap, mode: "table"}
	if f, ok := e.stdin.(*os.File); ok && readline.IsTerminal(int(f.Fd())) {
		s.maxRows = promptMaxRows
		src, err := newPromptLines(e, &readline.Config{AutoComplete: &sqlCompleter{s: s}})
		if err != nil {
			fmt.Fprintln(e.stderr, "synergy sql:", err)
			return ExitFailure
		}
		defer src.close()
		// An interrupt or SIGTERM that cancels ctx (main's signal handling) also ends
		// a prompt waiting for input; Ctrl-C typed at the prompt only drops the line.
		stop := context.AfterFunc(e.ctx, func() { src.close() })
		defer stop()
		defer s.catchInterrupts()()
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

// catchInterrupts makes SIGINT (Ctrl-C while a statement runs: the terminal is
// not in raw mode then) stop the running statement instead of the session, as in
// DuckDB's shell; SIGTERM still ends the session through ctx. It takes SIGINT from
// main's handler for the rest of the process (the session is its last work) and
// returns the function that stops listening.
func (s *sqlSession) catchInterrupts() (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Reset(os.Interrupt)
	signal.Notify(sigs, os.Interrupt)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-sigs:
				s.stmt.interrupt()
			case <-done:
				return
			}
		}
	}()
	return func() { signal.Stop(sigs); close(done) }
}

// statement is the statement running in a session, which an interrupt cancels.
type statement struct {
	mu     sync.Mutex
	cancel context.CancelFunc // nil between statements
}

func (st *statement) set(cancel context.CancelFunc) {
	st.mu.Lock()
	st.cancel = cancel
	st.mu.Unlock()
}

// interrupt cancels the running statement and reports whether there was one; an
// interrupt between statements is dropped.
func (st *statement) interrupt() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.cancel == nil {
		return false
	}
	st.cancel()
	return true
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
	e       env
	snap    *snapshotDB
	mode    string // output format, one of outputFormats; "" is table
	maxRows int    // rows the table format shows; 0 is all
	timer   bool   // print each statement's run time
	depth   int    // .read nesting
	stmt    statement
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

// exec runs one statement and prints its result as it is read; false when it
// failed or was interrupted.
func (s *sqlSession) exec(src lineSource, lines []string) bool {
	stmt := strings.Join(lines, "\n")
	src.remember(strings.Join(strings.Fields(stmt), " "))
	ctx, cancel := context.WithCancel(s.e.ctx)
	defer cancel()
	s.stmt.set(cancel)
	defer s.stmt.set(nil)
	rw, err := newRowWriter(s.e.stdout, cmp.Or(s.mode, "table"), s.maxRows)
	if err != nil {
		fmt.Fprintln(s.e.stderr, "Error:", err)
		return false
	}
	start := time.Now()
	err = streamQuery(ctx, s.snap, stmt, rw)
	if s.timer {
		fmt.Fprintf(s.e.stdout, "Run Time (s): real %.3f\n", time.Since(start).Seconds())
	}
	switch {
	case err != nil && ctx.Err() != nil && s.e.ctx.Err() == nil:
		fmt.Fprintln(s.e.stderr, "Error: interrupted")
		return false
	case err != nil:
		fmt.Fprintln(s.e.stderr, "Error:", err)
		return false
	}
	return true
}

func (s *sqlSession) print(t table) bool {
	if err := writeResult(s.e.stdout, "table", t); err != nil {
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
	case ".mode":
		return false, s.setMode(arg)
	case ".maxrows":
		return false, s.setMaxRows(arg)
	case ".timer":
		return false, s.setTimer(arg)
	case ".read":
		return false, s.read(arg)
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

// setMode shows the output format, or sets it to arg.
func (s *sqlSession) setMode(arg string) bool {
	if arg == "" {
		fmt.Fprintln(s.e.stdout, cmp.Or(s.mode, "table"))
		return true
	}
	if !slices.Contains(outputFormats, arg) {
		fmt.Fprintf(s.e.stderr, "Error: .mode %s: one of %s\n", arg, strings.Join(outputFormats, ", "))
		return false
	}
	s.mode = arg
	return true
}

// setMaxRows shows .maxrows, or sets it to arg.
func (s *sqlSession) setMaxRows(arg string) bool {
	if arg == "" {
		fmt.Fprintln(s.e.stdout, s.maxRows)
		return true
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n < 0 {
		fmt.Fprintf(s.e.stderr, "Error: .maxrows %s: a number of rows, 0 for all\n", arg)
		return false
	}
	s.maxRows = n
	return true
}

func (s *sqlSession) setTimer(arg string) bool {
	switch strings.ToLower(arg) {
	case "on":
		s.timer = true
	case "off":
		s.timer = false
	default:
		fmt.Fprintln(s.e.stderr, "Error: usage: .timer on|off")
		return false
	}
	return true
}

// read runs the statements and dot commands of the file at path, as if typed;
// false if it cannot be read or any of them failed. A .quit in it ends the file.
func (s *sqlSession) read(path string) bool {
	if path == "" {
		fmt.Fprintln(s.e.stderr, "Error: usage: .read FILE")
		return false
	}
	if s.depth >= maxReadDepth {
		fmt.Fprintf(s.e.stderr, "Error: .read %s: more than %d files deep\n", path, maxReadDepth)
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(s.e.stderr, "Error:", err)
		return false
	}
	defer f.Close()
	s.depth++
	defer func() { s.depth-- }()
	return s.run(&plainLines{sc: newLineScanner(f)}) == 0
}

// sqlKeywords are the words Tab completes besides names, lower-case.
var sqlKeywords = []string{"select", "from", "where", "group", "by", "order", "having",
	"limit", "offset", "join", "left", "inner", "outer", "cross", "on", "using", "as",
	"and", "or", "not", "in", "is", "null", "between", "like", "ilike", "distinct",
	"case", "when", "then", "else", "end", "with", "union", "all", "except", "intersect",
	"asc", "desc", "count", "sum", "avg", "min", "max", "describe", "summarize",
	"create", "view", "table", "temp", "replace", "drop", "explain", "analyze"}

// sqlCompleter completes, at the cursor, a dot command at the start of a line, or
// else a table or view name, a column name ("table.col" only that table's columns)
// or a keyword, as DuckDB's shell does. Names are read from the session's database
// at each Tab, so views created in the session are offered too; matching ignores
// case and keeps what was typed.
type sqlCompleter struct{ s *sqlSession }

// Do implements readline.AutoCompleter.
func (c *sqlCompleter) Do(line []rune, pos int) ([][]rune, int) {
	before := string(line[:pos])
	start := len(before)
	for start > 0 && isWordByte(before[start-1]) {
		start--
	}
	word := before[start:]
	var candidates []string
	if strings.TrimSpace(before[:start]) == "" && strings.HasPrefix(strings.TrimSpace(before), ".") {
		word = strings.TrimSpace(before)
		candidates = []string{".tables", ".schema", ".mode", ".maxrows", ".timer", ".read", ".help", ".quit", ".exit"}
	} else if tbl, _, ok := strings.Cut(word, "."); ok {
		for _, name := range c.columns(tbl) {
			candidates = append(candidates, tbl+"."+name)
		}
	} else {
		candidates = append(c.names(), sqlKeywords...)
	}
	var out [][]rune
	seen := make(map[string]bool)
	for _, cand := range candidates {
		if len(cand) >= len(word) && strings.EqualFold(cand[:len(word)], word) && !seen[cand] {
			seen[cand] = true
			out = append(out, []rune(cand[len(word):]))
		}
	}
	return out, len([]rune(word))
}

func isWordByte(b byte) bool {
	return b == '_' || b == '.' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// names returns the session's tables and views and all their columns, sorted.
func (c *sqlCompleter) names() []string {
	rows, err := c.s.snap.db.Rows(c.s.e.ctx, `select table_name from information_schema.tables where table_schema = 'main'
union select column_name from information_schema.columns where table_schema = 'main' order by 1`)
	return firstColumn(rows, err)
}

// columns returns the columns of table (any case), in order.
func (c *sqlCompleter) columns(table string) []string {
	res, err := c.s.snap.db.Query(c.s.e.ctx, `select column_name from information_schema.columns
where table_schema = 'main' and lower(table_name) = lower(?) order by ordinal_position`, table)
	if err != nil {
		return nil
	}
	return firstColumn(res.Rows, nil)
}

func firstColumn(rows [][]any, err error) []string {
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		if s, ok := r[0].(string); ok {
			out = append(out, s)
		}
	}
	return out
}
