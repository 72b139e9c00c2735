package notebook_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/notebook"
)

func TestSQLCell(t *testing.T) {
	cases := []struct {
		source, options, sql string
		ok                   bool
	}{
		{"%%sql\nselect 1", "", "select 1", true},
		{"\n\n%%sql  \r\nselect 1\n", "", "select 1\n", true},
		{"%%sql --save x\nselect 1", "--save x", "select 1", true},
		{"%%sql", "", "", true},
		{"%%sqlx\nselect 1", "", "", false},
		{"%sql select 1", "", "", false},
		{"# %%sql\nselect 1", "", "", false},
		{"%load_ext sql", "", "", false},
	}
	for _, tc := range cases {
		options, sql, ok := notebook.SQLCell(tc.source)
		if options != tc.options || sql != tc.sql || ok != tc.ok {
			t.Errorf("SQLCell(%q) = %q, %q, %v; want %q, %q, %v", tc.source, options, sql, ok, tc.options, tc.sql, tc.ok)
		}
	}
}

func TestStatements(t *testing.T) {
	cases := []struct {
		name, sql string
		want      []string
	}{
		{"one", "select 1", []string{"select 1"}},
		{"trailing semicolon and comment", "select 1; -- done\n", []string{"select 1"}},
		{"two", "select 1;\nselect 2;", []string{"select 1", "select 2"}},
		{"only comments", "-- a; b\n/* c; d */\n", nil},
		{"empty statements", ";;  ;", nil},
		{"string", "select 'a;b', 'it''s;'", []string{"select 'a;b', 'it''s;'"}},
		{"identifier", `select 1 as "x;""y"`, []string{`select 1 as "x;""y"`}},
		{"escape string", `select E'a\';b'; select 2`, []string{`select E'a\';b'`, "select 2"}},
		{"not an escape string", `select fie'a\';select 2`, []string{`select fie'a\'`, "select 2"}},
		{"dollar", "select $$a;b$$, $t$x;$$;y$t$; select 2", []string{"select $$a;b$$, $t$x;$$;y$t$", "select 2"}},
		{"parameter", "select $1; select 2", []string{"select $1", "select 2"}},
		{"block comment", "select /* ; */ 1", []string{"select /* ; */ 1"}},
		{"unterminated string", "select 'a; b", []string{"select 'a; b"}},
		{"unterminated comment", "select 1 /* ; ", []string{"select 1 /* ;"}},
		{"comment then statement", "-- note\nselect 1", []string{"-- note\nselect 1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, notebook.Statements(tc.sql)); diff != "" {
				t.Errorf("Statements(%q) (-want +got):\n%s", tc.sql, diff)
			}
		})
	}
}
