package format

import (
	"github.com/pathways-gov/pathways/internal/placement"
)

// symbols interns the ids of one side. An id gets a symbol number when first
// seen, whether defined (an applicant's own "id") or referenced (named in a
// list); its dense index is its rank among definitions, in input order.
type symbols struct {
	kind    string // "applicant" or "placement", for messages
	idWhat  string // "applicant id" or "placement id"
	index   *idTable
	names   []string
	def     []int32    // dense index, -1 while undefined
	defAt   []position // where defined
	firstAt []position // where first seen
	last    []int32    // list marks of long ids (inline ids keep theirs in the table)
	defined int32
}

func newSymbols(kind string) *symbols {
	return &symbols{kind: kind, idWhat: kind + " id", index: newIDTable()}
}

// intern returns the symbol of id, creating it first seen at p.
func (t *symbols) intern(id []byte, p position) int32 {
	sym, _ := t.internMark(id, p)
	return sym
}

// internMark is intern that also returns where the symbol's list mark lives.
func (t *symbols) internMark(id []byte, p position) (int32, *int32) {
	return t.internKey(t.index.key(id), id, p)
}

// internKey is internMark with id's key prepared.
func (t *symbols) internKey(k idKey, id []byte, p position) (int32, *int32) {
	sym, added, mark := t.index.lookupKey(k, id, int32(len(t.names)))
	if added {
		t.names = append(t.names, string(id))
		t.def = append(t.def, -1)
		t.defAt = append(t.defAt, position{})
		t.firstAt = append(t.firstAt, p)
		t.last = append(t.last, 0)
	}
	if mark == nil {
		mark = &t.last[sym]
	}
	return sym, mark
}

// mentioned interns an id named in list (1-based, unique per list) and
// reports false if the same list named it before.
func (t *symbols) mentioned(id []byte, p position, list int32) (int32, bool) {
	return t.mentionedKey(t.index.key(id), id, p, list)
}

// mentionedKey is mentioned with id's key prepared.
func (t *symbols) mentionedKey(k idKey, id []byte, p position, list int32) (int32, bool) {
	sym, mark := t.internKey(k, id, p)
	if *mark == list {
		return sym, false
	}
	*mark = list
	return sym, true
}

// define gives sym the next dense index; it fails if sym is already defined.
func (t *symbols) define(sym int32, p position) (prev position, ok bool) {
	if t.def[sym] >= 0 {
		return t.defAt[sym], false
	}
	t.def[sym] = t.defined
	t.defAt[sym] = p
	t.defined++
	return position{}, true
}

// ids returns the defined ids in dense order.
func (t *symbols) ids() []string {
	out := make([]string, t.defined)
	for sym, d := range t.def {
		if d >= 0 {
			out[d] = t.names[sym]
		}
	}
	return out
}

// firstUndefined returns the undefined symbol seen earliest, or -1.
func (t *symbols) firstUndefined() int32 {
	best := int32(-1)
	for sym, d := range t.def {
		if d < 0 && (best < 0 || t.firstAt[sym].offset < t.firstAt[best].offset) {
			best = int32(sym)
		}
	}
	return best
}

// lists accumulates one side's lists with items as symbols of the other side.
type lists struct {
	start, item, rank []int32
}

// newLists returns empty lists with room for about hint entries: capacity
// never written costs no resident memory, and saves copying as lists grow.
func newLists(hint int) *lists {
	return &lists{start: []int32{0}, item: make([]int32, 0, hint), rank: make([]int32, 0, hint)}
}

// resolve turns the symbols of items into dense indices (all defined).
func (l *lists) resolve(other *symbols) placement.Lists {
	for i, sym := range l.item {
		l.item[i] = other.def[sym]
	}
	return placement.Lists{Start: l.start, Item: l.item, Rank: l.rank}
}
