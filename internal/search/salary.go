package search

import "github.com/RoaringBitmap/roaring/v2"

// Salaries are bucketed by AnnualSalaryMax into bands of salaryBandWidth
// dollars, the last band open-ended. A salary filter is the union of the
// bands wholly above the minimum, plus the members of the one band the
// minimum falls in that reach it (found by reading their salaries; none when
// the minimum is a multiple of the band width, as UI choices are).
const (
	salaryBandWidth = 5_000
	numSalaryBands  = 64
)

// salaryBand returns the band of a positive salary.
func salaryBand(s int64) int {
	return int(min(s/salaryBandWidth, numSalaryBands-1))
}

func (ix *Index) addSalary(n uint32, s int64) {
	if s > 0 {
		ix.hasSalary.Add(n)
		ix.salaryBands[salaryBand(s)].Add(n)
	}
}

func (ix *Index) removeSalary(n uint32, s int64) {
	if s > 0 {
		ix.hasSalary.Remove(n)
		ix.salaryBands[salaryBand(s)].Remove(n)
	}
}

// salaryAtLeast returns the documents whose AnnualSalaryMax is at least min, which must be positive.
func (ix *Index) salaryAtLeast(minimum int64) *roaring.Bitmap {
	b := salaryBand(minimum)
	sets := make([]*roaring.Bitmap, 0, numSalaryBands-b+1)
	sets = append(sets, ix.salaryBands[b+1:]...)
	if minimum == int64(b)*salaryBandWidth {
		sets = append(sets, ix.salaryBands[b])
	} else {
		sets = append(sets, ix.bandPart(b, minimum))
	}
	return roaring.FastOr(sets...)
}

// bandPart returns the members of band b whose salary is at least minimum.
func (ix *Index) bandPart(b int, minimum int64) *roaring.Bitmap {
	part := roaring.New()
	ix.salaryBands[b].Iterate(func(n uint32) bool {
		if ix.docs[n].salaryMax >= minimum {
			part.Add(n)
		}
		return true
	})
	return part
}
