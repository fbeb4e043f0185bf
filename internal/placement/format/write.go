package format

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/placement"
)

// Run describes how a result was produced, for the result file.
type Run struct {
	Seed     uint64
	Optimal  placement.Side
	ParseMS  float64
	SolveMS  float64
	VerifyMS float64
	// Explain adds, for every applicant, why it did not obtain each
	// placement it ranked above its own.
	Explain bool
}

// writer is a buffered JSON writer that remembers its first error.
type writer struct {
	w   *bufio.Writer
	buf []byte
	err error
}

func newWriter(w io.Writer) *writer {
	return &writer{w: bufio.NewWriterSize(w, 1<<20), buf: make([]byte, 0, 256)}
}

// flushLine writes the bytes accumulated in buf.
func (w *writer) flushLine() {
	if w.err == nil {
		_, w.err = w.w.Write(w.buf)
	}
	w.buf = w.buf[:0]
}

func (w *writer) raw(s string) { w.buf = append(w.buf, s...) }

func (w *writer) str(s string) { w.buf = appendString(w.buf, s) }

func (w *writer) int(v int64) { w.buf = strconv.AppendInt(w.buf, v, 10) }

func (w *writer) close() error {
	w.flushLine()
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if w.err != nil {
		return fmt.Errorf("format: writing: %w", w.err)
	}
	return nil
}

// WriteResult writes a verified result in the JSON layout of
// docs/placement.md, one record per line.
func WriteResult(out io.Writer, in *placement.Instance, r *placement.Result, run Run) error {
	w := newWriter(out)
	w.raw("{\n\"assignments\": [")
	first := true
	for a, p := range r.Placement {
		if p == placement.Unassigned {
			continue
		}
		w.sep(&first)
		w.raw(`{"applicant": `)
		w.str(in.ApplicantID(int32(a)))
		w.raw(`, "placement": `)
		w.str(in.PlacementID(p))
		w.raw(`, "applicant_rank": `)
		w.int(int64(r.ApplicantRank[a]))
		w.raw(`, "placement_rank": `)
		w.int(int64(r.PlacementRank[a]))
		w.raw("}")
		w.flushLine()
	}
	w.raw("\n],\n\"unassigned\": [")
	first = true
	for a, p := range r.Placement {
		if p == placement.Unassigned {
			w.sep(&first)
			w.str(in.ApplicantID(int32(a)))
			w.flushLine()
		}
	}
	w.raw("\n],\n\"placements\": [")
	first = true
	for p := range r.Filled {
		w.sep(&first)
		w.raw(`{"id": `)
		w.str(in.PlacementID(int32(p)))
		w.raw(`, "capacity": `)
		w.int(int64(in.Capacity[p]))
		w.raw(`, "filled": `)
		w.int(int64(r.Filled[p]))
		w.raw(`, "cutoff_rank": `)
		if r.Cutoff[p] == placement.NotFull {
			w.raw("null")
		} else {
			w.int(int64(r.Cutoff[p]))
		}
		w.raw("}")
		w.flushLine()
	}
	w.raw("\n],\n")
	if run.Explain {
		if err := w.explanations(in, r); err != nil {
			return err
		}
	}
	w.writeStats(in, r, run)
	return w.close()
}

// sep writes the separator before an element of a one-per-line array.
func (w *writer) sep(first *bool) {
	if *first {
		w.raw("\n")
		*first = false
	} else {
		w.raw(",\n")
	}
}

func (w *writer) writeStats(in *placement.Instance, r *placement.Result, run Run) {
	w.raw(`"stable": true,` + "\n")
	w.raw(`"optimal": `)
	w.str(run.Optimal.String())
	w.raw(",\n\"seed\": ")
	w.buf = strconv.AppendUint(w.buf, run.Seed, 10)
	w.raw(",\n\"stats\": {\"applicants\": ")
	w.int(int64(in.NumApplicants()))
	w.raw(`, "placements": `)
	w.int(int64(in.NumPlacements()))
	w.raw(`, "assigned": `)
	assigned := 0
	for _, p := range r.Placement {
		if p != placement.Unassigned {
			assigned++
		}
	}
	w.int(int64(assigned))
	w.raw(`, "proposals": `)
	w.int(r.Stats.Proposals)
	w.raw(`, "improved_by_cycles": `)
	w.int(int64(r.Stats.ImprovedByCycles))
	w.raw(`, "cycles": `)
	w.int(int64(r.Stats.Cycles))
	w.raw(`, "cycle_rounds": `)
	w.int(int64(r.Stats.CycleRounds))
	for _, f := range []struct {
		name string
		ms   float64
	}{{"parse_ms", run.ParseMS}, {"solve_ms", run.SolveMS}, {"verify_ms", run.VerifyMS}} {
		w.raw(`, "` + f.name + `": `)
		w.buf = strconv.AppendFloat(w.buf, f.ms, 'f', 3, 64)
	}
	w.raw("}\n}\n")
}

// explanations writes, for every applicant, the reasons it is not at each
// placement it ranked above its own.
func (w *writer) explanations(in *placement.Instance, r *placement.Result) error {
	x := placement.NewExplainer(in, r)
	w.raw("\"explanations\": [")
	first := true
	for a := range r.Placement {
		reasons, err := x.Explain(int32(a))
		if err != nil {
			return err
		}
		w.sep(&first)
		w.raw(`{"applicant": `)
		w.str(in.ApplicantID(int32(a)))
		w.raw(`, "above": [`)
		for i, why := range reasons {
			if i > 0 {
				w.raw(", ")
			}
			w.raw(`{"placement": `)
			w.str(in.PlacementID(why.Placement))
			w.raw(`, "applicant_rank": `)
			w.int(int64(why.ApplicantRank))
			w.raw(`, "reason": `)
			w.str(why.Kind.String())
			if why.Kind == placement.RankedBelow || why.Kind == placement.TiedAtCutoff {
				w.raw(`, "your_rank": `)
				w.int(int64(why.YourRank))
				w.raw(`, "cutoff_rank": `)
				w.int(int64(why.Cutoff))
			}
			w.raw("}")
		}
		w.raw("]}")
		w.flushLine()
	}
	w.raw("\n],\n")
	return nil
}

// WriteJSON writes an instance in the JSON layout ReadJSON reads, one agent
// per line; seed is written when not nil.
func WriteJSON(out io.Writer, in *placement.Instance, seed *uint64) error {
	w := newWriter(out)
	w.raw("{\n\"applicants\": [")
	first := true
	for a := 0; a < in.NumApplicants(); a++ {
		w.sep(&first)
		w.raw(`{"id": `)
		w.str(in.ApplicantID(int32(a)))
		w.raw(`, "ranks": `)
		w.list(&in.Applicants, a, in.PlacementID)
		w.raw("}")
		w.flushLine()
	}
	w.raw("\n],\n\"placements\": [")
	first = true
	for p := 0; p < in.NumPlacements(); p++ {
		w.sep(&first)
		w.raw(`{"id": `)
		w.str(in.PlacementID(int32(p)))
		w.raw(`, "capacity": `)
		w.int(int64(in.Capacity[p]))
		w.raw(`, "ranks": `)
		w.list(&in.Placements, p, in.ApplicantID)
		w.raw("}")
		w.flushLine()
	}
	w.raw("\n]")
	if seed != nil {
		w.raw(",\n\"seed\": ")
		w.buf = strconv.AppendUint(w.buf, *seed, 10)
	}
	w.raw("\n}\n")
	return w.close()
}

// list writes list i of l, grouping ties in nested arrays.
func (w *writer) list(l *placement.Lists, i int, name func(int32) string) {
	lo, hi := l.Bounds(i)
	w.raw("[")
	for e := lo; e < hi; e++ {
		tiedPrev := e > lo && l.Rank[e] == l.Rank[e-1]
		tiedNext := e+1 < hi && l.Rank[e+1] == l.Rank[e]
		if e > lo {
			w.raw(", ")
		}
		if tiedNext && !tiedPrev {
			w.raw("[")
		}
		w.str(name(l.Item[e]))
		if tiedPrev && !tiedNext {
			w.raw("]")
		}
		if len(w.buf) > 1<<16 {
			w.flushLine()
		}
	}
	w.raw("]")
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, fmt.Sprintf(`\u%04x`, c)...)
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
