package search

import "testing"

// mixQueries are the 500 rotating queries of scripts/bench/search.lua: a
// keyword, a city and a work mode or an employment type.
func mixQueries() []Query {
	words := []string{"data", "analyst", "developer", "policy", "security", "donnees", "analyste", "developpeur", "communications", "program", "research", "project", "service", "database", "evaluation"}
	cities := []string{"toronto", "ottawa", "gatineau", "montreal", "hamilton", "london", "kingston", "vancouver", "halifax", "winnipeg"}
	modes := []string{"onsite", "hybrid", "remote", "currently-remote"}
	types := []string{"coop", "internship", "student", "term", "permanent"}
	out := make([]Query, 500)
	for k := range out {
		i := k + 1
		q := Query{Text: words[i%len(words)], Now: benchNow}
		q.Filters[FacetCity] = []string{cities[i*7%len(cities)]}
		if i%2 == 0 {
			q.Filters[FacetMode] = []string{modes[i*3%len(modes)]}
		} else {
			q.Filters[FacetType] = []string{types[i*5%len(types)]}
		}
		out[k] = q
	}
	return out
}

// BenchmarkSearchMix runs the load script's query mix, one query per
// operation, on the index of 100,000 synthetic postings.
func BenchmarkSearchMix(b *testing.B) {
	ix := benchIndex()
	qs := mixQueries()
	b.ReportAllocs()
	cpu := processCPU()
	i := 0
	for b.Loop() {
		ix.Search(qs[i%len(qs)])
		i++
	}
	reportCPU(b, cpu)
}
