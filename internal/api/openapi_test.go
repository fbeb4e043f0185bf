package api_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func init() {
	// kin-openapi asserts only the date, date-time and byte string formats by
	// default; assert the document's email format too.
	openapi3.DefineStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail))
}

// contract is the OpenAPI document as the server serves it, ready to
// validate requests and responses.
type contract struct {
	doc    *openapi3.T
	router routers.Router
}

// loadContract fetches /api/v1/openapi.json from the server and loads it.
func loadContract(t testing.TB, f *fixture) *contract {
	t.Helper()
	r := f.get(t, "/api/v1/openapi.json")
	if r.status != http.StatusOK {
		t.Fatalf("openapi.json: status %d", r.status)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(r.body)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	return &contract{doc: doc, router: router}
}

// serverRelative returns a copy of r addressed by path and query only: the
// document's server is relative ("/api/v1", i.e. wherever the document is
// served), and the router matches it against the request URL as written.
func serverRelative(r *http.Request) *http.Request {
	c := r.Clone(context.Background())
	c.URL = &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	return c
}

var strict = &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, SkipSettingDefaults: true}

// check validates a real exchange: the response must always match the
// document, and the request must match it exactly when wantValidRequest.
func (c *contract) check(t testing.TB, r *response, wantValidRequest bool) {
	t.Helper()
	ctx := context.Background()
	req := serverRelative(r.req)
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s %s: no route in the document: %v", r.req.Method, r.req.URL, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: strict}
	reqErr := openapi3filter.ValidateRequest(ctx, in)
	if wantValidRequest && reqErr != nil {
		t.Errorf("%s: the document rejects a request the server accepts: %v", r.req.URL, reqErr)
	}
	if !wantValidRequest && reqErr == nil {
		t.Errorf("%s: the document accepts a request the server rejects (status %d)", r.req.URL, r.status)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: r.status, Header: r.header, Options: strict}
	out.SetBodyBytes(r.body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("%s: response (status %d) does not match the document: %v\n%.600s", r.req.URL, r.status, err, r.body)
	}
}

func TestOpenAPIDocument(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	c := loadContract(t, f)
	if c.doc.OpenAPI != "3.1.0" || !c.doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi = %q, want 3.1.0", c.doc.OpenAPI)
	}
	want := []string{"/catalog", "/openapi.json", "/postings", "/postings/{id}"}
	got := slices.Sorted(func(yield func(string) bool) {
		for p := range c.doc.Paths.Map() {
			if !yield(p) {
				return
			}
		}
	})
	if !slices.Equal(got, want) {
		t.Errorf("documented paths %v, want %v", got, want)
	}
	// Every documented operation is served, and only with GET.
	for _, p := range want {
		path := "/api/v1" + strings.Replace(p, "{id}", "1", 1)
		if r := f.get(t, path); r.status != http.StatusOK {
			t.Errorf("GET %s: status %d", path, r.status)
		}
		for method := range c.doc.Paths.Value(p).Operations() {
			if method != http.MethodGet {
				t.Errorf("%s %s is documented but not served", method, p)
			}
		}
	}
}

// TestOpenAPIValidatorEnforces31 proves the validator applies the JSON Schema
// 2020-12 keywords the document relies on: without this, the contract tests
// could pass on a document whose strictest rules are silently ignored.
func TestOpenAPIValidatorEnforces31(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	c := loadContract(t, f)
	good := f.get(t, postingPath(f.sampleID))
	c.check(t, good, true)
	cases := []struct {
		name        string
		from, to    string
		wantRejects bool
	}{
		{"unevaluatedProperties: an undocumented field", `"status":`, `"extra":1,"status":`, true},
		{"const: another currency", `"currency":"CAD"`, `"currency":"USD"`, true},
		{"type array: null where not allowed", `"time_zone":"America/Toronto"`, `"time_zone":null`, true},
		{"type array: null where allowed", `"program":"ods-coop"`, `"program":null`, false},
		{"enum with null: a value outside it", `"work_mode":"currently-remote"`, `"work_mode":"moon"`, true},
		{"pattern: closes_at not in UTC", `"closes_at":"2023-11-10T22:00:00Z"`, `"closes_at":"2023-11-10T17:00:00-05:00"`, true},
		{"format date-time: no such month", `"closes_at":"2023-11-10T22:00:00Z"`, `"closes_at":"2023-13-10T22:00:00Z"`, true},
		{"format date: no such day", `"start":"2024-01-02"`, `"start":"2024-01-32"`, true},
		{"format email: not an address", `"accommodation_email":"ODS.Data.Talent@ontario.ca"`, `"accommodation_email":"ODS.Data.Talent"`, true},
		{"required: a field left out", `"keep_on_file":true,`, ``, true},
		{"allOf member strict too: nested extra field", `"term":{`, `"term":{"extra":1,`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(good.body), tc.from) {
				t.Fatalf("the sample posting's JSON lacks %s", tc.from)
			}
			bad := *good
			bad.body = []byte(strings.Replace(string(good.body), tc.from, tc.to, 1))
			req := serverRelative(bad.req)
			route, params, err := c.router.FindRoute(req)
			if err != nil {
				t.Fatal(err)
			}
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: strict}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: bad.status, Header: bad.header, Options: strict}
			out.SetBodyBytes(bad.body)
			err = openapi3filter.ValidateResponse(context.Background(), out)
			if tc.wantRejects && err == nil {
				t.Errorf("the validator accepts %s", tc.to)
			}
			if !tc.wantRejects && err != nil {
				t.Errorf("the validator rejects %s: %v", tc.to, err)
			}
		})
	}
}

// TestResponsesMatchOpenAPI validates real requests and responses, on both
// engines, against the document the server serves.
func TestResponsesMatchOpenAPI(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			f := newFixture(t, engine, synthCount)
			c := loadContract(t, f)
			valid := []string{
				"/api/v1/postings",
				"/api/v1/postings?q=data&program=ods-coop&city=toronto",
				"/api/v1/postings?q=analyst&type=term&type=permanent&mode=remote",
				"/api/v1/postings?sort=relevance&q=data",
				"/api/v1/postings?sort=closing",
				"/api/v1/postings?sort=newest",
				"/api/v1/postings?sort=salary&salary_min=40000",
				"/api/v1/postings?status=closed",
				"/api/v1/postings?status=all&page=2&per_page=7",
				"/api/v1/postings?status=closed&q=donn%C3%A9es",
				"/api/v1/postings?per_page=100",
				"/api/v1/postings?org=no-such-org",
				postingPath(f.sampleID),
				postingPath(f.sampleID + 1),
				"/api/v1/catalog",
				"/api/v1/openapi.json",
			}
			for _, path := range valid {
				r := f.get(t, path)
				if r.status != http.StatusOK {
					t.Errorf("GET %s: status %d, want 200: %s", path, r.status, r.body)
				}
				c.check(t, r, true)
			}
			invalid := []struct {
				path   string
				status int
			}{
				{"/api/v1/postings?page=0", http.StatusBadRequest},
				{"/api/v1/postings?page=abc", http.StatusBadRequest},
				{"/api/v1/postings?page=501", http.StatusBadRequest},
				{"/api/v1/postings?per_page=101", http.StatusBadRequest},
				{"/api/v1/postings?status=pending", http.StatusBadRequest},
				{"/api/v1/postings?sort=alphabetical", http.StatusBadRequest},
				{"/api/v1/postings?salary_min=lots", http.StatusBadRequest},
				{"/api/v1/postings?salary_min=-1", http.StatusBadRequest},
				{"/api/v1/postings?mode=moon", http.StatusOK}, // an unknown facet value matches nothing
				{"/api/v1/postings/999999999", http.StatusNotFound},
				{"/api/v1/postings/abc", http.StatusNotFound},
				{"/api/v1/postings/0", http.StatusNotFound},
			}
			for _, tc := range invalid {
				r := f.get(t, tc.path)
				if r.status != tc.status {
					t.Errorf("GET %s: status %d, want %d: %s", tc.path, r.status, tc.status, r.body)
				}
				// An unknown id is a valid request for a posting that does not exist.
				c.check(t, r, tc.path == "/api/v1/postings/999999999")
			}
		})
	}
}

// TestErrorBodiesMatchOpenAPI checks the answers the document cannot route
// (other methods, unknown paths) against its Error schema.
func TestErrorBodiesMatchOpenAPI(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	c := loadContract(t, f)
	schema := c.doc.Components.Schemas["Error"].Value
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{http.MethodPost, "/api/v1/postings", http.StatusMethodNotAllowed},
		{http.MethodDelete, postingPath(f.sampleID), http.StatusMethodNotAllowed},
		{http.MethodPut, "/api/v1/catalog", http.StatusMethodNotAllowed},
		{http.MethodGet, "/api/v1/jobs", http.StatusNotFound},
		{http.MethodGet, "/api/v1/postings/1/applications", http.StatusNotFound},
	} {
		r := f.do(t, tc.method, tc.path)
		if r.status != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, r.status, tc.status)
		}
		var v any
		r.decode(t, &v)
		if err := schema.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
			t.Errorf("%s %s: body does not match Error: %v\n%s", tc.method, tc.path, err, r.body)
		}
	}
}
