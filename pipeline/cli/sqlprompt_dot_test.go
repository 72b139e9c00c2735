package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSQLInterruptKeepsSession: an interrupt (Ctrl-C) while a statement runs stops
// that statement and the session goes on to the next one.
func TestSQLInterruptKeepsSession(t *testing.T) {
	out := publishOnce(t)
	var stdout, stderr lockedBuffer
	e := env{ctx: t.Context(), stdout: &stdout, stderr: &stderr}
	snap, err := openSnapshot(e, out)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	s := &sqlSession{e: e, snap: snap, mode: "table"}
	done := make(chan struct{})
	go func() {
		// Press Ctrl-C until a statement is there to be stopped: the first one.
		for !s.stmt.interrupt() {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	script := "select sum(i * i) from range(100000000000) t(i);\nselect 42 as answer;\n"
	failed := s.run(&plainLines{sc: newLineScanner(strings.NewReader(script))})
	close(done)
	if failed != 1 || !strings.Contains(stderr.String(), "Error: interrupted") {
		t.Errorf("%d failed, stderr %q; want the first statement interrupted", failed, stderr.String())
	}
	if !strings.Contains(stdout.String(), "answer\n------\n42\n(1 rows)\n") {
		t.Errorf("the session did not go on after the interrupt:\n%s", stdout.String())
	}
}

// TestSQLDotCommands: .mode, .maxrows, .timer and .read, as in DuckDB's shell.
func TestSQLDotCommands(t *testing.T) {
	out := publishOnce(t)
	file := filepath.Join(t.TempDir(), "q.sql")
	if err := os.WriteFile(file, []byte("select 'from file' as f;\n.mode\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := strings.Join([]string{
		".mode csv", "select 1 as a;",
		".mode markdown", "select 2 as b;",
		".mode json", "select 3 as c;",
		".mode", ".mode table",
		".maxrows 2", ".maxrows", "select * from range(5) t(i);", ".maxrows 0",
		".timer on", "select 4 as d;", ".timer off",
		".read " + file,
	}, "\n") + "\n"
	r := runDirect(t, sqlCmd, script, "--out", out)
	if r.code != ExitOK || r.stderr != "" {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	want := []string{
		"a\n1\n",
		"| b |\n| --- |\n| 2 |\n",
		"{\"c\":3}\n",
		"json\n", // .mode
		"2\n",    // .maxrows
		"i\n-\n0\n… 3 rows not shown (.maxrows 2) …\n4\n(5 rows)\n",
		"d\n-\n4\n(1 rows)\nRun Time (s): real ",
		"f\n---------\nfrom file\n(1 rows)\ntable\n",
	}
	rest := r.stdout
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("output lacks %q after the previous parts:\n%s", w, r.stdout)
		}
		rest = rest[i+len(w):]
	}

	for _, tc := range []struct{ stdin, stderr string }{
		{".mode yaml\n", ".mode yaml: one of table, csv, json, markdown"},
		{".maxrows -1\n", ".maxrows -1: a number of rows"},
		{".timer maybe\n", "usage: .timer on|off"},
		{".read\n", "usage: .read FILE"},
		{".read " + filepath.Join(t.TempDir(), "none.sql") + "\n", "no such file"},
	} {
		r := runDirect(t, sqlCmd, tc.stdin, "--out", out)
		if r.code != ExitFailure || !strings.Contains(r.stderr, tc.stderr) {
			t.Errorf("%q: exit %d, stderr %q; want 1 and %q", tc.stdin, r.code, r.stderr, tc.stderr)
		}
	}

	// A file that reads itself stops at the depth limit instead of running forever.
	loop := filepath.Join(t.TempDir(), "loop.sql")
	os.WriteFile(loop, []byte(".read "+loop+"\n"), 0o644)
	if r := runDirect(t, sqlCmd, ".read "+loop+"\n", "--out", out); r.code != ExitFailure || !strings.Contains(r.stderr, "files deep") {
		t.Errorf(".read loop: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestSQLCompletion: Tab completes dot commands, table and column names (of one
// table after "table.") and keywords, keeping the case typed.
func TestSQLCompletion(t *testing.T) {
	out := publishOnce(t)
	var b bytes.Buffer
	e := env{ctx: t.Context(), stdout: &b, stderr: &b}
	snap, err := openSnapshot(e, out)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	c := &sqlCompleter{s: &sqlSession{e: e, snap: snap, mode: "table"}}
	for _, tc := range []struct {
		line   string
		want   []string // among the completions
		length int
	}{
		{".ma", []string{"xrows"}, 3},
		{"  .ti", []string{"mer"}, 3},
		{"select * from meetings_enr", []string{"iched"}, 12},
		{"select start_da", []string{"te"}, 8},
		{"select meetings.meeting_i", []string{"d"}, 18},
		{"SEL", []string{"ect"}, 3},
	} {
		got, n := c.Do([]rune(tc.line), len([]rune(tc.line)))
		var texts []string
		for _, g := range got {
			texts = append(texts, string(g))
		}
		for _, w := range tc.want {
			if !slices.Contains(texts, w) {
				t.Errorf("%q: completions %q lack %q", tc.line, texts, w)
			}
		}
		if n != tc.length {
			t.Errorf("%q: length %d, want %d", tc.line, n, tc.length)
		}
	}
	if got, _ := c.Do([]rune("select meetings.zzz"), 19); len(got) != 0 {
		t.Errorf("completions for an unknown column: %q", got)
	}
}
