package agenda_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"synergy/pipeline/agenda"
	"synergy/pipeline/gen"
)

// Benchmarks of Decode on whole sets of files (BenchmarkDecode in fuzz_test.go
// decodes one large synthetic file). Compare versions with benchstat
// (docs/performance.md).

type memSink map[string]*bytes.Buffer

type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

func (m memSink) Create(name string) (io.WriteCloser, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return nopCloser{b}, nil
}

type namedFile struct {
	name string
	data []byte
}

// BenchmarkDecodeFiles decodes every real agenda file (real) and the 214 files of
// synergy gen --scale 1 (scale1).
func BenchmarkDecodeFiles(b *testing.B) {
	var realFiles, synFiles []namedFile
	paths, _ := filepath.Glob("../../datasets/meetings/agendas/*.txt")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		realFiles = append(realFiles, namedFile{filepath.Base(p), data})
	}
	m := memSink{}
	if _, err := gen.Generate(os.DirFS("../../datasets"), m, gen.Options{Scale: 1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for name, buf := range m {
		if strings.HasPrefix(name, "meetings/agendas/") {
			synFiles = append(synFiles, namedFile{strings.TrimPrefix(name, "meetings/agendas/"), buf.Bytes()})
		}
	}
	sort.Slice(synFiles, func(i, j int) bool { return synFiles[i].name < synFiles[j].name })
	for _, set := range []struct {
		name  string
		files []namedFile
	}{{"real", realFiles}, {"scale1", synFiles}} {
		var size int64
		for _, f := range set.files {
			size += int64(len(f.data))
		}
		b.Run(set.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			items := 0
			for b.Loop() {
				items = 0
				for _, f := range set.files {
					a, err := agenda.Decode(bytes.NewReader(f.data), f.name)
					if err != nil {
						continue // real files include ones the pipeline rejects
					}
					items += len(a.Items)
				}
			}
			b.ReportMetric(float64(items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}
