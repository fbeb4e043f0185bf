package server_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
)

// A published posting's staff preview links to the applications received,
// for staff who may see them; a draft has none to show.
func TestStaffPreviewLinksToApplications(t *testing.T) {
	e := newEnv(t, store.SQLite)
	draft := e.completeDraft("ods")
	live := e.completeDraft("ods")
	live, err := e.app.Transition(context.Background(), e.users["platform-admin"].ID, live.ID, live.Version, posting.Publish)
	if err != nil {
		t.Fatal(err)
	}
	link := func(id int64) string { return fmt.Sprintf(`a[href="/en/staff/postings/%d/applications"]`, id) }
	for _, who := range []string{"hm-ods", "hr-ods", "program-admin"} {
		c := e.signedIn(who)
		if n := c.get(fmt.Sprintf("/en/staff/postings/%d", live.ID)).doc.Find(link(live.ID)).Length(); n != 1 {
			t.Errorf("%s: %d links to the applications of a published posting, want 1", who, n)
		}
		if n := c.get(fmt.Sprintf("/en/staff/postings/%d", draft.ID)).doc.Find(link(draft.ID)).Length(); n != 0 {
			t.Errorf("%s: a draft links to applications", who)
		}
	}
}
