package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/catalog"
)

func TestCatalogEditorThroughForms(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		c := e.signedIn("program-admin")
		if e.signedIn("program-admin").get("/en/staff/postings").doc.Find("a[href='/en/staff/catalog']").Length() != 1 {
			t.Error("no link to the catalog editor for a program admin")
		}
		if e.signedIn("hr-ods").get("/en/staff/postings").doc.Find("a[href='/en/staff/catalog']").Length() != 0 {
			t.Error("an HR advisor is offered the catalog editor")
		}
		list := c.get("/en/staff/catalog")
		if list.StatusCode != http.StatusOK || list.doc.Find("a[href='/en/staff/catalog/organization/ods']").Length() != 1 {
			t.Fatalf("catalog list: %d", list.StatusCode)
		}
		edit := c.get("/fr/staff/catalog/organization/ods")
		form := formValues(edit.doc.Find("form"))
		original := form.Get("data")
		if !strings.Contains(original, `"Ontario Digital Service"`) {
			t.Fatalf("edit form lacks the entry's JSON:\n%s", original)
		}

		// Breaking the entry (no French name) is refused, explained in French, and changes nothing.
		broken := strings.Replace(original, `"fr": "Service numérique de l'Ontario"`, `"fr": ""`, 1)
		if broken == original {
			t.Fatalf("test setup: French name not found in\n%s", original)
		}
		res := c.post("/fr/staff/catalog/organization/ods", url.Values{"data": {broken}, "version": {form.Get("version")}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.text(".error-summary"), "français") {
			t.Errorf("invalid entry: %d %q", res.StatusCode, res.text(".error-summary"))
		}
		if res.doc.Find("#data").Text() != broken {
			t.Error("the submitted text was not shown back")
		}
		if o, _ := e.app.Catalog().Organization("ods"); o.Name.FR != "Service numérique de l'Ontario" {
			t.Errorf("a refused edit changed the catalog: %q", o.Name.FR)
		}
		res = c.post("/en/staff/catalog/organization/ods", url.Values{"data": {"{not json"}, "version": {form.Get("version")}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.text(".error-summary"), "JSON") {
			t.Errorf("malformed JSON: %d %q", res.StatusCode, res.text(".error-summary"))
		}

		// A valid edit saves, serves at once, survives a restart of the catalog from the database, and is audited.
		renamed := strings.Replace(original, `"Ontario Digital Service"`, `"Ontario Digital Service (ODS)"`, 1)
		res = c.post("/en/staff/catalog/organization/ods", url.Values{"data": {renamed}, "version": {form.Get("version")}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("valid edit: %d %s", res.StatusCode, res.text(".error-summary"))
		}
		if done := c.get(res.Header.Get("Location")); !strings.Contains(done.text(".notice"), "saved") {
			t.Errorf("no confirmation after saving: %q", done.text(".notice"))
		}
		if o, _ := e.app.Catalog().Organization("ods"); o.Name.EN != "Ontario Digital Service (ODS)" {
			t.Errorf("catalog not updated: %q", o.Name.EN)
		}
		recs, err := e.app.DB.CatalogRecords(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		stored, err := catalog.FromRecords(recs)
		if err != nil {
			t.Fatal(err)
		}
		if o, _ := stored.Organization("ods"); o.Name.EN != "Ontario Digital Service (ODS)" {
			t.Errorf("edit not stored: %q", o.Name.EN)
		}
		log, _ := e.app.DB.AuditLog(context.Background(), "catalog:organization/ods", 10)
		if len(log) != 1 || log[0].Action != "catalog.update" {
			t.Errorf("audit log %+v", log)
		}
		// The form read before the edit is now stale: saving it is refused and keeps the text.
		res = c.post("/en/staff/catalog/organization/ods", url.Values{"data": {original}, "version": {form.Get("version")}})
		if res.StatusCode != http.StatusConflict || res.doc.Find("#data").Text() != original {
			t.Errorf("stale edit: %d", res.StatusCode)
		}
		if res := c.get("/en/staff/catalog/organization/nope"); res.StatusCode != http.StatusNotFound {
			t.Errorf("unknown entry: %d", res.StatusCode)
		}
	})
}
