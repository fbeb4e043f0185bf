// Package placement matches applicants to placements: many-to-one stable
// matching with capacities, incomplete lists and ties (the hospitals/residents
// problem), solved by deferred acceptance with a seeded lottery for ties and
// improved by stable improvement cycles.
//
// The package is pure: no I/O, no database, no maps on the solver's path. Every
// cost is linear in the total length of the preference lists, except the
// stable improvement cycles, which cost linear time per round (see Solve).
// Parsing and writing files live in the sub-package format, the synthetic
// instance generator in gen. The public contract is docs/placement.md.
package placement

import (
	"fmt"
	"math"
)

// Lists is a family of ranked lists in compressed form: list i holds the
// entries Start[i] to Start[i+1]-1 of Item and Rank, best first. Rank[e] is
// the 1-based rank of entry e on its list; entries with the same rank form a
// tie group, so ranks along a list start at 1 and either repeat or grow by one.
type Lists struct {
	Start []int32 // len(lists)+1 offsets, Start[0] == 0
	Item  []int32 // indices on the other side
	Rank  []int32 // tie-group rank of each entry, 1-based
}

// Len returns the number of lists.
func (l *Lists) Len() int {
	if len(l.Start) == 0 {
		return 0
	}
	return len(l.Start) - 1
}

// Entries returns the total number of entries over all lists.
func (l *Lists) Entries() int { return len(l.Item) }

// Bounds returns the half-open range of entries of list i.
func (l *Lists) Bounds(i int) (lo, hi int32) { return l.Start[i], l.Start[i+1] }

// Instance is a matching problem in dense form: applicants are numbered
// 0..n-1 and placements 0..m-1. An applicant's list ranks placements, a
// placement's list ranks applicants; a pair can match only if each lists the
// other. IDs are optional (nil) and only used in messages.
type Instance struct {
	ApplicantIDs []string
	PlacementIDs []string
	Capacity     []int32 // seats of each placement
	Applicants   Lists   // items are placement indices
	Placements   Lists   // items are applicant indices
}

// NumApplicants returns the number of applicants.
func (in *Instance) NumApplicants() int { return in.Applicants.Len() }

// NumPlacements returns the number of placements.
func (in *Instance) NumPlacements() int { return in.Placements.Len() }

// ApplicantID returns applicant a's id, or a positional name when the
// instance carries no ids.
func (in *Instance) ApplicantID(a int32) string {
	if int(a) < len(in.ApplicantIDs) {
		return in.ApplicantIDs[a]
	}
	return fmt.Sprintf("applicant #%d", a)
}

// PlacementID returns placement p's id, or a positional name when the
// instance carries no ids.
func (in *Instance) PlacementID(p int32) string {
	if int(p) < len(in.PlacementIDs) {
		return in.PlacementIDs[p]
	}
	return fmt.Sprintf("placement #%d", p)
}

// MaxEntries bounds the total length of one side's lists (int32 offsets).
const MaxEntries = math.MaxInt32 - 1

// Validate checks that the instance is well formed: offsets consistent, items
// in range, ranks valid, no id twice in one list, capacities not negative.
// It runs in time linear in the size of the instance. Solve performs the same
// checks, fused into its own passes.
func (in *Instance) Validate() error {
	if _, _, err := in.checkSides(); err != nil {
		return err
	}
	if err := checkRepeats(&in.Applicants, in.NumPlacements(), func(i, item int32) error {
		return repeatedPlacement(in, i, item)
	}); err != nil {
		return err
	}
	return checkRepeats(&in.Placements, in.NumApplicants(), func(i, item int32) error {
		return repeatedApplicant(in, i, item)
	})
}

// checkSides checks everything but repeated items, in sequential passes, and
// reports whether each side's lists have ties.
func (in *Instance) checkSides() (applicantTies, placementTies bool, err error) {
	n, m := in.NumApplicants(), in.NumPlacements()
	if err := checkShape(&in.Applicants, "applicant"); err != nil {
		return false, false, err
	}
	if err := checkShape(&in.Placements, "placement"); err != nil {
		return false, false, err
	}
	if in.ApplicantIDs != nil && len(in.ApplicantIDs) != n {
		return false, false, fmt.Errorf("placement: %d applicant ids for %d applicants", len(in.ApplicantIDs), n)
	}
	if in.PlacementIDs != nil && len(in.PlacementIDs) != m {
		return false, false, fmt.Errorf("placement: %d placement ids for %d placements", len(in.PlacementIDs), m)
	}
	if len(in.Capacity) != m {
		return false, false, fmt.Errorf("placement: %d capacities for %d placements", len(in.Capacity), m)
	}
	for p, c := range in.Capacity {
		if c < 0 {
			return false, false, fmt.Errorf("placement: placement %q: capacity %d is negative", in.PlacementID(int32(p)), c)
		}
	}
	var ties [2]bool
	var errs [2]*entryError
	both(len(in.Applicants.Item)+len(in.Placements.Item), func(h int) {
		if h == 0 {
			ties[0], errs[0] = checkEntries(&in.Applicants, m)
		} else {
			ties[1], errs[1] = checkEntries(&in.Placements, n)
		}
	})
	if errs[0] != nil {
		return false, false, in.entryError(errs[0], true)
	}
	if errs[1] != nil {
		return false, false, in.entryError(errs[1], false)
	}
	return ties[0], ties[1], nil
}

// checkShape checks the offsets of a family of lists.
func checkShape(l *Lists, side string) error {
	if len(l.Start) == 0 {
		return fmt.Errorf("placement: %s lists: Start must hold at least one offset", side)
	}
	if l.Start[0] != 0 {
		return fmt.Errorf("placement: %s lists: Start[0] is %d, want 0", side, l.Start[0])
	}
	if len(l.Item) != len(l.Rank) {
		return fmt.Errorf("placement: %s lists: %d items but %d ranks", side, len(l.Item), len(l.Rank))
	}
	if len(l.Item) > MaxEntries {
		return fmt.Errorf("placement: %s lists: %d entries, more than %d", side, len(l.Item), MaxEntries)
	}
	for i := 1; i < len(l.Start); i++ {
		if l.Start[i] < l.Start[i-1] {
			return fmt.Errorf("placement: %s lists: offsets decrease at list %d", side, i-1)
		}
	}
	if int(l.Start[len(l.Start)-1]) != len(l.Item) {
		return fmt.Errorf("placement: %s lists: last offset %d, want %d entries", side, l.Start[len(l.Start)-1], len(l.Item))
	}
	return nil
}

// entryError locates a bad entry; Instance.entryError names it.
type entryError struct {
	list, entry int32
	msg         string
}

func (e *entryError) Error() string { return e.msg }

// checkEntries checks, in one sequential pass, that items are in [0, other)
// and that ranks start at 1 and repeat or grow by one. It reports whether
// some tie group holds two or more entries.
func checkEntries(l *Lists, other int) (ties bool, err *entryError) {
	for i := 0; i < l.Len(); i++ {
		lo, hi := l.Start[i], l.Start[i+1]
		prev := int32(0)
		for e := lo; e < hi; e++ {
			if uint32(l.Item[e]) >= uint32(other) {
				return false, &entryError{int32(i), e, fmt.Sprintf("names #%d, which does not exist", l.Item[e])}
			}
			r := l.Rank[e]
			if r == prev+1 {
				prev = r
				continue
			}
			if r == prev && e > lo {
				ties = true
				continue
			}
			return false, &entryError{int32(i), e, fmt.Sprintf("rank %d follows rank %d (ranks start at 1 and repeat for ties or grow by one)", r, prev)}
		}
	}
	return ties, nil
}

// entryError names the list and entry of a bad entry.
func (in *Instance) entryError(err *entryError, applicantSide bool) error {
	if applicantSide {
		return fmt.Errorf("placement: applicant %q, entry %d: %s", in.ApplicantID(err.list), err.entry-in.Applicants.Start[err.list]+1, err.msg)
	}
	return fmt.Errorf("placement: placement %q, entry %d: %s", in.PlacementID(err.list), err.entry-in.Placements.Start[err.list]+1, err.msg)
}

// checkRepeats reports the first list naming an item twice (items in range).
func checkRepeats(l *Lists, other int, repeated func(list, item int32) error) error {
	seen := make([]int32, other) // seen[item] = 1 + last list that named item
	for i := 0; i < l.Len(); i++ {
		for _, item := range l.Item[l.Start[i]:l.Start[i+1]] {
			if seen[item] == int32(i)+1 {
				return repeated(int32(i), item)
			}
			seen[item] = int32(i) + 1
		}
	}
	return nil
}

func repeatedPlacement(in *Instance, a, p int32) error {
	return fmt.Errorf("placement: applicant %q lists placement %q twice", in.ApplicantID(a), in.PlacementID(p))
}

func repeatedApplicant(in *Instance, p, a int32) error {
	return fmt.Errorf("placement: placement %q lists applicant %q twice", in.PlacementID(p), in.ApplicantID(a))
}
