package api_test

import (
	"bytes"
	"encoding/json"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"github.com/pathways-gov/pathways/internal/api"
	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/search"
	"github.com/pathways-gov/pathways/internal/store"
)

// jsonOf is encoding/json's rendering of v with HTML escaping off, as the API encodes.
func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{
		"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnew\nline\rret",
		"\x00\x01\x08\x0c\x1f\x7f", "Données, été, 東京, 🙂", "sep\u2028par\u2029end",
		"bad \xff utf8 \xc3", "\xe2\x80", "trailing \\",
	}
	for _, s := range cases {
		got := api.AppendString(nil, s)
		if want := jsonOf(t, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, encoding/json gives %s", s, got, want)
		}
	}
}

func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	cases := []float64{0, 1, -1, 0.1, 12.34, 17.5, 45000, 123456.78, 1e20, 1e21, 1.5e-7, 1e-6, -2.5e-9, math.MaxFloat64}
	for _, f := range cases {
		got := api.AppendFloat(nil, f)
		if want := jsonOf(t, f); !bytes.Equal(got, want) {
			t.Errorf("%v: got %s, encoding/json gives %s", f, got, want)
		}
	}
}

// TestSearchJSONMatchesEncodingJSON renders every response of many queries
// over the synthetic corpus (every posting appears in some page) both by hand
// and through encoding/json: the bytes, and so the decoded values, must agree.
func TestSearchJSONMatchesEncodingJSON(t *testing.T) {
	f := newFixture(t, store.SQLite, synthCount)
	queries := []url.Values{
		{}, {"q": {"data"}, "city": {"toronto"}, "type": {"term"}},
		{"q": {"développeur"}, "status": {"all"}, "sort": {"salary"}},
		{"status": {"closed"}, "sort": {"closing"}, "salary_min": {"45000"}},
		{"q": {"nothing-matches-this"}},
	}
	for f := search.Facet(0); f < search.NumFacets; f++ {
		queries = append(queries, url.Values{f.Name(): {"toronto", "oip", "term", "remote", "it-01"}, "status": {"all"}})
	}
	for page := 1; page <= synthCount/100+1; page++ {
		queries = append(queries, url.Values{"status": {"all"}, "per_page": {"100"}, "page": {strconv.Itoa(page)}})
	}
	seen := map[int64]bool{}
	for _, v := range queries {
		q, errs := app.ParseSearchParams(v)
		if len(errs) > 0 {
			t.Fatalf("%v: %v", v, errs)
		}
		q.Now = testNow
		res := f.app.Search(q)
		for _, s := range res.Items {
			seen[s.ID] = true
		}
		got := api.HandWrittenSearchJSON(q, res, testNow)
		want, err := api.ReferenceSearchJSON(q, res, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: hand-written JSON differs from encoding/json:\n%.600s\n%.600s", v.Encode(), got, want)
		}
		var a, b any
		if err := json.Unmarshal(got, &a); err != nil {
			t.Fatalf("%s: hand-written JSON does not parse: %v", v.Encode(), err)
		}
		if err := json.Unmarshal(want, &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: decoded values differ", v.Encode())
		}
	}
	if len(seen) < synthCount {
		t.Errorf("the queries showed %d postings of %d: not the whole corpus", len(seen), synthCount)
	}
}
