package format

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/pathways-gov/pathways/internal/placement"
	"github.com/pathways-gov/pathways/internal/placement/gen"
)

var benchConfigs = []gen.Config{
	{Applicants: 50_000, Placements: 5_000, Ranks: 10, Seed: 1},
	{Applicants: 1_000_000, Placements: 100_000, Ranks: 10, Seed: 1},
}

func benchFile(b *testing.B, c gen.Config) (*placement.Instance, []byte) {
	b.Helper()
	in, err := gen.Generate(c)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, in, nil); err != nil {
		b.Fatal(err)
	}
	return in, buf.Bytes()
}

// BenchmarkReadJSON parses a generated instance from memory (streaming, as
// from standard input: no size hint).
func BenchmarkReadJSON(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run(fmt.Sprintf("%dk_%dk_%d", c.Applicants/1000, c.Placements/1000, c.Ranks), func(b *testing.B) {
			_, data := benchFile(b, c)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := ReadJSON(bytes.NewReader(data), "bench"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteResult writes the result of a solved instance.
func BenchmarkWriteResult(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run(fmt.Sprintf("%dk_%dk_%d", c.Applicants/1000, c.Placements/1000, c.Ranks), func(b *testing.B) {
			in, _ := benchFile(b, c)
			r, err := placement.Solve(in, placement.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := WriteResult(io.Discard, in, r, Run{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
