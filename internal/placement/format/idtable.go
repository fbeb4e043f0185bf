package format

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
)

// idTable maps ids to symbols. Ids of up to 16 bytes are stored inline in an
// open-addressing table with linear probing, so a lookup costs one cache miss
// and compares the id exactly, with no pointer to follow; longer ids go to a
// Go map. The hash is seeded at random per table, so crafted ids cannot force
// collisions; symbols do not depend on it.
type idTable struct {
	slots []idSlot
	mask  uint64
	count int
	seed  uint64
	long  map[string]int32
}

// idSlot holds an id of up to 16 bytes, zero-padded; n == 0 marks a free
// slot. last is the symbol's mark for duplicate detection (see symbols), kept
// here so that checking it costs no second cache miss.
type idSlot struct {
	k0, k1       uint64
	n, sym, last int32
}

const inlineID = 16

func newIDTable() *idTable {
	t := &idTable{seed: rand.Uint64() | 1, long: make(map[string]int32)}
	t.resize(1 << 10)
	return t
}

func (t *idTable) resize(size int) {
	old := t.slots
	t.slots = make([]idSlot, size)
	t.mask = uint64(size - 1)
	for _, s := range old {
		if s.n != 0 {
			i := t.hash(s.k0, s.k1, s.n) & t.mask // hash is seeded: recompute
			for t.slots[i].n != 0 {
				i = (i + 1) & t.mask
			}
			t.slots[i] = s
		}
	}
}

// idKey is an id prepared for the table: its first 16 bytes zero-padded, its
// length and its hash. long marks ids of more than 16 bytes, and the empty id
// (n == 0 marks free slots), which live in the map.
type idKey struct {
	k0, k1 uint64
	h      uint64
	n      int32
	long   bool
}

// key prepares id.
func (t *idTable) key(id []byte) idKey {
	if len(id) > inlineID || len(id) == 0 {
		return idKey{long: true}
	}
	var buf [inlineID]byte
	copy(buf[:], id)
	return t.finish(binary.LittleEndian.Uint64(buf[:8]), binary.LittleEndian.Uint64(buf[8:]), len(id))
}

// keyPadded prepares id without copying it, branch-free; id's backing array
// must hold 16 readable bytes from its start.
func (t *idTable) keyPadded(id []byte) idKey {
	n := len(id)
	if n > inlineID || n == 0 {
		return idKey{long: true}
	}
	w := id[:inlineID]
	c0, c1 := uint(min(n, 8)), uint(max(n, 8)-8)
	k0 := binary.LittleEndian.Uint64(w[:8]) & (^uint64(0) >> (64 - 8*c0))
	k1 := binary.LittleEndian.Uint64(w[8:]) & (^uint64(0) >> (64 - 8*c1))
	return t.finish(k0, k1, n)
}

func (t *idTable) finish(k0, k1 uint64, n int) idKey {
	return idKey{k0: k0, k1: k1, n: int32(n), h: t.hash(k0, k1, int32(n))}
}

func (t *idTable) hash(k0, k1 uint64, n int32) uint64 {
	hi, lo := bits.Mul64(k0^t.seed, 0x9E3779B97F4A7C15)
	h := hi ^ lo ^ k1
	hi, lo = bits.Mul64(h^uint64(n)<<56, 0xC2B2AE3D27D4EB4F^t.seed)
	return hi ^ lo
}

// lookup returns id's symbol, or adds id with symbol next and returns next
// with added true. For inline ids it also returns the symbol's mark (nil for
// long ids, whose marks the caller keeps).
func (t *idTable) lookup(id []byte, next int32) (sym int32, added bool, mark *int32) {
	return t.lookupKey(t.key(id), id, next)
}

// lookupKey is lookup with the key prepared (k must be id's key).
func (t *idTable) lookupKey(k idKey, id []byte, next int32) (sym int32, added bool, mark *int32) {
	if k.long {
		if s, ok := t.long[string(id)]; ok {
			return s, false, nil
		}
		t.long[string(id)] = next
		return next, true, nil
	}
	if 2*(t.count+1) > len(t.slots) {
		t.resize(2 * len(t.slots))
	}
	i := k.h & t.mask
	for {
		s := &t.slots[i]
		if s.n == 0 {
			break
		}
		if s.k0 == k.k0 && s.k1 == k.k1 && s.n == k.n {
			return s.sym, false, &s.last
		}
		i = (i + 1) & t.mask
	}
	t.slots[i] = idSlot{k0: k.k0, k1: k.k1, n: k.n, sym: next}
	t.count++
	return next, true, &t.slots[i].last
}

// touch loads the slot where k is probed first and returns a byte of it:
// resolving a batch of ids after touching all their slots lets the memory
// loads overlap instead of waiting for each other.
func (t *idTable) touch(k idKey) int32 {
	if k.long {
		return 0
	}
	return t.slots[k.h&t.mask].n
}
