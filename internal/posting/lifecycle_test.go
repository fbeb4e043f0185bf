package posting

import (
	"errors"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

func publishable(now time.Time) *Posting {
	return &Posting{
		Status: Draft, Title: lang.T("Analyst", "Analyste"), OrgCode: "ods", Type: Term, WorkMode: Hybrid,
		Languages: EnglishEssential, Locations: []Location{{City: "toronto", Province: "ON"}},
		ClosesAt: now.Add(48 * time.Hour), TimeZone: "America/Toronto",
		Content: Content{About: lang.T("About", "À propos"), Duties: lang.T("Duties", "Tâches"), HowToApply: lang.T("Apply", "Postulez")},
		Groups:  []QualificationGroup{{Items: []Qualification{{Kind: Essential, Text: lang.T("SQL", "SQL")}}}},
	}
}

// TestTransitionTable checks every (state, action) pair against the state machine.
func TestTransitionTable(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	want := map[Status]map[Action]Status{
		Draft:     {Publish: Published, Close: "", Archive: Archived},
		Published: {Publish: "", Close: Closed, Archive: Archived},
		Closed:    {Publish: "", Close: "", Archive: Archived},
		Archived:  {Publish: "", Close: "", Archive: ""},
	}
	for from, actions := range want {
		for action, to := range actions {
			p := publishable(now)
			p.Status = from
			err := p.Apply(action, now)
			if to == "" {
				var te *TransitionError
				if !errors.As(err, &te) || p.Status != from {
					t.Errorf("%s + %s: err %v, status %s; want a TransitionError and no change", from, action, err, p.Status)
				}
				if te != nil && (te.Message().EN == "" || te.Message().FR == "") {
					t.Errorf("%s + %s: message not bilingual", from, action)
				}
				continue
			}
			if err != nil || p.Status != to {
				t.Errorf("%s + %s: err %v, status %s; want %s", from, action, err, p.Status, to)
			}
		}
	}
}

func TestTimestampsFollowTransitions(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	p := publishable(now)
	must := func(a Action, at time.Time) {
		t.Helper()
		if err := p.Apply(a, at); err != nil {
			t.Fatal(err)
		}
	}
	must(Publish, now)
	must(Close, now.Add(time.Hour))
	must(Archive, now.Add(2*time.Hour))
	if !p.PublishedAt.Equal(now) || !p.ClosedAt.Equal(now.Add(time.Hour)) || !p.ArchivedAt.Equal(now.Add(2*time.Hour)) {
		t.Errorf("timestamps %v %v %v", p.PublishedAt, p.ClosedAt, p.ArchivedAt)
	}
}

func TestClosesByItselfExactlyAtTheClosingInstant(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	p := publishable(now)
	if err := p.Apply(Publish, now); err != nil {
		t.Fatal(err)
	}
	if !p.IsOpen(p.ClosesAt.Add(-time.Nanosecond)) {
		t.Error("closed before the closing instant")
	}
	if p.IsOpen(p.ClosesAt) || p.Effective(p.ClosesAt) != Closed {
		t.Error("still open at the closing instant")
	}
	if p.Status != Published {
		t.Error("Effective must not change the stored state")
	}
	// Archiving a posting that closed by itself records when it closed.
	if err := p.Apply(Archive, p.ClosesAt.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if !p.ClosedAt.Equal(p.ClosesAt) {
		t.Errorf("ClosedAt %v, want the closing instant", p.ClosedAt)
	}
	// A posting that closed by itself cannot be closed again.
	q := publishable(now)
	q.Apply(Publish, now)
	var te *TransitionError
	if err := q.Apply(Close, q.ClosesAt.Add(time.Minute)); !errors.As(err, &te) {
		t.Errorf("closing an already closed posting: %v", err)
	}
}

func TestPublishRequiresCompleteness(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	cases := map[string]func(p *Posting){
		"title_fr":        func(p *Posting) { p.Title.FR = "" },
		"about_en":        func(p *Posting) { p.Content.About.EN = " " },
		"duties_fr":       func(p *Posting) { p.Content.Duties.FR = "" },
		"how_to_apply_en": func(p *Posting) { p.Content.HowToApply = lang.Text{} },
		"org":             func(p *Posting) { p.OrgCode = "" },
		"type":            func(p *Posting) { p.Type = "" },
		"mode":            func(p *Posting) { p.WorkMode = "" },
		"languages":       func(p *Posting) { p.Languages = "" },
		"locations":       func(p *Posting) { p.Locations = nil },
		"groups":          func(p *Posting) { p.Groups = nil },
		"closes_at":       func(p *Posting) { p.ClosesAt = now },
		"offer_fr":        func(p *Posting) { p.Content.Offer = lang.T("Benefits", "") },
		"eligibility_0":   func(p *Posting) { p.Eligibility = []Requirement{{Text: lang.T("Enrolled", "")}} },
		"group_0_item_0":  func(p *Posting) { p.Groups[0].Items[0].Text.FR = "" },
	}
	for field, breakIt := range cases {
		p := publishable(now)
		breakIt(p)
		err := p.Apply(Publish, now)
		var ps Problems
		if !errors.As(err, &ps) || len(ps.For(field)) == 0 {
			t.Errorf("%s: got %v, want a problem on %s", field, err, field)
		}
		if p.Status != Draft || !p.PublishedAt.IsZero() {
			t.Errorf("%s: a refused publish changed the posting", field)
		}
		for _, pr := range ps {
			if !pr.Msg.Complete() {
				t.Errorf("%s: message not in both languages: %+v", field, pr)
			}
		}
	}
	if err := publishable(now).CheckPublishable(now); err != nil {
		t.Errorf("complete posting refused: %v", err)
	}
}

func TestAllowedActions(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	p := publishable(now)
	if got := p.Allowed(now); len(got) != 2 || got[0] != Publish || got[1] != Archive {
		t.Errorf("draft allows %v", got)
	}
	p.Apply(Publish, now)
	if got := p.Allowed(p.ClosesAt); len(got) != 1 || got[0] != Archive {
		t.Errorf("published past its close allows %v, want only archive", got)
	}
}
