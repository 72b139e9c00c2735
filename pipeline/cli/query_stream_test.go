package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// cancelOnWrite is a stdout that cancels the command's context at its first write:
// a reader that has seen output and presses Ctrl-C.
type cancelOnWrite struct {
	mu     sync.Mutex
	b      bytes.Buffer
	cancel context.CancelFunc
}

func (c *cancelOnWrite) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cancel()
	return c.b.Write(p)
}

// TestQueryStreams: in every format, query prints rows before the result is read
// to its end, and a cancelled context (SIGINT or SIGTERM in main) stops the query:
// exit 1, "interrupted", and only part of the rows printed.
func TestQueryStreams(t *testing.T) {
	out := publishOnce(t)
	const rows = 20000
	q := fmt.Sprintf("select i, 'row ' || i as label from range(%d) t(i)", rows)
	for _, format := range outputFormats {
		t.Run(format, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			stdout := &cancelOnWrite{cancel: cancel}
			var stderr bytes.Buffer
			code := queryCmd(env{ctx: ctx, stdin: strings.NewReader(""), stdout: stdout, stderr: &stderr},
				[]string{"--out", out, "--format", format, q})
			lines := strings.Count(stdout.b.String(), "\n")
			if code != ExitFailure || !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("exit %d, stderr %q; want %d and interrupted", code, stderr.String(), ExitFailure)
			}
			if lines == 0 || lines >= rows {
				t.Errorf("%d lines printed before stopping; want some, fewer than %d", lines, rows)
			}
		})
	}
}

// TestQueryFormats: each format's whole output for a small result, NULLs and a
// list included, and the table's widths past the first widthSample rows.
func TestQueryFormats(t *testing.T) {
	out := publishOnce(t)
	const q = "select 1 as n, null as nothing, 'a|b' as s, [1, 2] as l union all select 22, null, 'c', []"
	want := map[string]string{
		"table":    "n   nothing  s    l\n--  -------  ---  ------\n1            a|b  [1, 2]\n22           c    []\n(2 rows)\n",
		"csv":      "n,nothing,s,l\n1,,a|b,\"[1, 2]\"\n22,,c,[]\n",
		"json":     "{\"n\":1,\"nothing\":null,\"s\":\"a|b\",\"l\":[1,2]}\n{\"n\":22,\"nothing\":null,\"s\":\"c\",\"l\":[]}\n",
		"markdown": "| n | nothing | s | l |\n| --- | --- | --- | --- |\n| 1 |  | a\\|b | [1, 2] |\n| 22 |  | c | [] |\n",
	}
	for _, format := range outputFormats {
		r := run(t, "", "query", "--out", out, "--format", format, q+" order by n")
		if r.code != ExitOK || r.stdout != want[format] {
			t.Errorf("--format %s: exit %d\ngot:\n%s\nwant:\n%s\n%s", format, r.code, r.stdout, want[format], r.stderr)
		}
	}
	if r := run(t, "", "query", "--out", out, "--format", "yaml", "select 1"); r.code != ExitUsage {
		t.Errorf("--format yaml: exit %d, want %d", r.code, ExitUsage)
	}

	// Widths come from the first widthSample rows; a wider value later widens its
	// column from its row on, and is never cut.
	r := run(t, "", "query", "--out", out, fmt.Sprintf(
		"select case when i = %d then 'wide value' else 'x' end as v, i from range(%d) t(i) order by i",
		widthSample+5, widthSample+10))
	lines := strings.Split(r.stdout, "\n")
	if r.code != ExitOK || lines[2] != "x  0" || lines[widthSample+7] != "wide value  1005" ||
		lines[widthSample+8] != "x           1006" || lines[len(lines)-2] != fmt.Sprintf("(%d rows)", widthSample+10) {
		t.Errorf("exit %d; lines 2, %d, %d, last: %q %q %q %q", r.code, widthSample+7, widthSample+8,
			lines[2], lines[widthSample+7], lines[widthSample+8], lines[len(lines)-2])
	}
}

// TestTableMaxRows: with maxRows the table shows the head and the tail around a
// count of the rows left out, and counts every row.
func TestTableMaxRows(t *testing.T) {
	var rows [][]any
	for i := range 10 {
		rows = append(rows, []any{int64(i)})
	}
	var b bytes.Buffer
	if err := writeAll(&tableWriter{w: bufio.NewWriter(&b), maxRows: 5}, table{columns: []string{"i"}, rows: rows}); err != nil {
		t.Fatal(err)
	}
	const want = "i\n-\n0\n1\n2\n… 5 rows not shown (.maxrows 5) …\n8\n9\n(10 rows)\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestQueryStopsOnSignal: the real binary, printing a long result, ends with exit 1
// on SIGTERM and on SIGINT, soon after the signal.
func TestQueryStopsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	out := publishOnce(t)
	bin := buildSynergy(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "query", "--out", out, "select i, 'row ' || i as label from range(5000000) t(i)")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// A safety net only: a query that ignores the signal is killed.
			timer := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
			defer timer.Stop()
			first := make([]byte, 1)
			if _, err := io.ReadFull(stdout, first); err != nil {
				t.Fatalf("no output: %v\n%s", err, stderr.String())
			}
			cmd.Process.Signal(sig)
			n, _ := io.Copy(io.Discard, stdout) // keep reading: a full pipe would block the writer
			err = cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != ExitFailure || !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("exit %d (%v), stderr %q; want %d and interrupted", code, err, stderr.String(), ExitFailure)
			}
			if full := int64(5000000 * 16); n >= full {
				t.Errorf("%d bytes after the signal: the query was not stopped", n)
			}
		})
	}
}
