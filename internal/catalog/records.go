package catalog

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

//go:embed data/*.json
var builtinFS embed.FS

// Record is one catalog entry as stored in the database: staff can later edit any entry.
type Record struct {
	Kind Kind
	Code string
	Data []byte // the JSON of the entry's struct (Program, Stream, Level…)
}

// Builtin returns the catalog embedded in the binary, validated. Each call
// parses the data afresh, so callers may keep or discard the result freely.
func Builtin() (*Catalog, error) {
	e, err := builtinEntries()
	if err != nil {
		return nil, err
	}
	c, err := New(e)
	if err != nil {
		return nil, fmt.Errorf("catalog: built-in data: %w", err)
	}
	return c, nil
}

// builtinEntries reads every embedded data file and merges their entries.
func builtinEntries() (Entries, error) {
	names, err := fs.Glob(builtinFS, "data/*.json")
	if err != nil {
		return Entries{}, fmt.Errorf("catalog: list data files: %w", err)
	}
	var all Entries
	for _, name := range names { // fs.Glob returns names in lexical order
		raw, err := builtinFS.ReadFile(name)
		if err != nil {
			return Entries{}, fmt.Errorf("catalog: read %s: %w", name, err)
		}
		var e Entries
		if err := decodeStrict(raw, &e); err != nil {
			return Entries{}, fmt.Errorf("catalog: parse %s: %w", name, err)
		}
		all.merge(e)
	}
	return all, nil
}

func (e *Entries) merge(o Entries) {
	e.Programs = append(e.Programs, o.Programs...)
	e.Streams = append(e.Streams, o.Streams...)
	e.Levels = append(e.Levels, o.Levels...)
	e.Competencies = append(e.Competencies, o.Competencies...)
	e.Organizations = append(e.Organizations, o.Organizations...)
	e.Guidance = append(e.Guidance, o.Guidance...)
}

// decodeStrict decodes one JSON value, rejecting unknown fields and trailing data.
func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("unexpected data after the JSON value")
	}
	return nil
}

// Records returns every entry as a Record, in a deterministic order: by kind
// (as in Kinds), then in display order. FromRecords(c.Records()) rebuilds an
// equal catalog.
func (c *Catalog) Records() []Record {
	n := len(c.programs) + len(c.streams) + len(c.levels) + len(c.competencies) + len(c.organizations) + len(c.guidance)
	rs := make([]Record, 0, n)
	rs = appendRecords(rs, KindProgram, c.programs, func(v Program) string { return v.Code })
	rs = appendRecords(rs, KindStream, c.streams, func(v Stream) string { return v.Code })
	rs = appendRecords(rs, KindLevel, c.levels, func(v Level) string { return v.Code })
	rs = appendRecords(rs, KindCompetency, c.competencies, func(v Competency) string { return v.Code })
	rs = appendRecords(rs, KindOrganization, c.organizations, func(v Organization) string { return v.Code })
	rs = appendRecords(rs, KindGuidance, c.guidance, func(v Guidance) string { return v.Code })
	return rs
}

func appendRecords[T any](rs []Record, kind Kind, list []T, code func(T) string) []Record {
	for _, v := range list {
		data, err := json.Marshal(v)
		if err != nil {
			// The entry types hold only strings, numbers, booleans, slices
			// and pointers to int: encoding them cannot fail.
			panic(fmt.Sprintf("catalog: encode %s %q: %v", kind, code(v), err))
		}
		rs = append(rs, Record{Kind: kind, Code: code(v), Data: data})
	}
	return rs
}

// FromRecords rebuilds a catalog from stored records and validates it. Each
// record's Data must decode (unknown fields are rejected) to an entry whose
// code equals the record's Code.
func FromRecords(rs []Record) (*Catalog, error) {
	var e Entries
	for i, r := range rs {
		if err := e.add(r); err != nil {
			return nil, fmt.Errorf("catalog: record %d (%s %q): %w", i, r.Kind, r.Code, err)
		}
	}
	return New(e)
}

// add decodes one record into the matching list.
func (e *Entries) add(r Record) error {
	switch r.Kind {
	case KindProgram:
		return addEntry(&e.Programs, r, func(v Program) string { return v.Code })
	case KindStream:
		return addEntry(&e.Streams, r, func(v Stream) string { return v.Code })
	case KindLevel:
		return addEntry(&e.Levels, r, func(v Level) string { return v.Code })
	case KindCompetency:
		return addEntry(&e.Competencies, r, func(v Competency) string { return v.Code })
	case KindOrganization:
		return addEntry(&e.Organizations, r, func(v Organization) string { return v.Code })
	case KindGuidance:
		return addEntry(&e.Guidance, r, func(v Guidance) string { return v.Code })
	}
	return fmt.Errorf("unknown kind")
}

func addEntry[T any](list *[]T, r Record, code func(T) string) error {
	var v T
	if err := decodeStrict(r.Data, &v); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	if got := code(v); got != r.Code {
		return fmt.Errorf("data has code %q", got)
	}
	*list = append(*list, v)
	return nil
}

// Entries returns a deep copy of every entry, in display order, for editing:
// change it and pass it to New to build a new catalog.
func (c *Catalog) Entries() Entries {
	var e Entries
	for _, r := range c.Records() {
		// Records were just encoded from valid entries, so they decode.
		if err := e.add(r); err != nil {
			panic(fmt.Sprintf("catalog: copy entries: %v", err))
		}
	}
	return e
}
