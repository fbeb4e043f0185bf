package placement

import "math/bits"

// unmatched marks an applicant without a placement.
const unmatched = -1

// seats is a placement's state during applicant-proposing deferred
// acceptance, packed so that a proposal touches one cache line of it.
type seats struct {
	start    int32 // first entry of the placement's strict list
	capacity int32
	count    int32 // applicants held
	worst    int32 // entry of the worst applicant held, start-1 if none
}

// applicantsPropose runs applicant-proposing deferred acceptance on the
// strict instance. It returns, for each applicant, the index of the entry of
// its list it is matched through (or unmatched), and the number of proposals.
//
// Each placement keeps the applicants it holds as bits over the positions of
// its strict list, and the position of the worst one held. Until a placement
// is full the worst only moves down its list; once full it only moves up, one
// scan over the list at most. Every applicant walks its list once. Hence the
// cost is linear in the total length of the lists.
//
// Applicants are processed in rounds, in increasing index order within a
// round, those displaced in one round proposing again in the next: the same
// result as any other order (deferred acceptance does not depend on it), with
// far better memory locality than a stack.
func applicantsPropose(s *strict) (match []int32, proposals int64) {
	// cur[a] is the entry applicant a holds; before a first proposes it is
	// the entry before its list, after a exhausts its list the entry after.
	cur := make([]int32, s.n)
	for a := range cur {
		cur[a] = s.aStart[a] - 1
	}
	st := make([]seats, s.m)
	for p := range st {
		st[p] = seats{start: s.pStart[p], capacity: s.capacity[p], worst: s.pStart[p] - 1}
	}
	held := make([]uint64, (len(s.pItem)+63)/64)
	free := make([]uint64, (s.n+63)/64) // applicants to process in the next round
	for a := 0; a < s.n; a++ {
		free[a>>6] |= 1 << (uint(a) & 63)
	}
	// Entries (on placements' lists) of the applicants displaced this round:
	// who they are is looked up after the round, in one loop whose memory
	// loads do not wait for each other.
	var displaced []int32
	for pending := s.n; pending > 0; pending = len(displaced) {
		displaced = displaced[:0]
		for wi, word := range free {
			free[wi] = 0
			for word != 0 {
				a := int32(wi<<6 + bits.TrailingZeros64(word))
				word &= word - 1
				e, end := cur[a]+1, s.aStart[a+1]
				for ; e < end; e++ {
					x := s.aEnt[e]
					if x.key < 0 {
						continue // the placement does not list this applicant
					}
					p := &st[x.plc]
					g := p.start + x.key
					if p.count < p.capacity {
						p.count++
						held[g>>6] |= 1 << (uint(g) & 63)
						p.worst = max(p.worst, g)
						break
					}
					w := p.worst
					if g > w {
						continue // full of better applicants (or no seats)
					}
					held[w>>6] &^= 1 << (uint(w) & 63)
					held[g>>6] |= 1 << (uint(g) & 63)
					p.worst = prevSet(held, w-1)
					displaced = append(displaced, w)
					break
				}
				proposals += int64(min(e+1, end) - cur[a] - 1)
				cur[a] = e
			}
		}
		for _, w := range displaced {
			r := s.pItem[w]
			free[r>>6] |= 1 << (uint(r) & 63)
		}
	}
	for a, e := range cur {
		if e >= s.aStart[a+1] {
			cur[a] = unmatched
		}
	}
	return cur, proposals
}

// prevSet returns the largest index i <= from whose bit is set. The caller
// guarantees one exists.
func prevSet(bitsets []uint64, from int32) int32 {
	w := from >> 6
	word := bitsets[w] & (^uint64(0) >> (63 - (uint(from) & 63)))
	for word == 0 {
		w--
		word = bitsets[w]
	}
	return w<<6 + int32(bits.Len64(word)) - 1
}

// placementsPropose runs placement-proposing deferred acceptance: each
// placement with free seats offers them down its strict list; an applicant
// keeps the best offer so far. Every placement entry is offered at most once,
// so the cost is linear. It returns the matched entry of each applicant's
// list (or unmatched) and the number of offers.
func placementsPropose(s *strict) (match []int32, proposals int64) {
	s.buildPlacementKeys()
	holding := make([]int32, s.n) // position on the applicant's list of the offer held, -1 if none
	for a := range holding {
		holding[a] = -1
	}
	next := make([]int32, s.m)
	count := make([]int32, s.m)
	queued := make([]bool, s.m)
	work := make([]int32, 0, s.m)
	for p := s.m - 1; p >= 0; p-- {
		next[p] = s.pStart[p]
		queued[p] = true
		work = append(work, int32(p))
	}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		queued[p] = false
		for count[p] < s.capacity[p] && next[p] < s.pStart[p+1] {
			g := next[p]
			next[p]++
			proposals++
			k := s.pKey[g]
			if k < 0 {
				continue // the applicant does not list this placement
			}
			a := s.pItem[g]
			old := holding[a]
			if old >= 0 && old < k {
				continue // the applicant holds a better offer
			}
			holding[a] = k
			count[p]++
			if old >= 0 {
				q := s.aEnt[s.aStart[a]+old].plc
				count[q]--
				if !queued[q] {
					queued[q] = true
					work = append(work, q)
				}
			}
		}
	}
	match = make([]int32, s.n)
	for a, k := range holding {
		match[a] = unmatched
		if k >= 0 {
			match[a] = s.aStart[a] + k
		}
	}
	return match, proposals
}
