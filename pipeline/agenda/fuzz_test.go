package agenda

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode checks that no input makes Decode panic and that every successful
// decode keeps the package's promises. Seeds are the golden inputs in testdata.
func FuzzDecode(f *testing.F) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, dir := range dirs {
		ents, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range ents {
			if n := e.Name(); n != "want.json" && n != "want_err.txt" {
				data, err := os.ReadFile(filepath.Join(dir, n))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
	f.Add([]byte(line1 + "1. A\n    B - b\n\t(c) c\n- d\n  - e\nX:\n[...]\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Decode(bytes.NewReader(data), "CCW_FUZZ.en.txt")
		if err != nil {
			if a != nil {
				t.Fatal("Agenda returned with error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v holds no *ParseError", err)
			}
			_ = err.Error()
			return
		}
		if len(a.Items) == 0 {
			t.Fatal("no items without ErrNoItems")
		}
		if a.SourceURL == "" || a.SourceURL != a.SourceURLs[0] {
			t.Fatalf("SourceURL %q of %q", a.SourceURL, a.SourceURLs)
		}
		if a.Symbol != nil && *a.Symbol == "" {
			t.Fatal("empty Symbol")
		}
		nums := make(map[string]bool)
		prev := 1
		for _, it := range a.Items {
			if it.Number == "" || nums[it.Number] {
				t.Fatalf("item number %q empty or repeated", it.Number)
			}
			nums[it.Number] = true
			if it.Line <= prev {
				t.Fatalf("item line %d not after %d", it.Line, prev)
			}
			prev = it.Line
			checkText(t, "title", it.Title)
			if it.Parent != "" && !strings.HasPrefix(it.Number, it.Parent+".") {
				t.Fatalf("item %s has parent %s", it.Number, it.Parent)
			}
		}
		checkText(t, "note", a.Note)
		checkText(t, "meeting", a.Meeting)
		checkText(t, "status", a.Status)
		for _, r := range a.Rejects {
			if r.Line < 2 || r.Err == nil || !utf8.ValidString(r.Raw) {
				t.Fatalf("bad reject %#v", r)
			}
			_ = r.Error()
		}
		if len(a.Records()) != len(a.Items) || len(a.RejectRecords()) != len(a.Rejects) {
			t.Fatal("record counts differ")
		}
	})
}

// checkText asserts the whitespace contract: valid UTF-8, no leading, trailing,
// doubled or non-space white space.
func checkText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) || s != strings.Join(strings.Fields(s), " ") {
		t.Fatalf("%s %q breaks the white-space contract", what, s)
	}
}

func BenchmarkDecode(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("APLC/MSP.10/2010/1 (n) | https://example.org/\nMeeting: M\nStatus: PARTIAL\n\n")
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&sb, "%d. Consideration of the general status and operation of the Convention\n    A - Assisting the Victims\n    [... other sub-items not seen ...]\n", i)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(data), "APMBC_10MSP.en.txt"); err != nil {
			b.Fatal(err)
		}
	}
}
