package posting

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/valid"
)

// Problem is one thing wrong with a posting, tied to the form field it concerns.
type Problem = valid.Problem

// Problems is a list of validation problems; it is an error when not empty.
type Problems = valid.Problems

// Refs answers whether codes named by a posting exist (the catalog, the place list).
type Refs interface {
	HasOrg(code string) bool
	HasProgram(code string) bool
	HasStream(program, code string) bool
	HasLevel(program, code string) bool
	HasCity(code string) bool
}

// Limits on field sizes.
const (
	MaxTitle   = 200
	MaxSection = 10000
	MaxItem    = 1000
	MaxItems   = 50
)

// CheckDraft validates what a staff member saved: every value given must be well
// formed, but a draft may be incomplete. It returns Problems or nil.
func (p *Posting) CheckDraft(refs Refs) error {
	var ps Problems
	if p.Title.IsZero() {
		ps.Add("title_en", "Enter a title, in English or French, to save the draft.", "Entrez un titre, en anglais ou en français, pour enregistrer le brouillon.")
	}
	checkLen(&ps, "title", p.Title, MaxTitle)
	checkOneLine(&ps, "title", p.Title)
	checkRefs(&ps, p, refs)
	checkFormats(&ps, p)
	checkContentLengths(&ps, p)
	checkLists(&ps, p)
	return ps.Err()
}

// CheckPublishable validates that the posting is complete enough to publish at now:
// everything CheckDraft checks (without references, which were checked on save),
// plus every text the public needs, in both languages, and a closing instant in the future.
func (p *Posting) CheckPublishable(now time.Time) error {
	var ps Problems
	checkFormats(&ps, p)
	required := []struct {
		field string
		t     lang.Text
		en    string
		fr    string
	}{
		{"title", p.Title, "the title", "le titre"},
		{"about", p.Content.About, "about the organization and team", "la section sur l'organisation et l'équipe"},
		{"duties", p.Content.Duties, "what you will do", "la section sur les tâches"},
		{"how_to_apply", p.Content.HowToApply, "how to apply", "la façon de postuler"},
	}
	for _, r := range required {
		if !r.t.Complete() {
			ps.Add(missingField(r.field, r.t), "Enter "+r.en+" in English and in French.", "Entrez "+r.fr+" en anglais et en français.")
		}
	}
	checkBilingual(&ps, p)
	if p.OrgCode == "" {
		ps.Add("org", "Choose the organization.", "Choisissez l'organisation.")
	}
	if p.Type == "" {
		ps.Add("type", "Choose the type of employment.", "Choisissez le type d'emploi.")
	}
	if p.WorkMode == "" {
		ps.Add("mode", "Choose the work mode.", "Choisissez le mode de travail.")
	}
	if p.Languages == "" {
		ps.Add("languages", "Choose the language requirements.", "Choisissez les exigences linguistiques.")
	}
	if len(p.Locations) == 0 {
		ps.Add("locations", "Add at least one location.", "Ajoutez au moins un lieu de travail.")
	}
	if !hasQualification(p) {
		ps.Add("groups", "Add at least one qualification.", "Ajoutez au moins une qualification.")
	}
	if p.ClosesAt.IsZero() {
		ps.Add("closes_at", "Enter the closing date and time.", "Entrez la date et l'heure de clôture.")
	} else if !p.ClosesAt.After(now) {
		ps.Add("closes_at", "The closing date and time must be in the future.", "La date et l'heure de clôture doivent être dans l'avenir.")
	}
	return ps.Err()
}

func missingField(base string, t lang.Text) string {
	if strings.TrimSpace(t.EN) == "" {
		return base + "_en"
	}
	return base + "_fr"
}

func hasQualification(p *Posting) bool {
	for _, g := range p.Groups {
		if len(g.Items) > 0 {
			return true
		}
	}
	return false
}

func checkLen(ps *Problems, field string, t lang.Text, max int) {
	for _, l := range lang.All {
		v := t.EN
		if l == lang.FR {
			v = t.FR
		}
		if n := utf8.RuneCountInString(v); n > max {
			ps.Add(field+"_"+string(l),
				fmt.Sprintf("Shorten this text to %d characters or fewer (it has %d).", max, n),
				fmt.Sprintf("Raccourcissez ce texte à %d caractères ou moins (il en compte %d).", max, n))
		}
	}
}

// checkOneLine refuses line breaks and other control characters in a text
// shown on one line (a title is also the subject of email about the posting).
func checkOneLine(ps *Problems, field string, t lang.Text) {
	for l, v := range map[lang.Lang]string{lang.EN: t.EN, lang.FR: t.FR} {
		if strings.ContainsFunc(v, unicode.IsControl) {
			ps.Add(field+"_"+string(l), "Write this on one line, without line breaks or tabs.", "Écrivez ce texte sur une ligne, sans saut de ligne ni tabulation.")
		}
	}
}

func checkRefs(ps *Problems, p *Posting, refs Refs) {
	if refs == nil {
		return
	}
	if p.OrgCode != "" && !refs.HasOrg(p.OrgCode) {
		ps.Add("org", "Choose an organization from the list.", "Choisissez une organisation dans la liste.")
	}
	if p.Program != "" && !refs.HasProgram(p.Program) {
		ps.Add("program", "Choose a program from the list.", "Choisissez un programme dans la liste.")
	}
	for _, s := range p.Streams {
		if p.Program == "" || !refs.HasStream(p.Program, s) {
			ps.Add("streams", "Choose streams that belong to the chosen program.", "Choisissez des volets qui font partie du programme choisi.")
			break
		}
	}
	if p.Level != "" && (p.Program == "" || !refs.HasLevel(p.Program, p.Level)) {
		ps.Add("level", "Choose a level that belongs to the chosen program.", "Choisissez un niveau qui fait partie du programme choisi.")
	}
	for _, l := range p.Locations {
		if !refs.HasCity(l.City) {
			ps.Add("locations", "Choose cities from the list.", "Choisissez des villes dans la liste.")
			break
		}
	}
}

func checkFormats(ps *Problems, p *Posting) {
	if p.Type != "" && !p.Type.Valid() {
		ps.Add("type", "Choose a type of employment from the list.", "Choisissez un type d'emploi dans la liste.")
	}
	if p.WorkMode != "" && !p.WorkMode.Valid() {
		ps.Add("mode", "Choose a work mode from the list.", "Choisissez un mode de travail dans la liste.")
	}
	if p.Languages != "" && !p.Languages.Valid() {
		ps.Add("languages", "Choose language requirements from the list.", "Choisissez des exigences linguistiques dans la liste.")
	}
	checkTerm(ps, p)
	if p.Hours < 0 || p.Hours > 80 {
		ps.Add("hours", "Enter hours per week between 0 and 80.", "Entrez un nombre d'heures par semaine entre 0 et 80.")
	}
	checkSalary(ps, p.Salary)
	if p.TimeZone != "" {
		if _, err := LoadZone(p.TimeZone); err != nil || !strings.Contains(p.TimeZone, "/") {
			ps.Add("time_zone", "Choose a time zone from the list.", "Choisissez un fuseau horaire dans la liste.")
		}
	} else if !p.ClosesAt.IsZero() {
		ps.Add("time_zone", "Choose the time zone of the closing time.", "Choisissez le fuseau horaire de l'heure de clôture.")
	}
	checkEmail(ps, "accommodation_email", p.AccommodationEmail)
	checkEmail(ps, "contact_email", p.ContactEmail)
	seen := map[DocumentKind]bool{}
	for _, d := range p.Documents {
		if !d.Valid() || seen[d] {
			ps.Add("documents", "Choose the documents to attach from the list, each once.", "Choisissez les documents à joindre dans la liste, chacun une seule fois.")
			break
		}
		seen[d] = true
	}
}

func checkTerm(ps *Problems, p *Posting) {
	start, errS := parseDate(p.TermStart)
	end, errE := parseDate(p.TermEnd)
	if errS != nil {
		ps.Add("term_start", "Enter the start date as YYYY-MM-DD, for example 2024-01-02.", "Entrez la date de début au format AAAA-MM-JJ, par exemple 2024-01-02.")
	}
	if errE != nil {
		ps.Add("term_end", "Enter the end date as YYYY-MM-DD, for example 2024-04-26.", "Entrez la date de fin au format AAAA-MM-JJ, par exemple 2024-04-26.")
	}
	if errS == nil && errE == nil && !start.IsZero() && !end.IsZero() && end.Before(start) {
		ps.Add("term_end", "The end date must be on or after the start date.", "La date de fin doit être égale ou postérieure à la date de début.")
	}
	if p.TermMonths < 0 || p.TermMonths > 120 {
		ps.Add("term_months", "Enter a duration between 1 and 120 months, or leave it empty.", "Entrez une durée de 1 à 120 mois, ou laissez le champ vide.")
	}
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, s)
}

func checkSalary(ps *Problems, s Salary) {
	if s.Min < 0 || s.Max < 0 {
		ps.Add("salary_min", "Salaries cannot be negative.", "Le salaire ne peut pas être négatif.")
		return
	}
	if s.Max != 0 && s.Min > s.Max {
		ps.Add("salary_max", "The maximum salary must be at least the minimum.", "Le salaire maximal doit être au moins égal au salaire minimal.")
	}
	if (s.Min != 0 || s.Max != 0) && !s.Period.Valid() {
		ps.Add("salary_period", "Choose whether the salary is hourly, weekly or annual.", "Indiquez si le salaire est horaire, hebdomadaire ou annuel.")
	}
	if s.Period.Valid() && s.Max > s.Period.ceiling() {
		ps.Add("salary_max", "This salary is higher than any public-service salary: check the amount and the period.", "Ce salaire dépasse tout salaire de la fonction publique : vérifiez le montant et la période.")
	}
}

func checkEmail(ps *Problems, field, v string) {
	if v == "" {
		return
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || !strings.Contains(v, "@") {
		ps.Add(field, "Enter an email address such as name@ontario.ca.", "Entrez une adresse courriel comme nom@ontario.ca.")
	}
}

func (p *Posting) texts() map[string]lang.Text {
	c := p.Content
	return map[string]lang.Text{
		"summary": c.Summary, "about": c.About, "duties": c.Duties, "impact": c.Impact,
		"bring": c.Bring, "why_join": c.WhyJoin, "offer": c.Offer, "how_to_apply": c.HowToApply,
		"screening": c.Screening, "term_note": c.TermNote, "schedule": c.Schedule,
		"salary_note": c.SalaryNote, "keep_on_file_note": c.KeepOnFileNote,
		"accommodation": c.Accommodation, "language_note": c.LanguageNote,
		"area_of_government": c.AreaOfGovernment, "documents_required": c.DocumentsRequired,
	}
}

func checkContentLengths(ps *Problems, p *Posting) {
	for field, t := range p.texts() {
		checkLen(ps, field, t, MaxSection)
	}
	sortProblems(*ps)
}

// checkBilingual reports every text given in one language but not the other.
func checkBilingual(ps *Problems, p *Posting) {
	var found Problems
	for field, t := range p.texts() {
		if !t.IsZero() && !t.Complete() {
			found.Add(missingField(field, t), "Give this text in both English and French.", "Donnez ce texte en anglais et en français.")
		}
	}
	for i, r := range p.Eligibility {
		if !r.Text.Complete() {
			found.Add(fmt.Sprintf("eligibility_%d", i), "Give each eligibility requirement in both English and French.", "Donnez chaque exigence d'admissibilité en anglais et en français.")
		}
	}
	for i, g := range p.Groups {
		if !g.Heading.IsZero() && !g.Heading.Complete() {
			found.Add(fmt.Sprintf("group_%d_heading", i), "Give each heading in both English and French.", "Donnez chaque titre de section en anglais et en français.")
		}
		for j, q := range g.Items {
			if !q.Text.Complete() {
				found.Add(fmt.Sprintf("group_%d_item_%d", i, j), "Give each qualification in both English and French.", "Donnez chaque qualification en anglais et en français.")
			}
		}
	}
	sortProblems(found)
	*ps = append(*ps, found...)
}

func checkLists(ps *Problems, p *Posting) {
	if len(p.Eligibility) > MaxItems {
		ps.Add("eligibility", fmt.Sprintf("List at most %d eligibility requirements.", MaxItems), fmt.Sprintf("Indiquez au plus %d exigences d'admissibilité.", MaxItems))
	}
	n := 0
	for i, g := range p.Groups {
		checkLen(ps, fmt.Sprintf("group_%d_heading", i), g.Heading, MaxItem)
		for j, q := range g.Items {
			n++
			checkLen(ps, fmt.Sprintf("group_%d_item_%d", i, j), q.Text, MaxItem)
			if !q.Kind.Valid() {
				ps.Add(fmt.Sprintf("group_%d_item_%d", i, j), "Mark each qualification as essential or asset.", "Indiquez si chaque qualification est essentielle ou constitue un atout.")
			}
		}
	}
	if n > MaxItems {
		ps.Add("groups", fmt.Sprintf("List at most %d qualifications.", MaxItems), fmt.Sprintf("Indiquez au plus %d qualifications.", MaxItems))
	}
	for i, r := range p.Eligibility {
		checkLen(ps, fmt.Sprintf("eligibility_%d", i), r.Text, MaxItem)
	}
}
