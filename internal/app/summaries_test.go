package app

import (
	"context"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/catalog"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

var testNow = time.Date(2025, 3, 3, 15, 4, 5, 0, time.UTC)

// wantSummary is a posting's summary built field by field from the posting,
// as result lists showed it before summaries were packed.
func wantSummary(p *posting.Posting, c *catalog.Catalog) Summary {
	name := lang.T(p.OrgCode, p.OrgCode)
	if o, ok := c.Organization(p.OrgCode); ok {
		name = o.Name
	}
	return Summary{
		ID: p.ID, Title: p.Title, Paths: posting.PublicPaths(p.ID, p.Title), Org: p.OrgCode, OrgName: name,
		Program: p.Program, Streams: p.Streams, Level: p.Level, Type: p.Type, WorkMode: p.WorkMode,
		Locations: p.Locations, Salary: p.Salary, Hours: p.Hours, ClosesAt: p.ClosesAt,
		TimeZone: p.TimeZone, Closed: p.Status == posting.Closed, Published: p.PublishedAt,
	}
}

// sameSummary compares summaries, taking a nil list and an empty one as equal
// (templates and the API show them alike).
func sameSummary(t *testing.T, got, want Summary) {
	t.Helper()
	if len(got.Streams) == 0 && len(want.Streams) == 0 {
		got.Streams, want.Streams = nil, nil
	}
	if len(got.Locations) == 0 && len(want.Locations) == 0 {
		got.Locations, want.Locations = nil, nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("posting %d:\n got %+v\nwant %+v", want.ID, got, want)
	}
}

func testApp(t *testing.T) (*App, *catalog.Catalog) {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a := &App{Now: func() time.Time { return testNow }}
	a.catalog.Store(c)
	return a, c
}

func synthPostings(t *testing.T, a *App, n int) []*posting.Posting {
	t.Helper()
	ps := posting.Synth(7, n, a.SynthRefs())
	for i, p := range ps {
		p.ID = int64(i + 1)
	}
	return ps
}

func TestSummaryTableGivesBackEveryField(t *testing.T) {
	a, c := testApp(t)
	ps := synthPostings(t, a, 500)
	tab := newSummaryTable()
	ids := make([]int64, 0, len(ps))
	for _, p := range ps {
		tab.put(p, c)
		ids = append(ids, p.ID)
	}
	if tab.len() != len(ps) {
		t.Fatalf("table holds %d postings, want %d", tab.len(), len(ps))
	}
	got := tab.lookup(ids)
	if len(got) != len(ps) {
		t.Fatalf("lookup gave %d summaries, want %d", len(got), len(ps))
	}
	for i, p := range ps {
		sameSummary(t, *got[i], wantSummary(p, c))
	}
	if len(tab.orgs) > len(c.Organizations())+1 || len(tab.strs) > 200 {
		t.Errorf("shared values are not shared: %d organizations, %d codes", len(tab.orgs), len(tab.strs))
	}
}

func TestSummaryTableReplaceAndDelete(t *testing.T) {
	a, c := testApp(t)
	ps := synthPostings(t, a, 3)
	tab := newSummaryTable()
	for _, p := range ps {
		tab.put(p, c)
	}
	before := tab.lookup([]int64{2})
	changed := *ps[1]
	changed.Title = lang.T("Renamed posting", "Poste renommé")
	changed.Streams = nil
	tab.put(&changed, c)
	after := tab.lookup([]int64{2})
	sameSummary(t, *after[0], wantSummary(&changed, c))
	sameSummary(t, *before[0], wantSummary(ps[1], c)) // an earlier copy does not change
	tab.delete(1)
	got := tab.lookup([]int64{1, 2, 3, 99})
	if len(got) != 2 || got[0].ID != 2 || got[1].ID != 3 {
		t.Fatalf("after delete, lookup gave %d summaries", len(got))
	}
	if tab.len() != 2 {
		t.Errorf("table holds %d postings, want 2", tab.len())
	}
}

// TestReindexMatchesThePostings rebuilds from a database (two goroutines) and
// finds every public posting, summarized as the posting reads.
func TestReindexMatchesThePostings(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, store.SQLite)
	a := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.Now = func() time.Time { return testNow }
	if err := a.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	ps := posting.Synth(7, 300, a.SynthRefs())
	if err := db.InsertPostings(ctx, ps, testNow); err != nil {
		t.Fatal(err)
	}
	if err := a.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	c := a.Catalog()
	want := map[int64]Summary{}
	err := db.EachPublicPosting(ctx, func(p *posting.Posting) error {
		want[p.ID] = wantSummary(p, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 200 {
		t.Fatalf("only %d public postings: the test needs more", len(want))
	}
	seen := 0
	for page := 1; ; page++ {
		res := a.Search(search.Query{Status: search.StatusAll, Page: page, PerPage: 100})
		if res.Total != len(want) {
			t.Fatalf("total %d, want %d", res.Total, len(want))
		}
		for _, s := range res.Items {
			sameSummary(t, *s, want[s.ID])
			seen++
		}
		if len(res.Items) == 0 {
			break
		}
	}
	if seen != len(want) {
		t.Errorf("searches showed %d postings, want %d", seen, len(want))
	}
}

// TestReindexBuildsTheSameIndexAsOneByOne: the pipelined rebuild answers
// queries exactly as an index built by upserting each posting in order.
func TestReindexBuildsTheSameIndexAsOneByOne(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, store.SQLite)
	a := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.Now = func() time.Time { return testNow }
	if err := a.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.InsertPostings(ctx, posting.Synth(11, 700, a.SynthRefs()), testNow); err != nil {
		t.Fatal(err)
	}
	if err := a.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	ref := search.New()
	err := db.EachPublicPosting(ctx, func(p *posting.Posting) error {
		ref.Upsert(searchDoc(p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	queries := []search.Query{
		{Status: search.StatusAll, Page: 1, PerPage: 100},
		{Text: "data", Status: search.StatusAll, Page: 1, PerPage: 100},
		{Text: "analyst", Page: 2, PerPage: 20},
		{Status: search.StatusAll, Sort: search.SortNewest, Page: 3, PerPage: 50},
	}
	for _, q := range queries {
		q.Now = testNow
		got, want := a.index.Search(q), ref.Search(q)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: the rebuilt index answers %d results %v, one by one %d results %v",
				q, got.Total, got.IDs, want.Total, want.IDs)
		}
		if want.Total == 0 {
			t.Errorf("%+v: no results: the query tests nothing", q)
		}
	}
}

// TestSearchDocBody: a posting's body for the index is each of its texts, in
// order, one per line, in each language.
func TestSearchDocBody(t *testing.T) {
	p := posting.DataCoop()
	c := p.Content
	var want [2][]string
	for _, tx := range []lang.Text{c.Summary, c.About, c.Duties, c.Impact, c.Bring} {
		want[0], want[1] = append(want[0], tx.EN), append(want[1], tx.FR)
	}
	for _, g := range p.Groups {
		want[0], want[1] = append(want[0], g.Heading.EN), append(want[1], g.Heading.FR)
		for _, q := range g.Items {
			want[0], want[1] = append(want[0], q.Text.EN), append(want[1], q.Text.FR)
		}
	}
	if len(p.Groups) == 0 {
		t.Fatal("the sample posting has no qualification groups: the test needs some")
	}
	d := searchDoc(p)
	for i, got := range []string{d.Body.EN, d.Body.FR} {
		if w := strings.Join(want[i], "\n") + "\n"; got != w {
			t.Errorf("body %d:\n got %q\nwant %q", i, got, w)
		}
	}
}
