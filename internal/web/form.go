package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

// The posting form is rendered from url.Values, so what staff typed is shown back
// exactly as typed when it does not validate: nothing is lost.

// postingSections are the bilingual prose fields of the form, in display order.
var postingSections = []string{
	"summary", "about", "duties", "impact", "bring", "why_join", "offer", "how_to_apply",
	"screening", "documents_required", "accommodation", "keep_on_file_note", "area_of_government",
	"term_note", "schedule", "salary_note", "language_note",
}

func sectionPtr(c *posting.Content, name string) *lang.Text {
	switch name {
	case "summary":
		return &c.Summary
	case "about":
		return &c.About
	case "duties":
		return &c.Duties
	case "impact":
		return &c.Impact
	case "bring":
		return &c.Bring
	case "why_join":
		return &c.WhyJoin
	case "offer":
		return &c.Offer
	case "how_to_apply":
		return &c.HowToApply
	case "screening":
		return &c.Screening
	case "documents_required":
		return &c.DocumentsRequired
	case "accommodation":
		return &c.Accommodation
	case "keep_on_file_note":
		return &c.KeepOnFileNote
	case "area_of_government":
		return &c.AreaOfGovernment
	case "term_note":
		return &c.TermNote
	case "schedule":
		return &c.Schedule
	case "salary_note":
		return &c.SalaryNote
	case "language_note":
		return &c.LanguageNote
	}
	panic("web: unknown section " + name)
}

// Spare rows offered on the form, so lists grow without JavaScript.
const (
	spareRequirements = 2
	spareGroups       = 1
	spareItems        = 2
	maxLocations      = 5
)

// postingValues turns a posting into form values.
func postingValues(p *posting.Posting) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	setText := func(k string, t lang.Text) { set(k+"_en", t.EN); set(k+"_fr", t.FR) }
	set("version", strconv.Itoa(p.Version))
	setText("title", p.Title)
	set("org", p.OrgCode)
	set("program", p.Program)
	v["streams"] = append([]string(nil), p.Streams...)
	set("level", p.Level)
	set("type", string(p.Type))
	set("term_start", p.TermStart)
	set("term_end", p.TermEnd)
	if p.TermMonths > 0 {
		set("term_months", strconv.Itoa(p.TermMonths))
	}
	if p.Hours > 0 {
		set("hours", strconv.FormatFloat(p.Hours, 'f', -1, 64))
	}
	if p.Salary.Min > 0 {
		set("salary_min", plainMoney(p.Salary.Min))
	}
	if p.Salary.Max > 0 {
		set("salary_max", plainMoney(p.Salary.Max))
	}
	set("salary_period", string(p.Salary.Period))
	for i, l := range p.Locations {
		set(fmt.Sprintf("city_%d", i), l.City)
	}
	set("mode", string(p.WorkMode))
	set("languages", string(p.Languages))
	if !p.ClosesAt.IsZero() {
		local := p.ClosingLocal()
		set("closes_date", local.Format(time.DateOnly))
		set("closes_time", local.Format("15:04"))
	}
	set("time_zone", p.TimeZone)
	if p.KeepOnFile {
		v.Set("keep_on_file", "yes")
	}
	for _, d := range p.Documents {
		v.Add("documents", string(d))
	}
	set("accommodation_email", p.AccommodationEmail)
	set("contact_email", p.ContactEmail)
	for _, s := range postingSections {
		setText(s, *sectionPtr(&p.Content, s))
	}
	for i, r := range p.Eligibility {
		k := fmt.Sprintf("eligibility_%d", i)
		set(k+"_id", strconv.FormatInt(r.ID, 10))
		setText(k, r.Text)
	}
	for i, g := range p.Groups {
		k := fmt.Sprintf("group_%d", i)
		set(k+"_id", strconv.FormatInt(g.ID, 10))
		setText(k+"_heading", g.Heading)
		for j, q := range g.Items {
			ki := fmt.Sprintf("%s_item_%d", k, j)
			set(ki+"_id", strconv.FormatInt(q.ID, 10))
			set(ki+"_kind", string(q.Kind))
			setText(ki, q.Text)
		}
	}
	return v
}

func plainMoney(cents int64) string {
	if cents%100 == 0 {
		return strconv.FormatInt(cents/100, 10)
	}
	return fmt.Sprintf("%d.%02d", cents/100, cents%100)
}

// parsePosting reads form values into p (keeping p's ID and status), returning
// problems for values that cannot even be read (bad numbers, dates).
func parsePosting(v url.Values, p *posting.Posting) posting.Problems {
	var ps posting.Problems
	bad := func(field, en, fr string) { ps = append(ps, posting.Problem{Field: field, Msg: lang.T(en, fr)}) }
	text := func(k string) lang.Text { return lang.T(v.Get(k+"_en"), v.Get(k+"_fr")).Trim() }
	p.Version, _ = strconv.Atoi(v.Get("version"))
	p.Title = text("title")
	p.OrgCode, p.Program, p.Level = v.Get("org"), v.Get("program"), v.Get("level")
	p.Streams = nonEmptyValues(v["streams"])
	p.Type = posting.EmploymentType(v.Get("type"))
	p.TermStart, p.TermEnd = strings.TrimSpace(v.Get("term_start")), strings.TrimSpace(v.Get("term_end"))
	p.TermMonths = 0
	if s := strings.TrimSpace(v.Get("term_months")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			bad("term_months", "Enter the duration as a whole number of months, such as 4.", "Entrez la durée en nombre entier de mois, par exemple 4.")
		}
		p.TermMonths = n
	}
	p.Hours = 0
	if s := strings.TrimSpace(v.Get("hours")); s != "" {
		f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil {
			bad("hours", "Enter hours per week as a number, such as 36.25.", "Entrez les heures par semaine en chiffres, par exemple 36,25.")
		}
		p.Hours = f
	}
	parseSalary(v, p, bad)
	p.Locations = nil
	for i := 0; i < maxLocations; i++ {
		if code := v.Get(fmt.Sprintf("city_%d", i)); code != "" {
			c, _ := posting.CityByCode(code)
			p.Locations = append(p.Locations, posting.Location{City: code, Province: c.Province})
		}
	}
	p.WorkMode = posting.WorkMode(v.Get("mode"))
	p.Languages = posting.LanguageRequirement(v.Get("languages"))
	p.TimeZone = v.Get("time_zone")
	parseClosing(v, p, bad)
	p.KeepOnFile = v.Get("keep_on_file") == "yes"
	p.Documents = nil
	for _, d := range v["documents"] {
		p.Documents = append(p.Documents, posting.DocumentKind(d))
	}
	p.AccommodationEmail = strings.TrimSpace(v.Get("accommodation_email"))
	p.ContactEmail = strings.TrimSpace(v.Get("contact_email"))
	for _, s := range postingSections {
		*sectionPtr(&p.Content, s) = text(s)
	}
	p.Eligibility = parseRequirements(v, text)
	p.Groups = parseGroups(v, text)
	return ps
}

func parseSalary(v url.Values, p *posting.Posting, bad func(string, string, string)) {
	p.Salary = posting.Salary{Period: posting.Period(v.Get("salary_period"))}
	for _, f := range []struct {
		name string
		dst  *int64
	}{{"salary_min", &p.Salary.Min}, {"salary_max", &p.Salary.Max}} {
		c, err := posting.ParseMoney(v.Get(f.name))
		if err != nil {
			bad(f.name, "Enter an amount in dollars, such as 892.75.", "Entrez un montant en dollars, par exemple 892,75.")
		}
		*f.dst = c
	}
}

func parseClosing(v url.Values, p *posting.Posting, bad func(string, string, string)) {
	date, clock := strings.TrimSpace(v.Get("closes_date")), strings.TrimSpace(v.Get("closes_time"))
	p.ClosesAt = time.Time{}
	if date == "" && clock == "" {
		return
	}
	if clock == "" {
		clock = "23:59"
	}
	zone := p.TimeZone
	if zone == "" {
		zone = posting.DefaultTimeZone
	}
	t, err := posting.ClosingInstant(date, clock, zone)
	if err != nil {
		bad("closes_date", "Enter the closing date as YYYY-MM-DD and the time as HH:MM (24-hour clock), for example 2023-11-10 and 17:00.",
			"Entrez la date de clôture au format AAAA-MM-JJ et l'heure au format HH:MM (24 heures), par exemple 2023-11-10 et 17:00.")
		return
	}
	p.ClosesAt = t
	p.TimeZone = zone
}

func parseRequirements(v url.Values, text func(string) lang.Text) []posting.Requirement {
	var out []posting.Requirement
	for i := 0; i < posting.MaxItems+spareRequirements; i++ {
		k := fmt.Sprintf("eligibility_%d", i)
		t := text(k)
		if t.IsZero() {
			continue
		}
		id, _ := strconv.ParseInt(v.Get(k+"_id"), 10, 64)
		out = append(out, posting.Requirement{ID: id, Text: t})
	}
	return out
}

func parseGroups(v url.Values, text func(string) lang.Text) []posting.QualificationGroup {
	var out []posting.QualificationGroup
	for i := 0; i < 20; i++ {
		k := fmt.Sprintf("group_%d", i)
		g := posting.QualificationGroup{Heading: text(k + "_heading")}
		g.ID, _ = strconv.ParseInt(v.Get(k+"_id"), 10, 64)
		for j := 0; j < posting.MaxItems+spareItems; j++ {
			ki := fmt.Sprintf("%s_item_%d", k, j)
			t := text(ki)
			if t.IsZero() {
				continue
			}
			id, _ := strconv.ParseInt(v.Get(ki+"_id"), 10, 64)
			kind := posting.QualificationKind(v.Get(ki + "_kind"))
			if kind == "" {
				kind = posting.Essential
			}
			g.Items = append(g.Items, posting.Qualification{ID: id, Kind: kind, Text: t})
		}
		if !g.Heading.IsZero() || len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func nonEmptyValues(vs []string) []string {
	var out []string
	for _, s := range vs {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
