package web

import (
	"html/template"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/catalog"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
)

// jobData is the posting page's view: every text is resolved for the page's
// language in Go, once per request, so the template only prints fields.
// Sections stay conditional on the English text, as published postings are
// bilingual and staff previews show what is missing.
type jobData struct {
	P       *posting.Posting
	Open    bool
	Closing string // closing date and time, formatted
	Org     catalog.Organization
	Program string
	Streams []string
	Level   string
	Bucket  string
	Preview bool
	Staff   *staffActions

	ClosedBanner bool // closed to applications (drafts are never "closed")
	CanApply     bool // show how to apply
	OrgName      string
	Area         string
	StreamList   string // the streams, comma-separated
	Type         string
	Locations    string // places and work mode
	Salary       string
	SalaryNote   string
	TermNote     string
	TermDates    string // "(start – end)" when both are known
	TermMonths   string
	Hours        string
	Schedule     string
	Languages    string
	LanguageNote string
	ClosesISO    string
	Documents    string
	Eligibility  []string
	Groups       []groupView

	Screening, About, Duties, Impact, Bring, WhyJoin, Offer template.HTML
	HowToApply, KeepOnFileNote, Accommodation               template.HTML
}

// groupView is a qualification group in the page's language.
type groupView struct {
	Heading string
	Items   []qualificationView
}

type qualificationView struct {
	Text  string
	Asset bool
}

func (h *Handler) jobView(l lang.Lang, p *posting.Posting) *jobData {
	c := h.App.Catalog()
	d := &jobData{P: p, Open: p.IsOpen(h.App.Now()), Closing: posting.FormatDateTime(p.ClosingLocal(), l),
		Bucket: posting.BucketOf(p.ApplicationsReceived).Sentence(l)}
	if o, ok := c.Organization(p.OrgCode); ok {
		d.Org = o
	} else {
		d.Org.Name = lang.T(p.OrgCode, p.OrgCode)
	}
	if p.Program != "" {
		d.Program = h.label(l, search.FacetProgram, p.Program)
	}
	for _, s := range p.Streams {
		d.Streams = append(d.Streams, h.label(l, search.FacetStream, s))
	}
	if p.Level != "" {
		d.Level = h.label(l, search.FacetLevel, p.Level)
	}
	h.jobFacts(l, p, d)
	h.jobSections(l, p, d)
	return d
}

// jobFacts fills the details list.
func (h *Handler) jobFacts(l lang.Lang, p *posting.Posting, d *jobData) {
	draft := p.Status == posting.Draft
	d.ClosedBanner = !d.Open && !draft
	d.CanApply = d.Open || draft
	d.OrgName = d.Org.Name.In(l)
	d.Area = p.Content.AreaOfGovernment.In(l)
	d.StreamList = strings.Join(d.Streams, ", ")
	d.Type = h.Msgs.T(l, "type."+string(p.Type), nil)
	places := make([]string, len(p.Locations))
	for i, loc := range p.Locations {
		places[i] = loc.Place(l)
	}
	d.Locations = strings.Join(places, "; ") + " (" + h.Msgs.T(l, "mode."+string(p.WorkMode), nil) + ")"
	if p.Salary.Stated() {
		d.Salary = p.Salary.Format(l)
	}
	d.SalaryNote = p.Content.SalaryNote.In(l)
	d.TermNote = p.Content.TermNote.In(l)
	if p.TermStart != "" && p.TermEnd != "" {
		d.TermDates = "(" + posting.FormatCivilDate(p.TermStart, l) + " – " + posting.FormatCivilDate(p.TermEnd, l) + ")"
	}
	if p.TermMonths != 0 {
		d.TermMonths = h.Msgs.T(l, "job.months", map[string]any{"Count": p.TermMonths})
	}
	if p.Hours != 0 {
		d.Hours = h.Msgs.T(l, "job.hours.value", map[string]any{"Hours": p.Hours})
	}
	d.Schedule = p.Content.Schedule.In(l)
	if p.Languages != "" {
		d.Languages = h.Msgs.T(l, "languages."+string(p.Languages), nil)
	}
	d.LanguageNote = p.Content.LanguageNote.In(l)
	if !p.ClosesAt.IsZero() {
		d.ClosesISO = p.ClosesAt.Format(time.RFC3339)
	}
	d.Documents = p.Content.DocumentsRequired.In(l)
	for _, e := range p.Eligibility {
		d.Eligibility = append(d.Eligibility, e.Text.In(l))
	}
	d.Groups = make([]groupView, len(p.Groups))
	for i, g := range p.Groups {
		d.Groups[i] = groupView{Heading: g.Heading.In(l), Items: make([]qualificationView, len(g.Items))}
		for j, q := range g.Items {
			d.Groups[i].Items[j] = qualificationView{Text: q.Text.In(l), Asset: q.Kind == posting.Asset}
		}
	}
}

// jobSections renders the prose sections once each.
func (h *Handler) jobSections(l lang.Lang, p *posting.Posting, d *jobData) {
	c := &p.Content
	for _, s := range []struct {
		dst *template.HTML
		src lang.Text
	}{
		{&d.Screening, c.Screening}, {&d.About, c.About}, {&d.Duties, c.Duties}, {&d.Impact, c.Impact},
		{&d.Bring, c.Bring}, {&d.WhyJoin, c.WhyJoin}, {&d.Offer, c.Offer}, {&d.HowToApply, c.HowToApply},
		{&d.KeepOnFileNote, c.KeepOnFileNote}, {&d.Accommodation, c.Accommodation},
	} {
		if text := s.src.In(l); text != "" {
			*s.dst = Prose(text)
		}
	}
}
