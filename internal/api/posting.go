package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

// postingDetail is everything the public page of a posting shows, in both
// languages: the summary fields first, then the rest.
type postingDetail struct {
	postingSummary
	PublishedAt         *string           `json:"published_at"`
	Term                termJSON          `json:"term"`
	Hours               *float64          `json:"hours"`
	Languages           *string           `json:"languages"`
	ClosingText         lang.Text         `json:"closing_text"`
	KeepOnFile          bool              `json:"keep_on_file"`
	AccommodationEmail  *string           `json:"accommodation_email"`
	Applications        string            `json:"applications"`
	Content             contentJSON       `json:"content"`
	Eligibility         []requirementJSON `json:"eligibility"`
	QualificationGroups []qualGroupJSON   `json:"qualification_groups"`
}

// termJSON is the work term: civil dates (YYYY-MM-DD) and/or a duration.
type termJSON struct {
	Start  *string `json:"start"`
	End    *string `json:"end"`
	Months *int    `json:"months"`
}

// contentJSON holds the posting's prose sections; a section the posting does
// not have is {"en": "", "fr": ""}. Paragraphs are separated by blank lines;
// lines starting with "- " are list items.
type contentJSON struct {
	Summary           lang.Text `json:"summary"`
	About             lang.Text `json:"about"`
	Duties            lang.Text `json:"duties"`
	Impact            lang.Text `json:"impact"`
	Bring             lang.Text `json:"bring"`
	WhyJoin           lang.Text `json:"why_join"`
	Offer             lang.Text `json:"offer"`
	HowToApply        lang.Text `json:"how_to_apply"`
	Screening         lang.Text `json:"screening"`
	TermNote          lang.Text `json:"term_note"`
	Schedule          lang.Text `json:"schedule"`
	SalaryNote        lang.Text `json:"salary_note"`
	KeepOnFileNote    lang.Text `json:"keep_on_file_note"`
	Accommodation     lang.Text `json:"accommodation"`
	LanguageNote      lang.Text `json:"language_note"`
	AreaOfGovernment  lang.Text `json:"area_of_government"`
	DocumentsRequired lang.Text `json:"documents_required"`
}

type requirementJSON struct {
	ID   int64     `json:"id"`
	Text lang.Text `json:"text"`
}

type qualGroupJSON struct {
	ID      int64               `json:"id"`
	Heading lang.Text           `json:"heading"`
	Items   []qualificationJSON `json:"items"`
}

type qualificationJSON struct {
	ID   int64     `json:"id"`
	Kind string    `json:"kind"`
	Text lang.Text `json:"text"`
}

// posting answers GET /api/v1/postings/{id}. Drafts, archived postings and
// ids that are not positive decimal numbers are not found.
func (h *Handler) posting(r *http.Request) (any, error) {
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		return nil, errNotFound
	}
	p, err := h.app.PublicPosting(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return h.detailJSON(p, h.app.Now()), nil
}

// parseID accepts only plain decimal digits (no sign, no slug), up to int64.
func parseID(s string) (int64, bool) {
	if s == "" || len(s) > 19 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

func (h *Handler) detailJSON(p *posting.Posting, now time.Time) postingDetail {
	d := postingDetail{
		postingSummary:      h.postingSummaryOf(p, now),
		PublishedAt:         optionalInstant(p.PublishedAt),
		Term:                termJSON{Start: optional(p.TermStart), End: optional(p.TermEnd), Months: optionalInt(p.TermMonths)},
		Languages:           optional(string(p.Languages)),
		ClosingText:         closingText(p),
		KeepOnFile:          p.KeepOnFile,
		AccommodationEmail:  optional(p.AccommodationEmail),
		Applications:        posting.BucketOf(p.ApplicationsReceived).Code(),
		Content:             contentOf(p.Content),
		Eligibility:         make([]requirementJSON, 0, len(p.Eligibility)),
		QualificationGroups: make([]qualGroupJSON, 0, len(p.Groups)),
	}
	if p.Hours > 0 {
		hours := p.Hours
		d.Hours = &hours
	}
	for _, e := range p.Eligibility {
		d.Eligibility = append(d.Eligibility, requirementJSON{ID: e.ID, Text: e.Text})
	}
	for _, g := range p.Groups {
		d.QualificationGroups = append(d.QualificationGroups, groupJSON(g))
	}
	return d
}

// postingSummaryOf renders the summary fields of a full posting; unlike a
// search result, it knows the weekly hours for the annual salary.
func (h *Handler) postingSummaryOf(p *posting.Posting, now time.Time) postingSummary {
	org := organizationJSON{Code: p.OrgCode, Name: lang.T(p.OrgCode, p.OrgCode)}
	if c := h.app.Catalog(); c != nil {
		if o, ok := c.Organization(p.OrgCode); ok {
			org.Name = o.Name
		}
	}
	status := statusClosed
	if p.IsOpen(now) {
		status = statusOpen
	}
	return postingSummary{
		ID: p.ID, URL: posting.PublicPaths(p.ID, p.Title), Title: p.Title, Organization: org,
		Program: optional(p.Program), Streams: nonNil(p.Streams), Level: optional(p.Level),
		Type: optional(string(p.Type)), WorkMode: optional(string(p.WorkMode)),
		Locations: locationsJSON(p.Locations), Salary: newSalaryJSON(p.Salary, p.Hours),
		ClosesAt: formatInstant(p.ClosesAt), TimeZone: p.TimeZone, Status: status,
	}
}

// closingText is the closing date and time as the public page writes it, in the posting's zone.
func closingText(p *posting.Posting) lang.Text {
	local := p.ClosingLocal()
	return lang.T(posting.FormatDateTime(local, lang.EN), posting.FormatDateTime(local, lang.FR))
}

func groupJSON(g posting.QualificationGroup) qualGroupJSON {
	out := qualGroupJSON{ID: g.ID, Heading: g.Heading, Items: make([]qualificationJSON, 0, len(g.Items))}
	for _, q := range g.Items {
		out.Items = append(out.Items, qualificationJSON{ID: q.ID, Kind: string(q.Kind), Text: q.Text})
	}
	return out
}

func contentOf(c posting.Content) contentJSON {
	return contentJSON{
		Summary: c.Summary, About: c.About, Duties: c.Duties, Impact: c.Impact, Bring: c.Bring,
		WhyJoin: c.WhyJoin, Offer: c.Offer, HowToApply: c.HowToApply, Screening: c.Screening,
		TermNote: c.TermNote, Schedule: c.Schedule, SalaryNote: c.SalaryNote,
		KeepOnFileNote: c.KeepOnFileNote, Accommodation: c.Accommodation, LanguageNote: c.LanguageNote,
		AreaOfGovernment: c.AreaOfGovernment, DocumentsRequired: c.DocumentsRequired,
	}
}

func optionalInstant(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := formatInstant(t)
	return &s
}

func optionalInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}
