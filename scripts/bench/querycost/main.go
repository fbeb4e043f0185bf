// Command querycost measures, in process, what each query of
// scripts/bench/search.lua costs against a seeded database: the search
// alone and the whole API request. It prints the spread of per-query costs
// and the most expensive queries, and can write a CPU profile.
//
//	go run ./scripts/bench/querycost --db sqlite:/tmp/bench.db [-rounds 20] [-cpuprofile f]
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/pathways-gov/pathways/internal/api"
	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/store"
)

// fastest returns the shortest of rounds runs of fn: on a shared machine,
// the least disturbed.
func fastest(rounds int, fn func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range rounds {
		start := time.Now()
		fn()
		best = min(best, time.Since(start))
	}
	return best
}

// queries returns the paths search.lua requests, in its order.
func queries() []string {
	words := []string{"data", "analyst", "developer", "policy", "security", "donnees", "analyste", "developpeur", "communications", "program", "research", "project", "service", "database", "evaluation"}
	cities := []string{"toronto", "ottawa", "gatineau", "montreal", "hamilton", "london", "kingston", "vancouver", "halifax", "winnipeg"}
	modes := []string{"onsite", "hybrid", "remote", "currently-remote"}
	types := []string{"coop", "internship", "student", "term", "permanent"}
	out := make([]string, 0, 500)
	for i := 1; i <= 500; i++ { // Lua's 1-based loop and modulo, kept as they are
		w, c := words[i%len(words)], cities[i*7%len(cities)]
		second := "type=" + types[i*5%len(types)]
		if i%2 == 0 {
			second = "mode=" + modes[i*3%len(modes)]
		}
		out = append(out, fmt.Sprintf("/api/v1/postings?q=%s&city=%s&%s", w, c, second))
	}
	return out
}

func main() {
	dsn := flag.String("db", "", "database (sqlite:PATH or postgres://…), already seeded")
	rounds := flag.Int("rounds", 20, "times each query runs")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed requests here")
	flag.Parse()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	a := app.New(db, log)
	if err := a.Bootstrap(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	api.New(a, log).Routes(mux)
	qs := queries()

	type cost struct {
		path           string
		search, whole  time.Duration
		total, results int
	}
	costs := make([]cost, len(qs))
	for i, p := range qs { // warm up, and sizes
		u, _ := url.Parse(p)
		q, _ := app.ParseSearchParams(u.Query())
		r := a.Search(q)
		costs[i] = cost{path: p, total: r.Total, results: len(r.Items)}
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var sumSearch, sumWhole time.Duration
	for i, p := range qs {
		u, _ := url.Parse(p)
		q, _ := app.ParseSearchParams(u.Query())
		costs[i].search = fastest(*rounds, func() { a.Search(q) })
		req := httptest.NewRequest(http.MethodGet, p, nil)
		costs[i].whole = fastest(*rounds, func() { mux.ServeHTTP(httptest.NewRecorder(), req) })
		sumSearch += costs[i].search
		sumWhole += costs[i].whole
	}
	n := time.Duration(len(qs))
	fmt.Printf("%d queries, fastest of %d rounds each: mean search %v, mean whole request %v\n", len(qs), *rounds, sumSearch/n, sumWhole/n)
	slices.SortFunc(costs, func(x, y cost) int { return int(x.whole - y.whole) })
	for _, pc := range []int{50, 90, 99, 100} {
		c := costs[min(len(costs)-1, len(costs)*pc/100)]
		fmt.Printf("p%d whole request %v (search %v)\n", pc, c.whole, c.search)
	}
	fmt.Println("most expensive:")
	for _, c := range costs[len(costs)-8:] {
		fmt.Printf("  %-70s total %6d  search %8v  whole %8v\n", c.path, c.total, c.search, c.whole)
	}
}
