package placement

import "math/bits"

// The lottery that breaks ties is fully specified here, so that anyone can
// reproduce it from the seed (docs/placement.md repeats it):
//
//   - the random source is SplitMix64;
//   - a uniform integer below k is the high word of the 128-bit product of a
//     draw and k, redrawing while the low word is below (2^64 - k) mod k
//     (Lemire's method, without bias);
//   - a random order of n items is the Fisher-Yates shuffle of 0..n-1: for i
//     from n-1 down to 1, swap positions i and j, j uniform below i+1;
//   - the applicants' order uses the source started at the seed, the
//     placements' order the source started at the seed XOR placementStream.
//
// Item order[k] is the k-th drawn; position k earlier means better in ties.

// placementStream separates the placements' random source from the applicants'.
const placementStream = 0xD1B54A32D192ED03

// splitMix64 is the SplitMix64 generator (Steele, Lea and Flood, 2014).
type splitMix64 struct{ state uint64 }

func (r *splitMix64) next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// below returns a uniform integer in [0, k), k > 0.
func (r *splitMix64) below(k uint64) uint64 {
	hi, lo := bits.Mul64(r.next(), k)
	if lo < k {
		threshold := -k % k
		for lo < threshold {
			hi, lo = bits.Mul64(r.next(), k)
		}
	}
	return hi
}

// lotteryRanks returns, for each of n items, its position in a random order
// drawn from the source started at state: the lower, the better in ties.
func lotteryRanks(n int, state uint64) []int32 {
	r := splitMix64{state: state}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	for i := n - 1; i > 0; i-- {
		j := r.below(uint64(i + 1))
		order[i], order[j] = order[j], order[i]
	}
	pos := make([]int32, n)
	for k, item := range order {
		pos[item] = int32(k)
	}
	return pos
}

// LotteryOrder returns the tie-breaking order the solver draws from seed for
// n applicants, or for n placements when placements is true: element k is the
// index drawn k-th, which wins ties against every index drawn after it. It is
// exposed so that a result can be audited.
func LotteryOrder(n int, seed uint64, placements bool) []int32 {
	state := seed
	if placements {
		state ^= placementStream
	}
	pos := lotteryRanks(n, state)
	order := make([]int32, n)
	for item, k := range pos {
		order[k] = int32(item)
	}
	return order
}
