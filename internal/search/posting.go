package search

import (
	"math/bits"

	"github.com/RoaringBitmap/roaring/v2"
)

// A posting starts small: up to fewDocs documents kept in the posting
// itself, with a flag each for title and body, and no bitmap. Most of a
// vocabulary is rare, so most postings stay small: a Roaring bitmap costs
// several allocations and pointers for a handful of members, which the
// garbage collector would have to trace. A posting that outgrows fewDocs
// moves to bitmaps for good.
const fewDocs = 4 // at most 8: the flags are uint8

// posting holds the documents whose title, and whose body, hold a term.
type posting struct {
	term string // "" when the term number is free

	// While big is false, the documents are few[:numFew], few[i] in the
	// title when bit i of fewTitle is set and in the body when bit i of
	// fewBody is. Once big, they are in title and body; a nil bitmap is empty.
	title, body       *roaring.Bitmap
	few               [fewDocs]uint32
	fewTitle, fewBody uint8
	numFew            uint8
	big               bool

	common bool // listed in Index.commonTerms
}

// size returns the number of title memberships plus body memberships.
func (p *posting) size() uint64 {
	if !p.big {
		return uint64(bits.OnesCount8(p.fewTitle) + bits.OnesCount8(p.fewBody))
	}
	var n uint64
	if p.title != nil {
		n += p.title.GetCardinality()
	}
	if p.body != nil {
		n += p.body.GetCardinality()
	}
	return n
}

// isEmpty reports whether the posting holds no document.
func (p *posting) isEmpty() bool {
	if !p.big {
		return p.numFew == 0
	}
	return p.title == nil && p.body == nil
}

// add adds document n to the title or body side and reports whether n is
// new to the posting (on neither side before).
func (p *posting) add(n uint32, title bool) (first bool) {
	if !p.big {
		i := p.findFew(n)
		if i < 0 && p.numFew < fewDocs {
			i = int(p.numFew)
			p.few[i] = n
			p.numFew++
			first = true
		}
		if i >= 0 {
			if title {
				p.fewTitle |= 1 << i
			} else {
				p.fewBody |= 1 << i
			}
			return first
		}
		p.grow()
	}
	mine, other := &p.body, p.title
	if title {
		mine, other = &p.title, p.body
	}
	if *mine == nil {
		*mine = roaring.New()
	}
	return (*mine).CheckedAdd(n) && (other == nil || !other.Contains(n))
}

// findFew returns the index of n among the few documents, or -1.
func (p *posting) findFew(n uint32) int {
	for i := range int(p.numFew) {
		if p.few[i] == n {
			return i
		}
	}
	return -1
}

// grow moves a small posting's documents to bitmaps.
func (p *posting) grow() {
	p.title, p.body = p.fewSet(p.fewTitle), p.fewSet(p.fewBody)
	p.few, p.fewTitle, p.fewBody, p.numFew = [fewDocs]uint32{}, 0, 0, 0
	p.big = true
}

// fewSet returns the few documents whose bit is set in flags, or nil for none.
func (p *posting) fewSet(flags uint8) *roaring.Bitmap {
	if flags == 0 {
		return nil
	}
	bm := roaring.New()
	for i := range int(p.numFew) {
		if flags&(1<<i) != 0 {
			bm.Add(p.few[i])
		}
	}
	return bm
}

// remove removes document n from both sides.
func (p *posting) remove(n uint32) {
	if p.big {
		p.title = removeOrNil(p.title, n)
		p.body = removeOrNil(p.body, n)
		return
	}
	i := p.findFew(n)
	if i < 0 {
		return
	}
	last := int(p.numFew) - 1
	p.few[i] = p.few[last]
	p.fewTitle = moveBit(p.fewTitle, last, i)
	p.fewBody = moveBit(p.fewBody, last, i)
	p.few[last] = 0
	p.numFew--
}

// moveBit returns flags with bit to replaced by bit from, and bit from
// cleared; with from == to, the bit is just cleared.
func moveBit(flags uint8, from, to int) uint8 {
	bit := flags >> from & 1
	flags &^= 1<<to | 1<<from
	if from == to {
		return flags
	}
	return flags | bit<<to
}

// titleSet and bodySet return the documents of each side, nil for none.
// A big posting's bitmap is the index's own and must not be modified; a
// small posting's is made for the caller.
func (p *posting) titleSet() *roaring.Bitmap {
	if p.big {
		return p.title
	}
	return p.fewSet(p.fewTitle)
}

func (p *posting) bodySet() *roaring.Bitmap {
	if p.big {
		return p.body
	}
	return p.fewSet(p.fewBody)
}
