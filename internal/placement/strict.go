package placement

import (
	"math/bits"
	"slices"
)

// entry is one applicant's list entry after the lottery: the placement, and
// the position of the applicant on that placement's strict list (key), or -1
// when the placement does not list the applicant. Packing both in 8 bytes
// makes each proposal touch one cache line of the applicant's list.
type entry struct {
	plc, key int32
}

// strict is the instance after the lottery: every tie group is put in lottery
// order, so each list is a strict order. Tie-breaking only permutes entries
// inside their group, so a strict entry's weak rank is the original Rank at
// the same index.
type strict struct {
	in       *Instance
	n, m     int
	capacity []int32

	aStart []int32
	aEnt   []entry // applicants' strict lists with cross references
	aRank  []int32 // weak ranks of applicants' entries

	pStart, pItem, pRank []int32 // placements' strict lists and weak ranks
	aTies, pTies         bool    // some applicant's, some placement's list has a tie

	// pKey[g], for a placement entry g naming applicant a, is the position
	// (from aStart[a]) of the placement on a's strict list, or -1. Built only
	// for placement-proposing runs (buildPlacementKeys).
	pKey []int32
}

// bucketed is a placement's entry filed under its applicant: the placement
// and the entry's position on its strict list.
type bucketed struct {
	plc, pos int32
}

// newStrict checks the instance, breaks ties with the lottery drawn from seed
// and builds the cross references, in time linear in the size of the
// instance. The checks are those of Validate, fused into these passes.
func newStrict(in *Instance, seed uint64) (*strict, error) {
	applicantTies, placementTies, err := in.checkSides()
	if err != nil {
		return nil, err
	}
	s := &strict{
		in: in, n: in.NumApplicants(), m: in.NumPlacements(), capacity: in.Capacity,
		aStart: in.Applicants.Start, aRank: in.Applicants.Rank,
		pStart: in.Placements.Start, pItem: in.Placements.Item, pRank: in.Placements.Rank,
		aTies: applicantTies, pTies: placementTies,
	}
	aItem := in.Applicants.Item
	if applicantTies {
		// Applicants' ties follow one random order of placements.
		aItem = sortTies(&in.Applicants, lotteryRanks(s.m, seed^placementStream))
	}
	if placementTies {
		// Placements' ties follow one random order of applicants (single
		// tie-breaking): the same order at every placement.
		s.pItem = sortTies(&in.Placements, lotteryRanks(s.n, seed))
	}
	if s.aEnt, err = crossReference(s, aItem); err != nil {
		return nil, err
	}
	return s, nil
}

// sortTies returns l's items with each tie group put in increasing order of
// rank[item] (the lottery). Groups are sorted where they lie: by comparison
// up to 256 entries (at most 8 comparisons per entry), by radix sort beyond
// (a few passes per entry), so the cost stays linear. The two halves of the
// lists are sorted concurrently.
func sortTies(l *Lists, rank []int32) []int32 {
	out := slices.Clone(l.Item)
	mid := splitLists(l)
	both(len(l.Item), func(h int) {
		from, to := 0, mid
		if h == 1 {
			from, to = mid, l.Len()
		}
		var keys, tmp []uint64
		for i := from; i < to; i++ {
			lo, hi := l.Start[i], l.Start[i+1]
			for g := lo; g < hi; {
				end := g + 1
				for end < hi && l.Rank[end] == l.Rank[g] {
					end++
				}
				if end-g > 1 {
					keys, tmp = sortGroup(out[g:end], rank, keys, tmp)
				}
				g = end
			}
		}
	})
	return out
}

// sortGroup orders items by rank[item]; keys and tmp are scratch, returned
// for reuse.
func sortGroup(items, rank []int32, keys, tmp []uint64) ([]uint64, []uint64) {
	keys = keys[:0]
	for _, x := range items {
		keys = append(keys, uint64(rank[x])<<32|uint64(uint32(x)))
	}
	if len(keys) <= 256 {
		slices.Sort(keys)
	} else {
		tmp = radixSortHigh(keys, tmp, len(rank))
	}
	for i, k := range keys {
		items[i] = int32(uint32(k))
	}
	return keys, tmp
}

// radixSortHigh sorts keys by their high 32 bits, which are below limit,
// with 8-bit digits, least significant first; tmp is scratch.
func radixSortHigh(keys, tmp []uint64, limit int) []uint64 {
	tmp = append(tmp[:0], keys...)
	src, dst := keys, tmp
	for shift := uint(32); shift < 32+uint(bits.Len(uint(limit))); shift += 8 {
		var count [257]int
		for _, k := range src {
			count[(k>>shift)&0xff+1]++
		}
		for d := 1; d < 257; d++ {
			count[d] += count[d-1]
		}
		for _, k := range src {
			d := (k >> shift) & 0xff
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	copy(keys, src) // no-op when the last pass wrote keys
	return tmp
}

// Cross-referencing. For each applicant's entry we need the applicant's
// position on the placement's strict list: the placements' entries must be
// filed under the applicants they name, a transposition. Filing 10 million
// entries under a million applicants in one pass writes all over a large
// array; instead, a first pass files them under blocks of 4096 applicants,
// writing one sequential stream per block, and a second pass files each
// block's entries under its applicants and cross-references them there,
// within the cache. Both passes are linear, and each is split in two halves
// run concurrently.

// blockShift sets the block size: 1<<blockShift applicants.
const blockShift = 12

// staged is a placement's entry filed under its applicant's block.
type staged struct {
	applicant, plc, pos int32
}

// crossReference builds the applicants' packed entries from aItem (the
// applicants' strict lists) and s.pItem (the placements'). A scratch row
// indexed by placement holds, while one applicant is processed, its
// positions at the placements that list it. Repeated ids are caught here: a
// placement filed twice under one applicant, or an applicant stamping the
// same placement twice.
func crossReference(s *strict, aItem []int32) ([]entry, error) {
	blocks := s.n>>blockShift + 1
	start, filed := fileByBlock(&Lists{Start: s.pStart, Item: s.pItem}, blocks)
	out := make([]entry, len(aItem))
	half := blocks / 2
	var errs [2]error
	both(len(aItem), func(h int) {
		from, to := 0, half
		if h == 1 {
			from, to = half, blocks
		}
		errs[h] = crossReferenceBlocks(s, aItem, filed, start, out, from, to)
	})
	if errs[0] != nil {
		return nil, errs[0]
	}
	return out, errs[1]
}

// fileByBlock files the entries of l (whose items are applicants) under
// their applicants' blocks, in increasing order of list: block b's entries
// are filed[start[b]:start[b+1]]. The lists are cut in two halves processed
// concurrently; the second half's entries go after the first's in each
// block, so the order is the sequential one.
func fileByBlock(l *Lists, blocks int) (start []int32, filed []staged) {
	mid := splitLists(l)
	ranges := [2][2]int{{0, mid}, {mid, l.Len()}}
	var count [2][]int32
	both(len(l.Item), func(h int) {
		c := make([]int32, blocks)
		for _, a := range l.Item[l.Start[ranges[h][0]]:l.Start[ranges[h][1]]] {
			c[a>>blockShift]++
		}
		count[h] = c
	})
	start = make([]int32, blocks+1)
	for b := 0; b < blocks; b++ {
		first := count[0][b]
		start[b+1] = start[b] + first + count[1][b]
		count[0][b], count[1][b] = start[b], start[b]+first // next free slot per half
	}
	filed = make([]staged, len(l.Item))
	both(len(l.Item), func(h int) {
		next := count[h]
		for p := ranges[h][0]; p < ranges[h][1]; p++ {
			lo, hi := l.Start[p], l.Start[p+1]
			for e := lo; e < hi; e++ {
				a := l.Item[e]
				b := a >> blockShift
				filed[next[b]] = staged{a, int32(p), e - lo}
				next[b]++
			}
		}
	})
	return start, filed
}

// crossReferenceBlocks files, for each block in [from, to), its entries under
// its applicants and cross-references them.
func crossReferenceBlocks(s *strict, aItem []int32, filed []staged, start []int32, out []entry, from, to int) error {
	local := make([]int32, min(1<<blockShift, s.n)+1)
	var bucket []bucketed
	mark := make([]int32, s.m)
	stamp := make([]int32, s.m)
	for i := range mark {
		mark[i] = -1
	}
	for b := from; b < to; b++ {
		a0 := b << blockShift
		a1 := min(a0+1<<blockShift, s.n)
		recs := filed[start[b]:start[b+1]]
		clear(local)
		for _, r := range recs {
			local[int(r.applicant)-a0+1]++
		}
		for i := 1; i < len(local); i++ {
			local[i] += local[i-1]
		}
		bucket = append(bucket[:0], make([]bucketed, len(recs))...)
		next := local[:len(local)-1]
		for _, r := range recs {
			i := int(r.applicant) - a0
			bucket[next[i]] = bucketed{r.plc, r.pos}
			next[i]++
		}
		// next[i] now holds the end of applicant a0+i's bucket.
		lo := int32(0)
		for a := a0; a < a1; a++ {
			hi := next[a-a0]
			if err := crossReferenceOne(s, aItem, bucket[lo:hi], out, a, mark, stamp); err != nil {
				return err
			}
			lo = hi
		}
	}
	return nil
}

// crossReferenceOne fills out for applicant a given the placements' entries
// filed under it; mark and stamp are scratch rows (see crossReference).
func crossReferenceOne(s *strict, aItem []int32, bucket []bucketed, out []entry, a int, mark, stamp []int32) error {
	for _, t := range bucket {
		if mark[t.plc] >= 0 {
			return repeatedApplicant(s.in, t.plc, int32(a))
		}
		mark[t.plc] = t.pos
	}
	lo, hi := s.aStart[a], s.aStart[a+1]
	for e := lo; e < hi; e++ {
		p := aItem[e]
		if stamp[p] == int32(a)+1 {
			return repeatedPlacement(s.in, int32(a), p)
		}
		stamp[p] = int32(a) + 1
		out[e] = entry{p, mark[p]}
	}
	for _, t := range bucket {
		mark[t.plc] = -1
	}
	return nil
}

// buildPlacementKeys fills pKey from the applicants' entries: for each
// mutually acceptable pair, the position of the placement on the applicant's
// strict list.
func (s *strict) buildPlacementKeys() {
	s.pKey = make([]int32, len(s.pItem))
	for i := range s.pKey {
		s.pKey[i] = -1
	}
	for a := 0; a < s.n; a++ {
		lo, hi := s.aStart[a], s.aStart[a+1]
		for e := lo; e < hi; e++ {
			if x := s.aEnt[e]; x.key >= 0 {
				s.pKey[s.pStart[x.plc]+x.key] = e - lo
			}
		}
	}
}
