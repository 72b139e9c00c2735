package atomicfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"synergy/pipeline/atomicfile"
)

// TestWriteReplacesAndLeavesNoTemporary: the file holds the new bytes with mode
// 0644, and no temporary file stays in the folder; a folder that does not exist
// is an error that writes nothing.
func TestWriteReplacesAndLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.csv")
	for _, data := range []string{"old\n", "new\n"} {
		if err := atomicfile.Write(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	st, _ := os.Stat(path)
	entries, _ := os.ReadDir(dir)
	if err != nil || string(b) != "new\n" || st.Mode().Perm() != 0o644 || len(entries) != 1 {
		t.Errorf("content %q (%v), mode %v, %d entries in the folder", b, err, st.Mode().Perm(), len(entries))
	}
	if err := atomicfile.Write(filepath.Join(dir, "missing", "x"), []byte("x")); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}
