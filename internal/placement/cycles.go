package placement

import "math"

// Stable improvement cycles (Erdil and Ergin, "What's the matter with
// tie-breaking?", AER 2008).
//
// After deferred acceptance on the tie-broken lists, the matching is stable
// for the original (weak) preferences, but the lottery may have created
// constraints the placements do not have: two applicants may be able to
// trade seats, both gaining, without anyone gaining a justified claim.
//
// Given a stable matching, an applicant desires a placement it ranks strictly
// above its own (any placement it lists if unassigned) and that lists it. At
// each placement, the top desirers are the desirers of best weak rank there.
// A stable improvement cycle is a cycle a1 -> p2 -> a2 -> p3 ... -> a1 where
// each applicant ai points at a placement at which it is a top desirer and
// each placement points at an applicant it holds: moving every ai to the
// placement it points at makes each of them strictly better off and keeps
// the matching stable (a placement only admits a top desirer, so no desirer
// it now turns down outranks the one it admitted).
//
// Each round builds that graph from the current matching, finds
// vertex-disjoint cycles with one depth-first search, and applies them all;
// cycles disjoint in one round stay valid together, because applying one only
// shrinks the other placements' sets of desirers. Rounds repeat until a
// search finds no cycle, at which point, when applicants' lists are strict,
// no stable matching makes an applicant better off without making another
// worse off (Erdil and Ergin, Theorem 1). Each round costs time linear in the
// size of the instance; every round but the last moves at least two
// applicants strictly up their lists, so there are at most (total length of
// applicants' lists)/2 + 1 rounds, and in practice a handful.
//
// Applicants' ties: "desire" uses the applicants' original weak lists, so a
// cycle still moves every member strictly up its own list. With ties on the
// applicants' side, trades that leave someone indifferent can still exist;
// this implementation does not look for those.

// cycleStats counts what the improvement phase did.
type cycleStats struct {
	improved int // applicants moved at least once
	cycles   int
	rounds   int
}

// improvementGraph is the graph of one round. Nodes: applicants 0..n-1,
// placements n..n+m-1. An applicant's edges go to the placements at which it
// is a top desirer (listed in eStart/edges, built once per round); a
// placement's edges go to the applicants it holds (hStart/holders).
type improvementGraph struct {
	s        *strict
	match    []int32 // per applicant: matched strict entry, or unmatched
	topRank  []int32 // per placement: best weak rank among its desirers
	desire   []int32 // per applicant entry: weak rank at the placement, if desired
	eStart   []int32 // applicants' edges (CSR): entries of their lists
	edges    []int32
	hStart   []int32 // holders of each placement (CSR)
	holders  []int32
	state    []uint8 // nodeNew, nodeOnStack or nodeDone
	cursor   []int32 // next edge to try, per node
	stack    []int32
	improved []bool
}

const (
	nodeNew uint8 = iota
	nodeOnStack
	nodeDone
)

// improveByCycles applies stable improvement cycles to match (in place)
// until none remains.
func improveByCycles(s *strict, match []int32) cycleStats {
	g := &improvementGraph{
		s: s, match: match,
		topRank:  make([]int32, s.m),
		desire:   make([]int32, len(s.aEnt)),
		eStart:   make([]int32, s.n+1),
		hStart:   make([]int32, s.m+1),
		holders:  make([]int32, 0, s.n),
		state:    make([]uint8, s.n+s.m),
		cursor:   make([]int32, s.n+s.m),
		improved: make([]bool, s.n),
	}
	var st cycleStats
	for {
		st.rounds++
		found := g.round()
		if found == 0 {
			break
		}
		st.cycles += found
	}
	for _, ok := range g.improved {
		if ok {
			st.improved++
		}
	}
	return st
}

// myRank returns the weak rank of applicant a's placement on its own list,
// or MaxInt32 when a is unmatched.
func (g *improvementGraph) myRank(a int32) int32 {
	if e := g.match[a]; e != unmatched {
		return g.s.aRank[e]
	}
	return math.MaxInt32
}

// desired returns the entries of applicant a's list it strictly prefers to
// its placement.
func (g *improvementGraph) desired(a int) (lo, hi int32) {
	s := g.s
	lo, hi = s.aStart[a], s.aStart[a+1]
	mine := g.myRank(int32(a))
	end := lo
	for end < hi && s.aRank[end] < mine {
		end++
	}
	return lo, end
}

// round builds the graph for the current matching, applies a maximal set of
// vertex-disjoint cycles found by one search, and returns how many. Searches
// start only at placements with a top desirer: every placement on a cycle
// has one.
func (g *improvementGraph) round() int {
	g.computeTopRanks()
	g.computeEdges()
	g.computeHolders()
	s := g.s
	for i := range g.state {
		g.state[i] = nodeNew
	}
	copy(g.cursor[:s.n], g.eStart[:s.n])
	copy(g.cursor[s.n:], g.hStart[:s.m])
	found := 0
	for p := 0; p < s.m; p++ {
		if root := int32(s.n + p); g.topRank[p] != math.MaxInt32 && g.state[root] == nodeNew {
			found += g.search(root)
		}
	}
	return found
}

// computeTopRanks sets topRank[p] to the best weak rank, on p's list, of the
// applicants that desire p (MaxInt32 if none), and records in desire the
// rank of each desired entry.
func (g *improvementGraph) computeTopRanks() {
	s := g.s
	for p := range g.topRank {
		g.topRank[p] = math.MaxInt32
	}
	for a := 0; a < s.n; a++ {
		lo, hi := g.desired(a)
		for e := lo; e < hi; e++ {
			x := s.aEnt[e]
			if x.key < 0 {
				continue
			}
			r := s.pRank[s.pStart[x.plc]+x.key]
			g.desire[e] = r
			if r < g.topRank[x.plc] {
				g.topRank[x.plc] = r
			}
		}
	}
}

// computeEdges lists, for each applicant, the entries of the placements at
// which it is a top desirer.
func (g *improvementGraph) computeEdges() {
	s := g.s
	g.edges = g.edges[:0]
	for a := 0; a < s.n; a++ {
		g.eStart[a] = int32(len(g.edges))
		lo, hi := g.desired(a)
		for e := lo; e < hi; e++ {
			if x := s.aEnt[e]; x.key >= 0 && g.desire[e] == g.topRank[x.plc] {
				g.edges = append(g.edges, e)
			}
		}
	}
	g.eStart[s.n] = int32(len(g.edges))
}

// computeHolders lists the applicants each placement holds.
func (g *improvementGraph) computeHolders() {
	s := g.s
	clear(g.hStart)
	for _, e := range g.match {
		if e != unmatched {
			g.hStart[s.aEnt[e].plc+1]++
		}
	}
	for p := 0; p < s.m; p++ {
		g.hStart[p+1] += g.hStart[p]
	}
	g.holders = g.holders[:g.hStart[s.m]]
	fill := g.cursor[s.n:] // borrowed as scratch; reset by round
	copy(fill, g.hStart[:s.m])
	for a, e := range g.match {
		if e != unmatched {
			p := s.aEnt[e].plc
			g.holders[fill[p]] = int32(a)
			fill[p]++
		}
	}
}

// nextEdge returns the next successor of node u not yet tried, or -1.
func (g *improvementGraph) nextEdge(u int32) int32 {
	s := g.s
	c := g.cursor[u]
	if int(u) >= s.n { // placement: its holders
		if c < g.hStart[int(u)-s.n+1] {
			g.cursor[u] = c + 1
			return g.holders[c]
		}
		return -1
	}
	if c < g.eStart[u+1] { // applicant: placements where it is a top desirer
		g.cursor[u] = c + 1
		return int32(s.n) + s.aEnt[g.edges[c]].plc
	}
	return -1
}

// search runs an iterative depth-first search from root, applying each cycle
// as soon as it closes and removing its nodes from the graph for this round.
func (g *improvementGraph) search(root int32) int {
	found := 0
	g.stack = append(g.stack[:0], root)
	g.state[root] = nodeOnStack
	for len(g.stack) > 0 {
		u := g.stack[len(g.stack)-1]
		v := g.nextEdge(u)
		switch {
		case v < 0:
			g.state[u] = nodeDone
			g.stack = g.stack[:len(g.stack)-1]
		case g.state[v] == nodeNew:
			g.state[v] = nodeOnStack
			g.stack = append(g.stack, v)
		case g.state[v] == nodeOnStack:
			g.applyCycle(v)
			found++
		}
	}
	return found
}

// applyCycle moves the applicants of the cycle running from v (on the stack)
// to the top of the stack, then removes those nodes from the search.
func (g *improvementGraph) applyCycle(v int32) {
	s := g.s
	k := len(g.stack) - 1
	for g.stack[k] != v {
		k--
	}
	cycle := g.stack[k:]
	for _, x := range cycle {
		if int(x) < s.n {
			// The applicant reached its successor through its last edge tried.
			g.match[x] = g.edges[g.cursor[x]-1]
			g.improved[x] = true
		}
		g.state[x] = nodeDone
	}
	g.stack = g.stack[:k]
}
