package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/api"
	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// testNow is the fixed "now" of every fixture: the sample posting closed in
// 2023, and the synthetic postings are open or closed relative to it.
var testNow = time.Date(2025, 3, 3, 15, 4, 5, 0, time.UTC)

// Fixture sizes and seed: the same on both engines, so their answers compare.
const (
	synthSeed  = 42
	synthCount = 300
)

// fixture is a running API over a real, bootstrapped application.
type fixture struct {
	app      *app.App
	db       *store.DB
	srv      *httptest.Server
	sampleID int64 // the Data co-op sample posting
}

// newFixture boots the application on engine: migrations, the built-in
// catalog, the sample posting, n synthetic postings, and the search index.
func newFixture(t testing.TB, engine store.Dialect, n int) *fixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, engine)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, log)
	a.Now = func() time.Time { return testNow }
	if err := a.Bootstrap(ctx); err != nil {
		t.Fatalf("bootstrap: %v", err)
	}
	f := &fixture{app: a, db: db, sampleID: onlyPostingID(t, a)}
	if n > 0 {
		ps := posting.Synth(synthSeed, n, synthRefs(a))
		if err := db.InsertPostings(ctx, ps, testNow); err != nil {
			t.Fatalf("insert postings: %v", err)
		}
		if err := a.Reindex(ctx); err != nil {
			t.Fatalf("reindex: %v", err)
		}
	}
	mux := http.NewServeMux()
	api.New(a, log).Routes(mux)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// onlyPostingID returns the id of the one public posting right after
// Bootstrap: the sample.
func onlyPostingID(t testing.TB, a *app.App) int64 {
	t.Helper()
	q, _ := app.ParseSearchParams(url.Values{"status": {"all"}})
	res := a.Search(q)
	if res.Total != 1 || len(res.Items) != 1 {
		t.Fatalf("after bootstrap: %d public postings, want the sample only", res.Total)
	}
	return res.Items[0].ID
}

// synthRefs gives the generator every code of the app's catalog, at the tests' fixed time.
func synthRefs(a *app.App) posting.SynthRefs {
	refs := a.SynthRefs()
	refs.Now = testNow
	return refs
}

// response is an answer of the test server.
type response struct {
	req    *http.Request
	status int
	header http.Header
	body   []byte
}

// do sends method to the API path (with its query) and reads the answer.
func (f *fixture) do(t testing.TB, method, path string) *response {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &response{req: req, status: res.StatusCode, header: res.Header, body: body}
}

func (f *fixture) get(t testing.TB, path string) *response {
	t.Helper()
	return f.do(t, http.MethodGet, path)
}

// decode unmarshals the body into v, failing the test if it is not JSON.
func (r *response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%s %s: body is not the expected JSON: %v\n%s", r.req.Method, r.req.URL, err, r.body)
	}
}

// The test's view of the responses (decoded independently of the package's types).
type searchBody struct {
	Total   int                    `json:"total"`
	Page    int                    `json:"page"`
	PerPage int                    `json:"per_page"`
	Results []resultBody           `json:"results"`
	Facets  map[string][]facetBody `json:"facets"`
}

type resultBody struct {
	ID     int64             `json:"id"`
	URL    map[string]string `json:"url"`
	Title  map[string]string `json:"title"`
	Status string            `json:"status"`
	Type   *string           `json:"type"`
	Salary *salaryBody       `json:"salary"`
}

type salaryBody struct {
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
	Period    string  `json:"period"`
	Currency  string  `json:"currency"`
	AnnualMin int64   `json:"annual_min"`
	AnnualMax int64   `json:"annual_max"`
}

type facetBody struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

type errorBody struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		MessageFR string `json:"message_fr"`
		Params    []struct {
			Param     string `json:"param"`
			Message   string `json:"message"`
			MessageFR string `json:"message_fr"`
		} `json:"params"`
	} `json:"error"`
}

func (f *fixture) search(t testing.TB, query url.Values) searchBody {
	t.Helper()
	r := f.get(t, "/api/v1/postings?"+query.Encode())
	if r.status != http.StatusOK {
		t.Fatalf("search %s: status %d: %s", query.Encode(), r.status, r.body)
	}
	var b searchBody
	r.decode(t, &b)
	return b
}

// searchAll gathers the results of every page of a query.
func (f *fixture) searchAll(t testing.TB, query url.Values) []resultBody {
	t.Helper()
	var out []resultBody
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("per_page", "100")
	for page := 1; ; page++ {
		q.Set("page", strconv.Itoa(page))
		b := f.search(t, q)
		out = append(out, b.Results...)
		if len(b.Results) == 0 || len(out) >= b.Total {
			if len(out) != b.Total {
				t.Fatalf("%s: gathered %d results, total %d", query.Encode(), len(out), b.Total)
			}
			return out
		}
	}
}

func ids(rs []resultBody) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func postingPath(id int64) string { return "/api/v1/postings/" + strconv.FormatInt(id, 10) }
