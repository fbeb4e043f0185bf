// Package catalog is the built-in career catalog: programs, focus areas and
// work streams, levels, the competency library, organizations and applicant
// guidance, every text in English and French. It ships as embedded JSON taken
// from the source pages, is stored as Records so staff can edit any entry,
// and is rebuilt from them with FromRecords. It does no I/O beyond reading
// its own embedded files.
//
// A Catalog is immutable once built: the values its methods return share
// their inner slices with it and must be treated as read-only. To change
// entries, edit a copy from Entries and build a new Catalog with New.
package catalog

import (
	"cmp"
	"slices"
)

// Catalog is a validated, indexed set of catalog entries.
type Catalog struct {
	programs      []Program
	streams       []Stream
	levels        []Level
	competencies  []Competency
	organizations []Organization
	guidance      []Guidance

	programIdx      map[string]int
	streamIdx       map[string]int
	levelIdx        map[string]int
	competencyIdx   map[string]int
	organizationIdx map[string]int
}

// New sorts, indexes and validates entries. The catalog keeps its own copy of
// the entry lists; the entries themselves are not deep-copied.
func New(e Entries) (*Catalog, error) {
	c := assemble(e)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// assemble builds an unvalidated catalog: entries sorted in display order and
// indexed by code (the first entry wins when a code repeats; Validate reports it).
func assemble(e Entries) *Catalog {
	c := &Catalog{
		programs:      slices.Clone(e.Programs),
		streams:       slices.Clone(e.Streams),
		levels:        slices.Clone(e.Levels),
		competencies:  slices.Clone(e.Competencies),
		organizations: slices.Clone(e.Organizations),
		guidance:      slices.Clone(e.Guidance),
	}
	slices.SortStableFunc(c.programs, func(a, b Program) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.Code, b.Code))
	})
	c.programIdx = index(c.programs, func(p Program) string { return p.Code })
	slices.SortStableFunc(c.streams, func(a, b Stream) int {
		return c.compareInProgram(a.Program, b.Program, a.Position, b.Position, a.Code, b.Code)
	})
	slices.SortStableFunc(c.levels, func(a, b Level) int {
		return c.compareInProgram(a.Program, b.Program, a.Position, b.Position, a.Code, b.Code)
	})
	slices.SortStableFunc(c.competencies, func(a, b Competency) int { return cmp.Compare(a.Code, b.Code) })
	slices.SortStableFunc(c.organizations, func(a, b Organization) int { return cmp.Compare(a.Code, b.Code) })
	slices.SortStableFunc(c.guidance, func(a, b Guidance) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.Code, b.Code))
	})
	c.streamIdx = index(c.streams, func(s Stream) string { return s.Code })
	c.levelIdx = index(c.levels, func(l Level) string { return l.Code })
	c.competencyIdx = index(c.competencies, func(x Competency) string { return x.Code })
	c.organizationIdx = index(c.organizations, func(o Organization) string { return o.Code })
	return c
}

// compareInProgram orders entries by their program's position, then their own
// position, then code. Unknown programs sort last.
func (c *Catalog) compareInProgram(progA, progB string, posA, posB int, codeA, codeB string) int {
	return cmp.Or(
		cmp.Compare(c.programRank(progA), c.programRank(progB)),
		cmp.Compare(progA, progB),
		cmp.Compare(posA, posB),
		cmp.Compare(codeA, codeB),
	)
}

func (c *Catalog) programRank(code string) int {
	if i, ok := c.programIdx[code]; ok {
		return i
	}
	return len(c.programs)
}

func index[T any](list []T, code func(T) string) map[string]int {
	m := make(map[string]int, len(list))
	for i, v := range list {
		if _, seen := m[code(v)]; !seen {
			m[code(v)] = i
		}
	}
	return m
}

func lookup[T any](list []T, idx map[string]int, code string) (T, bool) {
	if i, ok := idx[code]; ok {
		return list[i], true
	}
	var zero T
	return zero, false
}

// Programs returns the programs in display order.
func (c *Catalog) Programs() []Program { return slices.Clone(c.programs) }

// Program returns the program with the given code.
func (c *Catalog) Program(code string) (Program, bool) {
	return lookup(c.programs, c.programIdx, code)
}

// Streams returns a program's streams in display order.
func (c *Catalog) Streams(program string) []Stream {
	var out []Stream
	for _, s := range c.streams {
		if s.Program == program {
			out = append(out, s)
		}
	}
	return out
}

// Stream returns the stream with the given code if it belongs to the program.
func (c *Catalog) Stream(program, code string) (Stream, bool) {
	s, ok := c.StreamByCode(code)
	if !ok || s.Program != program {
		return Stream{}, false
	}
	return s, true
}

// StreamByCode returns the stream with the given code, whatever its program.
func (c *Catalog) StreamByCode(code string) (Stream, bool) {
	return lookup(c.streams, c.streamIdx, code)
}

// Levels returns a program's levels in display order.
func (c *Catalog) Levels(program string) []Level {
	var out []Level
	for _, l := range c.levels {
		if l.Program == program {
			out = append(out, l)
		}
	}
	return out
}

// Level returns the level with the given code.
func (c *Catalog) Level(code string) (Level, bool) {
	return lookup(c.levels, c.levelIdx, code)
}

// LevelsInStream returns, in display order, the levels that have at least one
// path found in the stream. It returns nil for an unknown stream.
func (c *Catalog) LevelsInStream(stream string) []Level {
	s, ok := c.StreamByCode(stream)
	if !ok {
		return nil
	}
	var out []Level
	for _, l := range c.levels {
		if l.Program == s.Program && l.InStream(stream) {
			out = append(out, l)
		}
	}
	return out
}

// InStream reports whether any of the level's paths is found in the stream.
// It does not check that the stream belongs to the level's program.
func (l Level) InStream(stream string) bool {
	for _, p := range l.Paths {
		if p.InStream(stream) {
			return true
		}
	}
	return false
}

// Competency returns the competency with the given code.
func (c *Catalog) Competency(code string) (Competency, bool) {
	return lookup(c.competencies, c.competencyIdx, code)
}

// Competencies returns the competency library, ordered by code.
func (c *Catalog) Competencies() []Competency { return slices.Clone(c.competencies) }

// Organizations returns the organizations, ordered by code.
func (c *Catalog) Organizations() []Organization { return slices.Clone(c.organizations) }

// Organization returns the organization with the given code.
func (c *Catalog) Organization(code string) (Organization, bool) {
	return lookup(c.organizations, c.organizationIdx, code)
}

// Guidance returns the applicant guidance in display order.
func (c *Catalog) Guidance() []Guidance { return slices.Clone(c.guidance) }
