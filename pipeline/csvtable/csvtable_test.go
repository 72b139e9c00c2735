package csvtable

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name, in   string
		header     []string
		names      []string
		line       int
		dup        string
		missing    string
		wantErr    error
		wantCSVErr bool
	}{
		{name: "plain", in: "a,b\n1,2\n", header: []string{"a", "b"}, names: []string{"a", "b"}, line: 1, missing: "c"},
		{name: "byte-order mark and spaces", in: "\ufeff a ,b\r\n", header: []string{" a ", "b"}, names: []string{"a", "b"}, line: 1, missing: "c"},
		{name: "blank lines before", in: "\n\na,b,c\n", header: []string{"a", "b", "c"}, names: []string{"a", "b", "c"}, line: 3},
		{name: "duplicate", in: "a,b,a,b\n", header: []string{"a", "b", "a", "b"}, names: []string{"a", "b", "a", "b"}, line: 1, dup: "a", missing: "c"},
		{name: "empty", in: "", wantErr: io.EOF},
		{name: "only a byte-order mark", in: "\ufeff", wantErr: io.EOF},
		{name: "bare quote", in: "a,b\"c\n", wantCSVErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := New(strings.NewReader(tc.in))
			if tc.wantErr != nil || tc.wantCSVErr {
				var pe *csv.ParseError
				if (tc.wantErr != nil && !errors.Is(err, tc.wantErr)) || (tc.wantCSVErr && !errors.As(err, &pe)) {
					t.Errorf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(tab.Header(), tc.header) || !slices.Equal(tab.Names(), tc.names) || tab.HeaderLine() != tc.line || tab.Width() != len(tc.header) {
				t.Errorf("header %q names %q line %d width %d", tab.Header(), tab.Names(), tab.HeaderLine(), tab.Width())
			}
			if d, ok := tab.Duplicate(); d != tc.dup || ok != (tc.dup != "") {
				t.Errorf("Duplicate() = %q, %v; want %q", d, ok, tc.dup)
			}
			if m, ok := tab.Missing([]string{"a", "b", "c"}); m != tc.missing || ok != (tc.missing != "") {
				t.Errorf("Missing() = %q, %v; want %q", m, ok, tc.missing)
			}
		})
	}
}

func TestNext(t *testing.T) {
	in := "\ufeffid, name ,note\r\n1, Albania ,x\r\n\r\n2,\"Bosnia\r\nand Herzegovina\",\r\n3\r\n"
	tab, err := New(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	body := in[len("\ufeff"):]
	want := []struct {
		line       int
		name, note string
		text       string
		col        int // column of the name field
	}{
		{2, "Albania", "x", "1, Albania ,x\r\n", 3},
		{4, "Bosnia\nand Herzegovina", "", "\r\n2,\"Bosnia\r\nand Herzegovina\",\r\n", 3},
		{6, "", "", "3\r\n", 0},
	}
	for i, w := range want {
		r, err := tab.Next()
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		if r.Line != w.line || r.Get("name") != w.name || r.Get("note") != w.note || r.Get("nope") != "" {
			t.Errorf("row %d: line %d name %q note %q", i, r.Line, r.Get("name"), r.Get("note"))
		}
		if got := body[r.Start:r.End]; got != w.text {
			t.Errorf("row %d: text %q, want %q", i, got, w.text)
		}
		if len(r.Fields) > 1 {
			if got := tab.Column(1); got != w.col {
				t.Errorf("row %d: Column(1) = %d, want %d", i, got, w.col)
			}
		}
	}
	if _, err := tab.Next(); err != io.EOF {
		t.Errorf("after the last row: %v, want io.EOF", err)
	}
}

func FuzzTable(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\ufeffa\n\"x\ny\"\n", "a,b\n\"unterminated\n", "", "a,a\n1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tab, err := New(strings.NewReader(s))
		if err != nil {
			return
		}
		body := strings.TrimPrefix(s, "\ufeff")
		for {
			r, err := tab.Next()
			if err != nil {
				return
			}
			if r.Start < 0 || r.End < r.Start || r.End > int64(len(body)) {
				t.Fatalf("offsets %d..%d outside %d bytes", r.Start, r.End, len(body))
			}
			for _, n := range tab.Names() {
				r.Get(n)
			}
		}
	})
}
