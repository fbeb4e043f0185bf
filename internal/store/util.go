package store

import "slices"

func sortInt64(v []int64) { slices.Sort(v) }
