package docsgen

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"synergy/pipeline/tabular"
)

const sample = "# Title\n" +
	"There are <!-- synergy:value name=n -->21<!-- /synergy:value --> of <!-- synergy:value name=m -->156<!-- /synergy:value --> meetings.\n" +
	"\n" +
	"<!-- synergy:query name=t -->\n" +
	"```sql\nselect 1 as x\n```\n\n```\nx\n-\n1\n(1 rows)\n```\n" +
	"<!-- /synergy:query -->\n" +
	"<!-- synergy:query name=c -->\n" +
	"```console\n$ synergy query \"select 2\n    as y\"\ny\n-\n2\n(1 rows)\n```\n" +
	"<!-- /synergy:query -->\n" +
	"<!-- synergy:query name=md format=markdown -->\n" +
	"| a |\n|---|\n| 1 |\n" +
	"<!-- /synergy:query -->\n" +
	"```\nan example: <!-- synergy:value name=shown -->1<!-- /synergy:value -->\n```\n"

func TestParse(t *testing.T) {
	d, err := Parse("sample.md", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(d.Bytes()); got != sample {
		t.Errorf("Bytes does not give the document back:\n%s", got)
	}
	want := []Block{
		{Kind: KindValue, Name: "n", Line: 2, Text: "21"},
		{Kind: KindValue, Name: "m", Line: 2, Text: "156"},
		{Kind: KindQuery, Name: "t", Format: FormatTable, Line: 4, SQL: "select 1 as x", Text: "x\n-\n1\n(1 rows)\n"},
		{Kind: KindQuery, Name: "c", Format: FormatTable, Line: 16, Command: "$ synergy query \"select 2\n    as y\"\n", Text: "y\n-\n2\n(1 rows)\n"},
		{Kind: KindQuery, Name: "md", Format: FormatMarkdown, Line: 26, Text: "| a |\n|---|\n| 1 |\n"},
	}
	got := d.Blocks()
	if len(got) != len(want) {
		t.Fatalf("%d blocks, want %d (a marker inside a fence outside a block is text)", len(got), len(want))
	}
	for i, w := range want {
		if *got[i] != w {
			t.Errorf("block %d:\n got %+v\nwant %+v", i, *got[i], w)
		}
	}
	got[0].Text, got[2].Text = "22", "x\n-\n2\n(1 rows)\n"
	if s := string(d.Bytes()); !strings.Contains(s, "There are <!-- synergy:value name=n -->22<!--") || !strings.Contains(s, "```\nx\n-\n2\n(1 rows)\n```\n<!-- /synergy:query -->") {
		t.Errorf("Bytes after setting two blocks' text:\n%s", s)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unclosed block", "<!-- synergy:query name=a -->\n```\nx\n```\n", "no closing"},
		{"nested", "<!-- synergy:query name=a -->\n<!-- synergy:query name=b -->\n<!-- /synergy:query -->\n", "marker inside a block"},
		{"value as a block", "<!-- synergy:value name=a -->\n1\n<!-- /synergy:value -->\n", "not a block"},
		{"unknown attribute", "x <!-- synergy:value name=a fmt=d -->1<!-- /synergy:value -->\n", "unknown attribute fmt"},
		{"bad name", "x <!-- synergy:value name=A -->1<!-- /synergy:value -->\n", `name "A"`},
		{"bad format", "<!-- synergy:query name=a format=html -->\n<!-- /synergy:query -->\n", `format "html"`},
		{"no output", "<!-- synergy:query name=a -->\n```sql\nselect 1\n```\n<!-- /synergy:query -->\n", "no output fence"},
		{"unclosed value", "x <!-- synergy:value name=a -->1\n", "not a value on one line"},
		{"closing of another kind", "<!-- synergy:query name=a -->\n<!-- /synergy:value -->\n", "closing marker of value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("doc.md", []byte(tc.src))
			if !errors.Is(err, ErrMarker) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "doc.md:") {
				t.Errorf("Parse: %v, want ErrMarker with doc.md: and %q", err, tc.want)
			}
		})
	}
}

func TestParseQueries(t *testing.T) {
	qs, err := ParseQueries("q.sql", strings.NewReader("-- header\n\n-- name: a\n-- what a is\nselect 1;\n\n-- name: b\nselect 2\n  -- inside\nfrom t\n"))
	if err != nil {
		t.Fatal(err)
	}
	if qs["a"].SQL != "select 1" || qs["a"].Line != 3 || qs["b"].SQL != "select 2\n  -- inside\nfrom t" || len(qs) != 2 {
		t.Errorf("ParseQueries: %+v", qs)
	}
	for _, bad := range []string{"-- name: a\nselect 1\n-- name: a\nselect 2\n", "-- name: a\n\n", "-- name: A\nselect 1\n"} {
		if _, err := ParseQueries("q.sql", strings.NewReader(bad)); !errors.Is(err, ErrMarker) {
			t.Errorf("ParseQueries(%q): %v, want ErrMarker", bad, err)
		}
	}
	d, err := Parse("d.md", []byte("<!-- synergy:value name=a -->1<!-- /synergy:value -->\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := qs.Unused([]*Doc{d}); len(got) != 1 || got[0] != "b" {
		t.Errorf("Unused = %v, want [b]", got)
	}
}

func TestDiff(t *testing.T) {
	got := Diff("a\nb\nc\n", "a\nx\nc\nd\n")
	want := " a\n-b\n+x\n c\n+d\n"
	if got != want {
		t.Errorf("Diff:\n%s\nwant\n%s", got, want)
	}
}

func TestMarkdownTable(t *testing.T) {
	res := &tabular.Result{Columns: []string{"reason", "meetings"}, Rows: [][]any{{"a|b", int64(3)}, {nil, int64(1)}}}
	cell := func(v any) string {
		if v == nil {
			return ""
		}
		return fmt.Sprint(v)
	}
	want := "| reason | meetings |\n|---|---|\n| a\\|b | 3 |\n|  | 1 |\n"
	if got := markdownTable(res, cell); got != want {
		t.Errorf("markdownTable:\n%s\nwant\n%s", got, want)
	}
}
