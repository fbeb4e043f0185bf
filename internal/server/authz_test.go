package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
)

// TestStaffRouteMatrix checks every staff route for every role. The expected
// outcome of each cell is written out, so a policy change must change this table.
func TestStaffRouteMatrix(t *testing.T) {
	e := newEnv(t, store.SQLite)
	const (
		ok       = http.StatusOK
		saved    = http.StatusSeeOther // a successful form post redirects
		signin   = -1                  // anonymous visitors are sent to sign in
		denied   = http.StatusForbidden
		notFound = http.StatusNotFound // another organization's posting is not revealed
	)
	roles := []string{"anonymous", "applicant", "hm-ods", "hm-other", "hr-ods", "program-admin", "platform-admin"}
	type route struct {
		name   string
		method string
		path   func(id int64) string
		form   func(e *env) url.Values
		want   []int // in the order of roles; rows named "…, published" act on a published posting
	}
	draftForm := func(e *env) url.Values {
		return url.Values{"title_en": {"Analyst"}, "title_fr": {"Analyste"}, "org": {"ods"}}
	}
	routes := []route{
		{"list", "GET", func(int64) string { return "/en/staff/postings" }, nil,
			[]int{signin, denied, ok, ok, ok, ok, ok}},
		{"staff home", "GET", func(int64) string { return "/en/staff/" }, nil,
			[]int{signin, denied, saved, saved, saved, saved, saved}},
		{"new form", "GET", func(int64) string { return "/en/staff/postings/new" }, nil,
			[]int{signin, denied, ok, ok, ok, ok, ok}},
		{"create for ods", "POST", func(int64) string { return "/en/staff/postings" }, draftForm,
			[]int{signin, denied, saved, http.StatusUnprocessableEntity, saved, saved, saved}},
		{"preview", "GET", func(id int64) string { return fmt.Sprintf("/en/staff/postings/%d", id) }, nil,
			[]int{signin, denied, ok, notFound, ok, ok, ok}},
		{"edit form", "GET", func(id int64) string { return fmt.Sprintf("/en/staff/postings/%d/edit", id) }, nil,
			[]int{signin, denied, ok, notFound, ok, ok, ok}},
		{"update", "POST", func(id int64) string { return fmt.Sprintf("/en/staff/postings/%d", id) }, nil,
			[]int{signin, denied, saved, notFound, saved, saved, saved}},
		{"catalog", "GET", func(int64) string { return "/en/staff/catalog" }, nil,
			[]int{signin, denied, denied, denied, denied, ok, ok}},
		{"catalog save", "POST", func(int64) string { return "/en/staff/catalog/competency/collaboration" }, func(e *env) url.Values {
			return url.Values{"data": {"{}"}, "version": {"stale"}}
		}, []int{signin, denied, denied, denied, denied, http.StatusConflict, http.StatusConflict}},
		{"edit form, published", "GET", func(id int64) string { return fmt.Sprintf("/en/staff/postings/%d/edit", id) }, nil,
			[]int{signin, denied, denied, notFound, ok, ok, ok}},
		{"update, published", "POST", func(id int64) string { return fmt.Sprintf("/en/staff/postings/%d", id) }, nil,
			[]int{signin, denied, denied, notFound, saved, saved, saved}},
		{"publish", "POST", func(id int64) string { return fmt.Sprintf("/en/staff/postings/%d/publish", id) }, nil,
			[]int{signin, denied, denied, notFound, saved, saved, saved}},
	}
	for _, r := range routes {
		for i, role := range roles {
			t.Run(r.name+"/"+role, func(t *testing.T) {
				p := e.completeDraft("ods")
				if strings.HasSuffix(r.name, ", published") {
					live, err := e.app.Transition(context.Background(), e.users["platform-admin"].ID, p.ID, p.Version, posting.Publish)
					if err != nil {
						t.Fatal(err)
					}
					p = live
				}
				c := e.signedIn(role)
				path := r.path(p.ID)
				var res *response
				if r.method == "GET" {
					res = c.get(path)
				} else {
					form := url.Values{"version": {fmt.Sprint(p.Version)}}
					if r.form != nil {
						form = r.form(e)
					} else if !strings.HasSuffix(path, "/publish") {
						form = e.editForm(p.ID)
					}
					res = c.post(path, form)
				}
				want := r.want[i]
				if want == signin {
					if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/en/signin?next=") {
						t.Errorf("%s %s as %s: %d %q, want a redirect to sign in", r.method, path, role, res.StatusCode, res.Header.Get("Location"))
					}
					return
				}
				if res.StatusCode != want {
					t.Errorf("%s %s as %s: status %d, want %d", r.method, path, role, res.StatusCode, want)
				}
			})
		}
	}
}

// editForm returns the values a browser would submit from a posting's edit form, unchanged.
func (e *env) editForm(id int64) url.Values {
	e.t.Helper()
	res := e.signedIn("platform-admin").get(fmt.Sprintf("/en/staff/postings/%d/edit", id))
	if res.StatusCode != http.StatusOK {
		e.t.Fatalf("edit form: %d", res.StatusCode)
	}
	return formValues(res.doc.Find("form.posting-form"))
}
