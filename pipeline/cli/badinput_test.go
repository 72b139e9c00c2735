package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// runTimeout bounds one bad-input run: a shipped-data run takes 1–3 s, so a run that
// is still going after this is a hang.
const runTimeout = 45 * time.Second

// runBounded is run with a deadline and a panic guard: a panic in the pipeline or a
// run that does not return in time fails the test instead of killing the binary or
// hanging it.
func runBounded(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), runTimeout)
	defer cancel()
	type outcome struct {
		r     result
		panic string
	}
	done := make(chan outcome, 1)
	go func() {
		var out, errb bytes.Buffer
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
			}
		}()
		code := Run(ctx, args, strings.NewReader(""), &out, &errb)
		done <- outcome{r: result{code, out.String(), errb.String()}}
	}()
	select {
	case o := <-done:
		if o.panic != "" {
			t.Fatalf("synergy %s panicked: %s", strings.Join(args, " "), o.panic)
		}
		return o.r
	case <-time.After(runTimeout + 5*time.Second):
		t.Fatalf("synergy %s did not return within %s", strings.Join(args, " "), runTimeout)
	}
	return result{}
}

// rewrite replaces the file rel (slash-separated, under dir) with edit's result.
func rewrite(t *testing.T, dir, rel string, edit func([]byte) []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, edit(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceOnce replaces the one occurrence of old; the test fails if it is not there
// exactly once, so a change to the shipped data cannot make a case test nothing.
func replaceOnce(t *testing.T, old, new string) func([]byte) []byte {
	return func(b []byte) []byte {
		if n := bytes.Count(b, []byte(old)); n != 1 {
			t.Fatalf("%q occurs %d times, want once", old, n)
		}
		return bytes.Replace(b, []byte(old), []byte(new), 1)
	}
}

// lineOf returns the 1-based line of the first occurrence of s in file rel.
func lineOf(t *testing.T, rel, s string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(datasets, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		t.Fatalf("%s: %q not found", rel, s)
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// utf16LE re-encodes UTF-8 text as UTF-16 little-endian with a byte-order mark, as
// spreadsheet programs' "Unicode text" export writes it.
func utf16LE(b []byte) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(string(b))) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// wantReject is a row that must be in the rejects table after a successful run.
type wantReject struct {
	file   string // source_file
	line   int
	field  string
	reason string // a substring of reason
}

// TestBadInputNeverPublishesSilently breaks one input file in one way per case and
// runs the pipeline over an output root that already holds a snapshot. A structurally
// broken file fails the run with an error naming the file and line, and leaves the
// published snapshot untouched; a bad row is published as a reject with its line and
// field, never dropped silently; harmless variations (BOM, CRLF) publish the same
// tables. No case may panic or hang.
func TestBadInputNeverPublishesSilently(t *testing.T) {
	out := publishOnce(t)
	base := readManifest(t, out)

	cases := []struct {
		name   string
		args   []string // extra flags of synergy run
		break_ func(t *testing.T, dir string)

		// When the run must fail: its exit code and substrings of stderr.
		wantCode int
		wantErr  []string

		// When the run must succeed: the rejects it must publish, and whether every
		// table must be identical to the shipped data's (the input change is harmless).
		wantRejects []wantReject
		sameTables  bool
		// check, when set, makes further assertions on the published snapshot, given
		// the guard counts of the shipped data's snapshot and of the new one.
		check func(t *testing.T, out string, before, after map[string]int)
	}{
		{
			name: "membership CSV in UTF-16 LE with BOM",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/ccm.csv", utf16LE)
			},
			wantCode: ExitFailure,
			wantErr:  []string{"membership/ccm.csv:1: not valid UTF-8: the file is UTF-16"},
		},
		{
			name: "Latin-1 byte in a state name",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/apmbc.csv", replaceOnce(t, "Côte d'Ivoire", "C\xf4te d'Ivoire"))
			},
			wantRejects: []wantReject{{"membership/apmbc.csv", lineOf(t, "membership/apmbc.csv", "Côte d'Ivoire"), "state_name", "not valid UTF-8"}},
		},
		{
			name: "UTF-8 BOM at the start of a CSV",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/ccm.csv", func(b []byte) []byte { return append([]byte("\ufeff"), b...) })
			},
			sameTables: true,
		},
		{
			name: "CRLF line ends",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "meetings/meetings.csv", func(b []byte) []byte {
					return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
				})
			},
			sameTables: true,
		},
		{
			name: "duplicate row",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/ccm.csv", func(b []byte) []byte {
					second := strings.SplitAfter(string(b), "\n")[1]
					return append(b, second...)
				})
			},
			wantRejects: []wantReject{{"membership/ccm.csv", 126, "", "duplicate of line 2"}},
		},
		{
			// --strict refuses any reject before anything is staged.
			name: "duplicate row with --strict",
			args: []string{"--strict"},
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/ccm.csv", func(b []byte) []byte {
					return append(b, strings.SplitAfter(string(b), "\n")[1]...)
				})
			},
			wantCode: ExitRejects,
			wantErr:  []string{"input rows were rejected"},
		},
		{
			name: "unknown state name",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/apmbc.csv", replaceOnce(t, "APMBC,Albania,ALB,", "APMBC,Atlantis,,"))
			},
			wantRejects: []wantReject{{"membership/apmbc.csv", 3, "state_name", "unknown state"}},
		},
		{
			name: "impossible date",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/apmbc.csv", replaceOnce(t, "1998-09-08,2000-02-29,ratification,2000-08-01", "1998-09-08,2023-02-29,ratification,2000-08-01"))
			},
			wantRejects: []wantReject{{"membership/apmbc.csv", 3, "consent_date", `"2023-02-29" is not a date`}},
		},
		{
			name: "empty membership file",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/ccm.csv", func([]byte) []byte { return nil })
			},
			wantCode: ExitFailure,
			// No header: structurally broken, refused before the shrink guard is asked.
			wantErr: []string{"membership/ccm.csv: no header line"},
		},
		{
			name: "header-only membership file",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/ccm.csv", func(b []byte) []byte { return b[:bytes.IndexByte(b, '\n')+1] })
			},
			// The depositary's page (untc/ccm.html) lists every CCM participant, so no
			// party is lost, but the file's rows are: the guard stops the run and says
			// the page alone now gives the parties.
			wantCode: ExitShrunk,
			wantErr:  []string{"file/membership/ccm.csv ", " → 0 (−100%", "depositary-filled: CCM: "},
		},
		{
			name: "header-only membership file, --allow-shrink",
			args: []string{"--allow-shrink"},
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/ccm.csv", func(b []byte) []byte { return b[:bytes.IndexByte(b, '\n')+1] })
			},
			// Published: each participant becomes a row "only in depositary", which
			// source_discrepancies records.
			check: func(t *testing.T, out string, before, after map[string]int) {
				if before["parties/CCM"] != after["parties/CCM"] {
					t.Errorf("parties/CCM %d → %d", before["parties/CCM"], after["parties/CCM"])
				}
				n := queryInt(t, out, `select count(*) from source_discrepancies
					where entity_key like 'CCM/%' and rule = 'only in depositary'`)
				if n < before["parties/CCM"] {
					t.Errorf("%d CCM rows 'only in depositary', want at least %d", n, before["parties/CCM"])
				}
			},
		},
		{
			name: "header-only meetings file",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "meetings/meetings.csv", func(b []byte) []byte { return b[:bytes.IndexByte(b, '\n')+1] })
			},
			wantCode: ExitShrunk,
			wantErr:  []string{fmt.Sprintf("meetings %d → ", base.GuardCounts["meetings"]), "--allow-shrink"},
		},
		{
			name: "5 MiB field in meetings.csv",
			break_: func(t *testing.T, dir string) {
				huge := `"` + strings.Repeat("x", 5<<20) + `"`
				rewrite(t, dir, "meetings/meetings.csv", func(b []byte) []byte {
					return append(b, "APMBC,MSP,99MSP,"+huge+",2030-01-01,2030-01-02,Geneva,Switzerland,,,unknown,unknown,unknown,unknown,unknown,https://example.org,high\n"...)
				})
			},
			wantRejects: []wantReject{{"meetings/meetings.csv", 131, "title", "field too long: 5242880 bytes, the limit is 65536"}},
		},
		{
			name: "unterminated quote",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "membership/ccm.csv", replaceOnce(t, "CCM,Albania,", `CCM,"Albania,`))
			},
			wantCode: ExitFailure,
			wantErr:  []string{`membership/ccm.csv:3: malformed CSV: extraneous or missing " in quoted-field at line`},
		},
		{
			name: "untc page cut in the participant grid",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "untc/apmbc.html", func(b []byte) []byte {
					// Up to the line of the last participant, Zimbabwe.
					return b[:bytes.LastIndexByte(b[:bytes.Index(b, []byte("<td>Zimbabwe"))], '\n')+1]
				})
			},
			wantCode: ExitFailure,
			wantErr: []string{fmt.Sprintf("untc/apmbc.html:%d: truncated page: the input ends inside the participant grid",
				lineOf(t, "untc/apmbc.html", "<td>Zimbabwe")-1)},
		},
		{
			name: "agenda file with an unknown language code",
			break_: func(t *testing.T, dir string) {
				a := filepath.Join(dir, "meetings", "agendas")
				if err := os.Rename(filepath.Join(a, "APMBC_10MSP.en.txt"), filepath.Join(a, "APMBC_10MSP.de.txt")); err != nil {
					t.Fatal(err)
				}
			},
			wantCode: ExitFailure,
			wantErr:  []string{"meetings/agendas/APMBC_10MSP.de.txt: lang", "de"},
		},
		{
			name: "sources.json syntax error",
			break_: func(t *testing.T, dir string) {
				rewrite(t, dir, "sources.json", replaceOnce(t, `"format": "themes",`, `"format": "themes"`))
			},
			wantCode: ExitFailure,
			// The decoder stops on the line of the broken pair (the next key follows
			// on the same line).
			wantErr: []string{fmt.Sprintf("/sources.json:%d: manifest is not valid JSON", lineOf(t, "sources.json", `"format": "themes",`))},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDatasets(t)
			tc.break_(t, dir)
			before, files := snapshotState(t, out)

			// --force: a case may repeat the previous case's inputs, which a run would
			// otherwise skip as up to date.
			args := append([]string{"run", "-q", "--force", "--datasets", dir, "--out", out, "--as-of", asOf}, tc.args...)
			r := runBounded(t, args...)

			if tc.wantCode != ExitOK {
				if r.code != tc.wantCode {
					t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tc.wantCode, r.stderr)
				}
				t.Logf("exit %d: %s", r.code, strings.TrimSpace(r.stderr))
				for _, s := range tc.wantErr {
					if !strings.Contains(r.stderr, s) {
						t.Errorf("stderr does not mention %q:\n%s", s, r.stderr)
					}
				}
				after, afterFiles := snapshotState(t, out)
				if after != before || len(afterFiles) != len(files) {
					t.Fatalf("current moved from %s to %s", before, after)
				}
				for p, body := range files {
					if afterFiles[p] != body {
						t.Errorf("%s changed", p)
					}
				}
				return
			}

			if r.code != ExitOK {
				t.Fatalf("exit %d, want success; stderr:\n%s", r.code, r.stderr)
			}
			if after, _ := snapshotState(t, out); after == before {
				t.Fatalf("run succeeded but current is still %s", before)
			}
			for _, w := range tc.wantRejects {
				rows := query(t, out, fmt.Sprintf(`select field, reason from rejects
					where source_file = '%s' and line = %d`, w.file, w.line))
				if len(rows) != 1 || rows[0]["field"] != w.field || !strings.Contains(fmt.Sprint(rows[0]["reason"]), w.reason) {
					t.Errorf("rejects at %s:%d = %v; want one with field %q and reason containing %q",
						w.file, w.line, rows, w.field, w.reason)
				}
			}
			got := readManifest(t, out)
			if tc.sameTables {
				want := map[string]string{}
				for _, tb := range base.Tables {
					want[tb.Name] = tb.SHA256
				}
				for _, tb := range got.Tables {
					if tb.Layer == "history" { // records each run by design
						continue
					}
					if want[tb.Name] != tb.SHA256 {
						t.Errorf("table %s differs from the shipped data's", tb.Name)
					}
				}
			}
			if tc.check != nil {
				tc.check(t, out, base.GuardCounts, got.GuardCounts)
			}
			if d := got.Rejects.Total - base.Rejects.Total; d != len(tc.wantRejects) {
				t.Errorf("rejects: %d more than the shipped data's, want %d (by file %v)", d, len(tc.wantRejects), got.Rejects.ByFile)
			}
		})
	}
}
