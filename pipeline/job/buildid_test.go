package job

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestGoBuildIDVersionOfTestBinary reads the running test binary's build ID and
// compares it with what `go tool buildid` prints for the same file.
func TestGoBuildIDVersionOfTestBinary(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, ok, err := GoBuildIDVersion(f)
	if err != nil || !ok {
		t.Fatalf("GoBuildIDVersion(%s) = %q, %v, %v", exe, got, ok, err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := "go-build:" + strings.TrimSpace(string(out)); got != want {
		t.Errorf("GoBuildIDVersion = %q, go tool buildid says %q", got, want)
	}
}

func TestGoBuildIDVersionNotELF(t *testing.T) {
	got, ok, err := GoBuildIDVersion(bytes.NewReader([]byte("#!/bin/sh\necho hi\n")))
	if got != "" || ok || err != nil {
		t.Errorf("GoBuildIDVersion(script) = %q, %v, %v; want not ok, no error", got, ok, err)
	}
}

func TestParseGoBuildIDNote(t *testing.T) {
	note := func(name string, nameSize, descSize uint32, desc string) []byte {
		var b bytes.Buffer
		binary.Write(&b, binary.LittleEndian, []uint32{nameSize, descSize, 4})
		b.WriteString(name)
		b.WriteString(desc)
		return b.Bytes()
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string // "" means an error
	}{
		{"valid", note("Go\x00\x00", 4, 7, "abc/def"), "abc/def"},
		{"short", []byte{4, 0, 0}, ""},
		{"other owner", note("GNU\x00", 4, 3, "abc"), ""},
		{"desc past the end", note("Go\x00\x00", 4, 99, "abc"), ""},
		{"empty id", note("Go\x00\x00", 4, 0, ""), ""},
		{"newline in id", note("Go\x00\x00", 4, 4, "a\nbc"), ""},
	} {
		got, err := parseGoBuildIDNote(tc.data, binary.LittleEndian)
		if tc.want == "" && err == nil {
			t.Errorf("%s: got %q, want an error", tc.name, got)
		}
		if tc.want != "" && (err != nil || got != tc.want) {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}
