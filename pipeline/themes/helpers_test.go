package themes

import (
	"os"
	"path/filepath"
	"testing"
)

// loadDatasets loads the shipped taxonomy from datasets/.
func loadDatasets(t testing.TB) *Tagger {
	t.Helper()
	dir := filepath.Join("..", "..", "datasets")
	th, err := os.Open(filepath.Join(dir, "themes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { th.Close() })
	tr, err := os.Open(filepath.Join(dir, "theme_terms.csv"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tr.Close() })
	tg, err := Load(th, tr)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}
