package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chzyer/readline"
)

func TestSQLCmd(t *testing.T) {
	out := publishOnce(t)

	t.Run("script on stdin", func(t *testing.T) {
		r := runDirect(t, sqlCmd, "select 1;\n.tables\n.schema meetings\nselect count(*)\n from meetings;\n", "--out", out)
		if r.code != ExitOK || r.stderr != "" {
			t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
		}
		meetings := queryInt(t, out, "select count(*) from meetings")
		// Each part in order: select 1, .tables, .schema meetings, the count.
		want := []string{
			"1\n-\n1\n(1 rows)\n",
			"name                     layer    rows\n",
			fmt.Sprintf("meetings                 raw      %d\n", meetings),
			fmt.Sprintf("meetings_enriched        mart     %d\n", meetings),
			"column                    type\n",
			"meeting_id                VARCHAR\n",
			"start_date                DATE\n",
			"count_star()\n------------\n" + strconv.Itoa(meetings) + "\n(1 rows)\n",
		}
		rest := r.stdout
		for _, w := range want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Fatalf("output lacks %q after the previous parts:\n%s", w, r.stdout)
			}
			rest = rest[i+len(w):]
		}
		if strings.Contains(r.stdout, "synergy> ") {
			t.Error("prompt printed although stdin is not a terminal")
		}
	})

	tests := []struct {
		name, stdin string
		code        int
		stdout      []string // in the output
		notStdout   []string
		stderr      []string
	}{
		{"error goes on, exit 1", "select nope;\nselect 2 as two;\n", ExitFailure,
			[]string{"two\n---\n2\n"}, nil, []string{"Error:", "nope"}},
		{".quit stops", "select 3 as three;\n.quit\nselect 4 as four;\n", ExitOK,
			[]string{"three"}, []string{"four"}, nil},
		{"pending statement runs at end of input", "select\n 5 as five", ExitOK,
			[]string{"five\n----\n5\n"}, nil, nil},
		{"comments and blank lines between statements", "-- a comment;\n\n  \nselect 6 as six; \n", ExitOK,
			[]string{"six"}, nil, nil},
		{"session views", "create view v as select 7 as seven;\n.tables\nselect * from v;\n", ExitOK,
			[]string{"v                        session view", "seven"}, nil, nil},
		{"unknown table in .schema", ".schema nothing\n", ExitFailure,
			nil, nil, []string{`no table or view named "nothing"`}},
		{".schema without name", ".schema\n", ExitFailure, nil, nil, []string{"usage: .schema NAME"}},
		{"unknown command", ".bogus\n", ExitFailure, nil, nil, []string{"unknown command .bogus"}},
		{".help", ".help\n", ExitOK, []string{".schema NAME", ".quit"}, nil, nil},
		{"empty input", "", ExitOK, nil, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runDirect(t, sqlCmd, tc.stdin, "--out", out)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstderr:\n%s", r.code, tc.code, r.stderr)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tc.notStdout {
				if strings.Contains(r.stdout, w) {
					t.Errorf("stdout has %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tc.stderr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
		})
	}

	t.Run("prompt keeps history", func(t *testing.T) {
		cache := t.TempDir()
		t.Setenv("XDG_CACHE_HOME", cache) // os.UserCacheDir on Unix
		t.Setenv("HOME", cache)           // on macOS
		t.Setenv("LocalAppData", cache)   // on Windows
		var buf lockedBuffer
		e := env{ctx: t.Context(), stdout: &buf, stderr: &buf}
		snap, err := openSnapshot(e, out)
		if err != nil {
			t.Fatal(err)
		}
		defer snap.Close()
		in, typing := io.Pipe()
		src, err := newPromptLines(e, &readline.Config{
			Stdin:              in,
			FuncIsTerminal:     func() bool { return true },
			FuncMakeRaw:        func() error { return nil },
			FuncExitRaw:        func() error { return nil },
			FuncGetWidth:       func() int { return 80 },
			FuncOnWidthChanged: func(func()) {},
		})
		if err != nil {
			t.Fatal(err)
		}
		go typing.Write([]byte("select 41\r + 1 as answer;\r.quit\r"))
		failed := (&sqlSession{e: e, snap: snap}).run(src)
		src.close()
		typing.Close()
		if failed != 0 {
			t.Errorf("%d failures:\n%s", failed, buf.String())
		}
		if got := buf.String(); !strings.Contains(got, "synergy> ") || !strings.Contains(got, "...> ") || !strings.Contains(got, "answer\n------\n42\n") {
			t.Errorf("prompts or result missing:\n%q", got)
		}
		path, err := historyPath()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(path, cache) {
			t.Fatalf("history at %s, outside the test's cache folder %s", path, cache)
		}
		hist, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if want := "select 41 + 1 as answer;\n.quit\n"; string(hist) != want {
			t.Errorf("history %s = %q, want %q", filepath.Base(path), hist, want)
		}
	})
}

func TestSQLCmdErrors(t *testing.T) {
	if r := runDirect(t, sqlCmd, "", "--out", t.TempDir()); r.code != ExitFailure || !strings.Contains(r.stderr, "run 'synergy run' first") {
		t.Errorf("no snapshot: exit %d\n%s", r.code, r.stderr)
	}
	if r := runDirect(t, sqlCmd, "", "select 1"); r.code != ExitUsage {
		t.Errorf("argument: exit %d, want %d", r.code, ExitUsage)
	}
}

// lockedBuffer is a bytes.Buffer safe for readline's writer goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
