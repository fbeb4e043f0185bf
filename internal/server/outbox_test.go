package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// queueMail puts one message in the outbox and returns its id.
func queueMail(t *testing.T, e *env, m mail.Message) int64 {
	t.Helper()
	ctx := context.Background()
	if err := e.app.DB.EnqueueMail(ctx, m); err != nil {
		t.Fatal(err)
	}
	list, _, err := e.app.DB.ListOutbox(ctx, store.OutboxFilter{Limit: 1})
	if err != nil || len(list) == 0 {
		t.Fatal(list, err)
	}
	return list[0].ID
}

// Who may read the outbox: the messages carry applicants' personal information.
func TestOutboxAccess(t *testing.T) {
	e := newEnv(t, store.SQLite)
	id := queueMail(t, e, mail.Message{Kind: "test", To: "someone@example.ca", Lang: lang.EN, Subject: "Hello", Body: "Body\n"})
	const (
		ok     = http.StatusOK
		signin = -1
		denied = http.StatusForbidden
	)
	roles := []string{"anonymous", "applicant", "hm-ods", "hr-ods", "program-admin", "platform-admin"}
	// auth.ViewOutbox is granted to platform administrators only
	// (internal/auth/policy.go); a policy change must change this row.
	want := []int{signin, denied, denied, denied, denied, ok}
	for _, path := range []string{"/en/staff/outbox", "/fr/staff/outbox", fmt.Sprintf("/en/staff/outbox/%d", id), "/fr/staff/outbox/999999"} {
		for i, role := range roles {
			res := e.signedIn(role).get(path)
			w := want[i]
			if strings.HasSuffix(path, "/999999") && w == ok {
				w = http.StatusNotFound
			}
			switch {
			case w == signin:
				if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "/signin?next=") {
					t.Errorf("%s as %s: %d to %q, want a redirect to sign in", path, role, res.StatusCode, loc)
				}
			case res.StatusCode != w:
				t.Errorf("%s as %s: %d, want %d", path, role, res.StatusCode, w)
			}
			if w != ok && strings.Contains(res.body, "someone@example.ca") {
				t.Errorf("%s as %s shows the message", path, role)
			}
		}
	}
}

func TestOutboxPages(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			sentID := queueMail(t, e, mail.Message{Kind: "verify", To: "first@example.ca", Lang: lang.EN, Subject: "Confirm your email", Body: "Open the link.\n"})
			id := queueMail(t, e, mail.Message{Kind: "confirmation", To: "eloise@example.ca", Lang: lang.FR,
				Subject: "Candidature reçue <b>", Body: "Bonjour Éloïse,\n\n  Numéro : PW-1234 <script>alert(1)</script>\n"})
			ctx := context.Background()
			claimed, err := e.app.DB.ClaimMail(ctx, e.now.AddDate(1, 0, 0), 0, 1) // the oldest, as a worker would
			if err != nil || len(claimed) != 1 || claimed[0].ID != sentID {
				t.Fatal(claimed, err)
			}
			if err := e.app.DB.MarkMailSent(ctx, sentID, e.now); err != nil {
				t.Fatal(err)
			}
			admin := e.signedIn("platform-admin")

			res := admin.get("/en/staff/outbox")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("list: %d", res.StatusCode)
			}
			if got := res.text("h1"); got != "Email outbox" {
				t.Errorf("h1 %q", got)
			}
			if res.doc.Find("h1").Length() != 1 || res.doc.Find("table caption").Length() != 1 {
				t.Error("the list needs one h1 and a table caption")
			}
			if n := res.doc.Find("thead th[scope=col]").Length(); n != 6 {
				t.Errorf("%d column headers with scope", n)
			}
			rows := res.doc.Find("tbody tr")
			if rows.Length() != 2 || !strings.Contains(rows.First().Text(), "eloise@example.ca") {
				t.Fatalf("rows (newest first): %q", rows.Text())
			}
			if lang, _ := rows.First().Find("a").Attr("lang"); lang != "fr" {
				t.Errorf("a French subject is not marked lang=fr: %q", lang)
			}
			if !strings.Contains(res.body, "Candidature reçue &lt;b&gt;") {
				t.Error("the subject is not escaped")
			}
			if !strings.Contains(rows.Eq(1).Text(), "Sent") || !strings.Contains(rows.First().Text(), "Waiting to be sent") {
				t.Errorf("statuses: %q", rows.Text())
			}

			// Filter by status.
			res = admin.get("/fr/staff/outbox?status=sent")
			if res.StatusCode != http.StatusOK || res.doc.Find("tbody tr").Length() != 1 || !strings.Contains(res.text("tbody"), "first@example.ca") {
				t.Fatalf("sent only: %d %q", res.StatusCode, res.text("tbody"))
			}
			if res.text("h1") != "Boîte d'envoi des courriels" || !strings.Contains(res.text("tbody"), "Envoyé") {
				t.Errorf("French page: %q %q", res.text("h1"), res.text("tbody"))
			}
			if sel, _ := res.doc.Find("select#status option[selected]").Attr("value"); sel != "sent" {
				t.Errorf("the filter does not show its value: %q", sel)
			}
			for _, bad := range []string{"?status=bogus", "?page=0", "?page=x"} {
				if res := admin.get("/en/staff/outbox" + bad); res.StatusCode != http.StatusBadRequest {
					t.Errorf("%s: %d, want 400", bad, res.StatusCode)
				}
			}

			// One message: the body is preformatted text, escaped.
			res = admin.get(fmt.Sprintf("/fr/staff/outbox/%d", id))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("message: %d", res.StatusCode)
			}
			pre := res.doc.Find("pre")
			if pre.Length() != 1 || pre.Text() != "Bonjour Éloïse,\n\n  Numéro : PW-1234 <script>alert(1)</script>\n" {
				t.Fatalf("body %q", pre.Text())
			}
			if l, _ := pre.Attr("lang"); l != "fr" {
				t.Errorf("body lang %q", l)
			}
			if strings.Contains(res.body, "<script>alert") {
				t.Fatal("the body is not escaped")
			}
			if !strings.Contains(res.text("main"), "eloise@example.ca") || !strings.Contains(res.text("main"), "En attente d'envoi") {
				t.Errorf("details: %q", res.text("main"))
			}
			for _, bad := range []string{"0", "-1", "abc", "1x", "999999"} {
				if res := admin.get("/en/staff/outbox/" + bad); res.StatusCode != http.StatusNotFound {
					t.Errorf("/en/staff/outbox/%s: %d, want 404", bad, res.StatusCode)
				}
			}
		})
	}
}
