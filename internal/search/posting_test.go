package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestPostingMatchesModel adds and removes random documents on both sides
// of postings, small and grown, and compares them with two plain sets.
func TestPostingMatchesModel(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for trial := range 2000 {
		var p posting
		title, body := map[uint32]bool{}, map[uint32]bool{}
		maxDoc := uint32(2 + r.IntN(8)) // small ranges keep postings near fewDocs
		for step := range 30 {
			n := r.Uint32N(maxDoc)
			if r.IntN(3) == 0 {
				p.remove(n)
				delete(title, n)
				delete(body, n)
			} else {
				inTitle := r.IntN(2) == 0
				wantFirst := !title[n] && !body[n]
				if inTitle {
					title[n] = true
				} else {
					body[n] = true
				}
				if first := p.add(n, inTitle); first != wantFirst {
					t.Fatalf("trial %d step %d: add(%d, %v) first = %v, want %v", trial, step, n, inTitle, first, wantFirst)
				}
			}
			if got, want := members(p.titleSet()), sortedKeys(title); !slices.Equal(got, want) {
				t.Fatalf("trial %d step %d: title %v, want %v", trial, step, got, want)
			}
			if got, want := members(p.bodySet()), sortedKeys(body); !slices.Equal(got, want) {
				t.Fatalf("trial %d step %d: body %v, want %v", trial, step, got, want)
			}
			if got, want := p.size(), uint64(len(title)+len(body)); got != want {
				t.Fatalf("trial %d step %d: size %d, want %d", trial, step, got, want)
			}
			if got, want := p.isEmpty(), len(title)+len(body) == 0; got != want {
				t.Fatalf("trial %d step %d: isEmpty %v, want %v", trial, step, got, want)
			}
		}
	}
}

func members(bm *roaring.Bitmap) []uint32 {
	if bm == nil {
		return []uint32{}
	}
	return append([]uint32{}, bm.ToArray()...)
}

func sortedKeys(m map[uint32]bool) []uint32 {
	out := []uint32{}
	for n := range m {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
