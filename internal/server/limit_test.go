package server

import (
	"net/http/httptest"
	"testing"
)

// Only the public reads that cost CPU wait their turn; forms, applying and
// everything else go straight through.
func TestCPUBoundRequests(t *testing.T) {
	cases := map[string]bool{
		"GET /api/v1/postings":         true,
		"GET /api/v1/postings?q=data":  true,
		"GET /api/v1/postings/42":      true,
		"HEAD /en/jobs":                true,
		"GET /fr/jobs/42":              true,
		"GET /en/jobs/42-data-analyst": true,
		"POST /en/jobs/42/apply":       false,
		"GET /en/jobs/42/apply":        false,
		"GET /api/v1/postings/42/x":    false,
		"GET /en/jobsearch":            false,
		"GET /en/applications":         false,
		"GET /en/staff/postings":       false,
		"POST /api/v1/postings":        false,
		"GET /api/v1/catalog":          false,
	}
	for in, want := range cases {
		var method, path string
		for i := range in {
			if in[i] == ' ' {
				method, path = in[:i], in[i+1:]
				break
			}
		}
		if got := cpuBound(httptest.NewRequest(method, path, nil)); got != want {
			t.Errorf("cpuBound(%s) = %v, want %v", in, got, want)
		}
	}
}
