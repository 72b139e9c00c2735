package csvsrc

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"synergy/pipeline/gen"
	"synergy/pipeline/states"
)

// Benchmarks of the hot CSV readers on the real files and on synthetic files of
// scale 10 (pipeline/gen). Compare two versions with benchstat (docs/performance.md):
//
//	go test -run '^$' -bench . -benchmem -count 10 ./pipeline/csvsrc > new.txt

type memSink map[string]*bytes.Buffer

type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

func (m memSink) Create(name string) (io.WriteCloser, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return nopCloser{b}, nil
}

const realDatasets = "../../datasets"

func benchResolver(b *testing.B) *states.Resolver {
	b.Helper()
	sf, err := os.Open(filepath.Join(realDatasets, "states.csv"))
	if err != nil {
		b.Fatal(err)
	}
	defer sf.Close()
	nf, err := os.Open(filepath.Join(realDatasets, "state_names.csv"))
	if err != nil {
		b.Fatal(err)
	}
	defer nf.Close()
	r, err := states.Load(sf, nf)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func synthetic(b *testing.B, scale float64) memSink {
	b.Helper()
	m := memSink{}
	if _, err := gen.Generate(os.DirFS(realDatasets), m, gen.Options{Scale: scale, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return m
}

func benchInputs(b *testing.B, realFile, synFile string) map[string][]byte {
	b.Helper()
	real, err := os.ReadFile(filepath.Join(realDatasets, realFile))
	if err != nil {
		b.Fatal(err)
	}
	return map[string][]byte{"real": real, "scale10": synthetic(b, 10)[synFile].Bytes()}
}

func BenchmarkReadParticipation(b *testing.B) {
	res := benchResolver(b)
	for _, name := range []string{"real", "scale10"} {
		data := benchInputs(b, "membership/apmbc.csv", "membership/apmbc.csv")[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				rows, _, err := ReadParticipation(bytes.NewReader(data), "apmbc.csv", res)
				if err != nil || len(rows) == 0 {
					b.Fatal(err, len(rows))
				}
			}
		})
	}
}

func BenchmarkReadMeetings(b *testing.B) {
	res := benchResolver(b)
	inputs := benchInputs(b, "meetings/meetings.csv", "meetings/meetings.csv")
	for _, name := range []string{"real", "scale10"} {
		data := inputs[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			var n int
			for b.Loop() {
				rows, _, _, err := ReadMeetings(bytes.NewReader(data), "meetings.csv", res)
				if err != nil {
					b.Fatal(err)
				}
				n = len(rows)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
