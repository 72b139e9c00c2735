package untc

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDecode decodes each real depositary page (datasets/untc/*.html).
// Compare versions with benchstat (docs/performance.md).
func BenchmarkDecode(b *testing.B) {
	paths, _ := filepath.Glob("../../datasets/untc/*.html")
	if len(paths) == 0 {
		b.Skip("no datasets/untc pages")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		name := filepath.Base(p)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(bytes.NewReader(data), name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
