package posting

import (
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

func TestDataCoopIsAValidCompleteBilingualPosting(t *testing.T) {
	p := DataCoop()
	if err := p.CheckDraft(nil); err != nil {
		t.Fatalf("CheckDraft: %v", err)
	}
	if err := p.CheckPublishable(p.PublishedAt); err != nil {
		t.Fatalf("CheckPublishable at its publication: %v", err)
	}
	if err := p.CheckPublishable(p.ClosesAt.Add(-time.Minute)); err != nil {
		t.Fatalf("CheckPublishable a minute before closing: %v", err)
	}
	if err := p.CheckPublishable(p.ClosesAt); err == nil {
		t.Fatal("CheckPublishable at the closing instant passed; want a closes_at problem")
	}
	for field, text := range p.texts() {
		if !text.IsZero() && !text.Complete() {
			t.Errorf("%s is not given in both languages: %+v", field, text)
		}
	}
}

func TestDataCoopIsClosed(t *testing.T) {
	p := DataCoop()
	for _, now := range []time.Time{time.Now(), p.ClosesAt, p.PublishedAt} {
		if got := p.Effective(now); got != Closed {
			t.Errorf("Effective(%v) = %s, want closed", now, got)
		}
		if p.IsOpen(now) {
			t.Errorf("IsOpen(%v) = true", now)
		}
	}
	if !p.ClosedAt.Equal(p.ClosesAt) {
		t.Errorf("ClosedAt = %v, want the closing instant %v", p.ClosedAt, p.ClosesAt)
	}
	if !p.PublishedAt.Before(p.ClosesAt) {
		t.Errorf("PublishedAt %v is not before ClosesAt %v", p.PublishedAt, p.ClosesAt)
	}
	if got := BucketOf(p.ApplicationsReceived); got != FewerThan10 {
		t.Errorf("bucket = %s, want lt10 as the source says", got.Code())
	}
}

func TestDataCoopSalary(t *testing.T) {
	s := DataCoop().Salary
	if got, want := s.Format(lang.EN), "$669.57 to $892.75 a week"; got != want {
		t.Errorf("EN = %q, want %q", got, want)
	}
	if got, want := s.Format(lang.FR), "de 669,57\u00a0$ à 892,75\u00a0$ par semaine"; got != want {
		t.Errorf("FR = %q, want %q", got, want)
	}
}

func TestDataCoopClosesAtFivePMTorontoTime(t *testing.T) {
	p := DataCoop()
	if got, want := p.ClosesAt, time.Date(2023, 11, 10, 22, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("ClosesAt = %v, want %v", got, want)
	}
	if got, want := FormatDateTime(p.ClosingLocal(), lang.EN), "Friday, November 10, 2023, 5:00 p.m. EST"; got != want {
		t.Errorf("EN = %q, want %q", got, want)
	}
	if got, want := FormatDateTime(p.ClosingLocal(), lang.FR), "le vendredi 10 novembre 2023 à 17 h (HNE)"; got != want {
		t.Errorf("FR = %q, want %q", got, want)
	}
}

func TestDataCoopRequirements(t *testing.T) {
	p := DataCoop()
	if len(p.Eligibility) != 3 {
		t.Errorf("%d eligibility requirements, want 3", len(p.Eligibility))
	}
	want := []struct {
		heading string
		items   int
	}{{"Research and analysis", 3}, {"Subject matter expertise", 3}, {"Collaboration and partnerships", 5}}
	if len(p.Groups) != len(want) {
		t.Fatalf("%d groups, want %d", len(p.Groups), len(want))
	}
	for i, w := range want {
		g := p.Groups[i]
		if g.Heading.EN != w.heading || len(g.Items) != w.items {
			t.Errorf("group %d = %q with %d items, want %q with %d", i, g.Heading.EN, len(g.Items), w.heading, w.items)
		}
		for j, q := range g.Items {
			if q.Kind != Essential {
				t.Errorf("group %d item %d is %s, want essential", i, j, q.Kind)
			}
		}
	}
}

func TestDataCoopFacts(t *testing.T) {
	p := DataCoop()
	checks := []struct {
		name      string
		got, want any
	}{
		{"org", p.OrgCode, "ods"},
		{"program", p.Program, "ods-coop"},
		{"type", p.Type, CoOp},
		{"term", p.TermStart + ".." + p.TermEnd, "2024-01-02..2024-04-26"},
		{"hours", p.Hours, 36.25},
		{"schedule", p.Content.Schedule.EN, "Schedule 6"},
		{"mode", p.WorkMode, CurrentlyRemote},
		{"place", p.Locations[0].Place(lang.EN), "Toronto, Ontario"},
		{"languages", p.Languages, EnglishEssential},
		{"keep on file", p.KeepOnFile, true},
		{"accommodation email", p.AccommodationEmail, "ODS.Data.Talent@ontario.ca"},
		{"contact email", p.ContactEmail, "ODS.Data.Talent@ontario.ca"},
		{"zone", p.TimeZone, "America/Toronto"},
		{"locations", len(p.Locations), 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !p.Content.LanguageNote.IsZero() {
		t.Errorf("LanguageNote = %+v, want empty: the source is silent", p.Content.LanguageNote)
	}
	if n := strings.Count(p.Content.Duties.EN, "\n- "); n != 5 {
		t.Errorf("Duties has %d bullets, want 5", n)
	}
	if n := strings.Count(p.Content.Offer.FR, "- "); n != 4 {
		t.Errorf("Offer (FR) has %d bullets, want 4", n)
	}
	if !strings.Contains(p.Content.HowToApply.EN, "“Data co-op” as the subject line") ||
		!strings.Contains(p.Content.HowToApply.EN, "data governance and ethical application of AI") {
		t.Errorf("HowToApply lacks the subject line or the experience to highlight: %q", p.Content.HowToApply.EN)
	}
}

func TestDataCoopReturnsIndependentCopies(t *testing.T) {
	a, b := DataCoop(), DataCoop()
	a.Groups[0].Items[0].Kind = Asset
	a.Eligibility[0].ID = 7
	a.Locations[0].City = "ottawa"
	if b.Groups[0].Items[0].Kind != Essential || b.Eligibility[0].ID != 0 || b.Locations[0].City != "toronto" {
		t.Error("changing one copy changed another")
	}
}

func TestFrenchTypography(t *testing.T) {
	got := bi("x", "l'« Directive » : oui").FR
	if want := "l’«\u00a0Directive\u00a0»\u00a0: oui"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	p := DataCoop()
	for field, text := range p.texts() {
		if strings.ContainsAny(text.FR, "'") || strings.Contains(text.FR, " :") || strings.Contains(text.FR, "« ") {
			t.Errorf("%s (FR) has plain typography: %q", field, text.FR)
		}
	}
}
