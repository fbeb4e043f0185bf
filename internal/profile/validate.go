package profile

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/valid"
)

// Refs answers what validation needs from outside the profile: whether the
// places and competencies it names exist, and today's date.
type Refs interface {
	// CityProvince returns the province of the city with code, and whether there is one.
	CityProvince(city string) (province string, ok bool)
	HasProvince(code string) bool
	HasCompetency(code string) bool
	Now() time.Time
}

// Limits on lengths (in characters) and counts.
const (
	MaxName        = 100
	MaxEmail       = 254
	MaxPhone       = 30
	MaxShort       = 200 // institution, program, title, organization
	MaxDescription = 2000
	MaxEvidence    = 1500 // the text of one piece of evidence

	MaxEducation        = 10
	MaxExperiences      = 30
	MaxSkills           = 30
	MaxEvidencePerSkill = 5 // pieces of evidence for one skill
	MaxLocations        = 5
)

// Field names. Validation problems name the form field they concern; entries
// of lists are prefixed with their position, e.g. "education_0_program",
// "experience_2_end", "skill_1_evidence_0_text", "location_3".
const (
	FieldName            = "name"
	FieldEmail           = "email"
	FieldPhone           = "phone"
	FieldCity            = "city"
	FieldProvince        = "province"
	FieldFirstLanguage   = "first_language"
	FieldEnglish         = "english"
	FieldFrench          = "french"
	FieldWorkEligibility = "work_eligibility"
	FieldEducation       = "education"   // the list as a whole
	FieldExperiences     = "experiences" // the list as a whole
	FieldSkills          = "skills"      // the list as a whole
	FieldLocations       = "locations"   // the list as a whole
)

// EducationField returns the name of field f of the i-th education entry.
func EducationField(i int, f string) string { return fmt.Sprintf("education_%d_%s", i, f) }

// ExperienceField returns the name of field f of the i-th experience.
func ExperienceField(i int, f string) string { return fmt.Sprintf("experience_%d_%s", i, f) }

// SkillField returns the name of field f of the i-th skill.
func SkillField(i int, f string) string { return fmt.Sprintf("skill_%d_%s", i, f) }

// EvidenceField returns the name of field f of the j-th evidence of the i-th skill.
func EvidenceField(i, j int, f string) string { return fmt.Sprintf("skill_%d_evidence_%d_%s", i, j, f) }

// LocationField returns the name of the i-th preferred location.
func LocationField(i int) string { return fmt.Sprintf("location_%d", i) }

// Normalize trims the white space around every text and lower-cases the
// email, so what is validated and stored is what will be shown.
func (p *Profile) Normalize() {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	trim(&p.Name)
	p.Email = auth.NormalizeEmail(p.Email)
	trim(&p.Phone)
	trim(&p.City)
	trim(&p.Province)
	for i := range p.Education {
		e := &p.Education[i]
		trim(&e.Institution)
		trim(&e.Program)
		trim(&e.Graduated)
	}
	for i := range p.Experiences {
		x := &p.Experiences[i]
		trim(&x.Title)
		trim(&x.Organization)
		trim(&x.Start)
		trim(&x.End)
		trim(&x.Description)
	}
	for i := range p.Skills {
		for j := range p.Skills[i].Evidence {
			trim(&p.Skills[i].Evidence[j].Text)
		}
	}
	for i := range p.PreferredLocations {
		trim(&p.PreferredLocations[i])
	}
}

// Validate checks every value of the profile: each must be well formed and
// within its limits, but a profile may be incomplete (see Missing). Problems
// are in field order; nil means none.
func (p *Profile) Validate(refs Refs) valid.Problems {
	v := validator{refs: refs, now: refs.Now()}
	v.contact(p)
	v.education(p)
	v.experiences(p)
	v.skills(p)
	v.languages(p)
	if p.WorkEligibility != "" && !p.WorkEligibility.Valid() {
		v.ps.Add(FieldWorkEligibility, "Choose your eligibility to work in Canada from the list.", "Choisissez votre admissibilité à travailler au Canada dans la liste.")
	}
	v.locations(p)
	v.ids(p)
	if len(v.ps) == 0 {
		return nil
	}
	return v.ps
}

// RequireContact reports the contact details every profile must keep once
// given: a name and an email to reach the applicant at. The contact form
// checks them on top of Validate.
func (p *Profile) RequireContact() valid.Problems {
	var ps valid.Problems
	if strings.TrimSpace(p.Name) == "" {
		ps.Add(FieldName, "Enter your name.", "Entrez votre nom.")
	}
	if strings.TrimSpace(p.Email) == "" {
		ps.Add(FieldEmail, "Enter your email address.", "Entrez votre adresse courriel.")
	}
	return ps
}

type validator struct {
	refs Refs
	now  time.Time
	ps   valid.Problems
}

// text checks a free text: valid UTF-8, no control characters (line breaks
// and tabs allowed when multiline), at most max characters.
func (v *validator) text(field, s string, max int, multiline bool) {
	if !utf8.ValidString(s) {
		v.ps.Add(field, "This text contains characters that cannot be read: type it again.", "Ce texte contient des caractères illisibles : tapez-le de nouveau.")
		return
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t')) {
			v.ps.Add(field, "Remove the invisible control characters from this text.", "Retirez les caractères de contrôle invisibles de ce texte.")
			return
		}
	}
	if n := utf8.RuneCountInString(s); n > max {
		v.ps.Add(field,
			fmt.Sprintf("Shorten this to %d characters or fewer (it has %d).", max, n),
			fmt.Sprintf("Raccourcissez ce texte à %d caractères ou moins (il en compte %d).", max, n))
	}
}

func (v *validator) required(field, s, en, fr string) bool {
	if strings.TrimSpace(s) == "" {
		v.ps.Add(field, en, fr)
		return false
	}
	return true
}

func (v *validator) contact(p *Profile) {
	v.text(FieldName, p.Name, MaxName, false)
	if p.Email != "" {
		if len(p.Email) > MaxEmail || !auth.ValidEmail(p.Email) {
			v.ps.Add(FieldEmail, "Enter an email address in the right format, such as name@example.com.", "Entrez une adresse courriel au bon format, par exemple nom@exemple.com.")
		}
	}
	if p.Phone != "" && !ValidPhone(p.Phone) {
		v.ps.Add(FieldPhone, "Enter a telephone number such as 416-555-0123 or +1 613 555 0199, with its extension if any.", "Entrez un numéro de téléphone comme 416-555-0123 ou +1 613 555 0199, avec le poste s'il y a lieu.")
	}
	if p.Province != "" && !v.refs.HasProvince(p.Province) {
		v.ps.Add(FieldProvince, "Choose a province or territory from the list.", "Choisissez une province ou un territoire dans la liste.")
	}
	if p.City != "" {
		prov, ok := v.refs.CityProvince(p.City)
		switch {
		case !ok:
			v.ps.Add(FieldCity, "Choose a city from the list.", "Choisissez une ville dans la liste.")
		case p.Province != "" && prov != p.Province:
			v.ps.Add(FieldCity, "Choose a city in the province or territory you chose, or change the province.", "Choisissez une ville de la province ou du territoire choisi, ou changez la province.")
		}
	}
}

// phoneChars are the characters a telephone number may be written with,
// besides digits and an extension marker.
const phoneChars = " +-().,/"

var extension = regexp.MustCompile(`(?i)\s*(ext\.?|x|poste|p\.)\s*\d{1,6}$`)

// ValidPhone accepts a telephone number written the usual ways: 10 or 11
// digits in North America, 7 to 15 digits for other countries (ITU E.164
// allows at most 15), with spaces, dashes, dots, parentheses, a leading + and
// an extension ("ext. 123", "x123", "poste 123").
func ValidPhone(s string) bool {
	if len(s) > MaxPhone {
		return false
	}
	s = extension.ReplaceAllString(s, "")
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(phoneChars, r) && r != '+':
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 15
}

// monthPattern is a YYYY-MM month.
var monthPattern = regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])$`)

// Oldest year a date in a profile may have.
const minYear = 1940

// month parses a YYYY-MM value, reporting a problem on field when it is not one.
func (v *validator) month(field, s string) (time.Time, bool) {
	m := monthPattern.FindStringSubmatch(s)
	if m == nil {
		v.ps.Add(field, "Enter the month as YYYY-MM, for example 2024-09.", "Entrez le mois au format AAAA-MM, par exemple 2024-09.")
		return time.Time{}, false
	}
	t, _ := time.Parse("2006-01", s)
	if t.Year() < minYear {
		v.ps.Add(field, fmt.Sprintf("Enter a year from %d on.", minYear), fmt.Sprintf("Entrez une année à partir de %d.", minYear))
		return time.Time{}, false
	}
	return t, true
}

// monthsAhead returns the first day of the month n months after the current one.
func (v *validator) monthsAhead(n int) time.Time {
	return time.Date(v.now.Year(), v.now.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
}

func (v *validator) education(p *Profile) {
	if len(p.Education) > MaxEducation {
		v.ps.Add(FieldEducation, fmt.Sprintf("List at most %d programs of study.", MaxEducation), fmt.Sprintf("Indiquez au plus %d programmes d'études.", MaxEducation))
	}
	for i, e := range p.Education {
		f := func(name string) string { return EducationField(i, name) }
		if v.required(f("institution"), e.Institution, "Enter the name of the school, college or university.", "Entrez le nom de l'école, du collège ou de l'université.") {
			v.text(f("institution"), e.Institution, MaxShort, false)
		}
		if v.required(f("program"), e.Program, "Enter the program of study, for example Bachelor of Computer Science.", "Entrez le programme d'études, par exemple Baccalauréat en informatique.") {
			v.text(f("program"), e.Program, MaxShort, false)
		}
		if !e.Level.Valid() {
			v.ps.Add(f("level"), "Choose the level of the program from the list.", "Choisissez le niveau du programme dans la liste.")
		}
		if !e.Status.Valid() {
			v.ps.Add(f("status"), "Choose whether you are enrolled, enrolled in co-op, or graduated.", "Indiquez si vous êtes inscrit, inscrit à un programme coop ou diplômé.")
		}
		v.graduation(f("graduated"), e)
	}
}

func (v *validator) graduation(field string, e Education) {
	if e.Graduated == "" {
		if e.Status == Graduated {
			v.ps.Add(field, "Enter the month you graduated, as YYYY-MM.", "Entrez le mois de l'obtention de votre diplôme, au format AAAA-MM.")
		}
		return
	}
	t, ok := v.month(field, e.Graduated)
	if !ok {
		return
	}
	// A graduate may be finishing this term; an expected date may be years away.
	limit, en, fr := v.monthsAhead(12), "A graduation date cannot be more than a year from now.", "La date d'obtention du diplôme ne peut pas dépasser d'un an la date d'aujourd'hui."
	if e.Status != Graduated {
		limit, en, fr = v.monthsAhead(120), "An expected graduation date cannot be more than ten years from now.", "La date prévue d'obtention du diplôme ne peut pas dépasser de dix ans la date d'aujourd'hui."
	}
	if t.After(limit) {
		v.ps.Add(field, en, fr)
	}
}

func (v *validator) experiences(p *Profile) {
	if len(p.Experiences) > MaxExperiences {
		v.ps.Add(FieldExperiences, fmt.Sprintf("List at most %d experiences.", MaxExperiences), fmt.Sprintf("Indiquez au plus %d expériences.", MaxExperiences))
	}
	for i, x := range p.Experiences {
		f := func(name string) string { return ExperienceField(i, name) }
		if !x.Kind.Valid() {
			v.ps.Add(f("kind"), "Choose the kind of experience from the list.", "Choisissez le type d'expérience dans la liste.")
		}
		if v.required(f("title"), x.Title, "Enter a title, such as your role or the name of the award.", "Entrez un titre, comme votre rôle ou le nom du prix.") {
			v.text(f("title"), x.Title, MaxShort, false)
		}
		v.text(f("organization"), x.Organization, MaxShort, false)
		v.text(f("description"), x.Description, MaxDescription, true)
		v.period(i, x)
	}
}

func (v *validator) period(i int, x Experience) {
	var start, end time.Time
	okStart, okEnd := x.Start == "", x.End == ""
	if x.Start != "" {
		if start, okStart = v.month(ExperienceField(i, "start"), x.Start); okStart && start.After(v.monthsAhead(12)) {
			v.ps.Add(ExperienceField(i, "start"), "A start date cannot be more than a year from now.", "La date de début ne peut pas dépasser d'un an la date d'aujourd'hui.")
			okStart = false
		}
	}
	if x.End != "" {
		if end, okEnd = v.month(ExperienceField(i, "end"), x.End); okEnd && end.After(v.monthsAhead(120)) {
			v.ps.Add(ExperienceField(i, "end"), "An end date cannot be more than ten years from now.", "La date de fin ne peut pas dépasser de dix ans la date d'aujourd'hui.")
			okEnd = false
		}
	}
	if x.End != "" && x.Start == "" {
		v.ps.Add(ExperienceField(i, "start"), "Enter the start date as well as the end date.", "Entrez la date de début en plus de la date de fin.")
		return
	}
	if okStart && okEnd && !start.IsZero() && !end.IsZero() && end.Before(start) {
		v.ps.Add(ExperienceField(i, "end"), "The end date must be the same as or after the start date.", "La date de fin doit être égale ou postérieure à la date de début.")
	}
}

func (v *validator) skills(p *Profile) {
	if len(p.Skills) > MaxSkills {
		v.ps.Add(FieldSkills, fmt.Sprintf("List at most %d skills.", MaxSkills), fmt.Sprintf("Indiquez au plus %d compétences.", MaxSkills))
	}
	experiences := map[int64]bool{}
	for _, x := range p.Experiences {
		if x.ID > 0 {
			experiences[x.ID] = true
		}
	}
	seen := map[string]bool{}
	for i, s := range p.Skills {
		field := SkillField(i, "competency")
		switch {
		case s.Competency == "":
			v.ps.Add(field, "Choose a skill from the list.", "Choisissez une compétence dans la liste.")
		case !v.refs.HasCompetency(s.Competency):
			v.ps.Add(field, "Choose a skill from the list: this one is no longer offered.", "Choisissez une compétence dans la liste : celle-ci n'est plus offerte.")
		case seen[s.Competency]:
			v.ps.Add(field, "You already listed this skill: add the evidence to it instead.", "Vous avez déjà indiqué cette compétence : ajoutez plutôt l'exemple à celle-ci.")
		}
		seen[s.Competency] = true
		v.evidence(i, s, experiences)
	}
}

func (v *validator) evidence(i int, s Skill, experiences map[int64]bool) {
	if len(s.Evidence) > MaxEvidencePerSkill {
		v.ps.Add(SkillField(i, "evidence"), fmt.Sprintf("Give at most %d examples for one skill.", MaxEvidencePerSkill), fmt.Sprintf("Donnez au plus %d exemples pour une compétence.", MaxEvidencePerSkill))
	}
	used := map[int64]bool{}
	for j, e := range s.Evidence {
		xf, tf := EvidenceField(i, j, "experience"), EvidenceField(i, j, "text")
		switch {
		case e.ExperienceID == 0:
			v.ps.Add(xf, "Choose the experience that shows this skill.", "Choisissez l'expérience qui démontre cette compétence.")
		case !experiences[e.ExperienceID]:
			v.ps.Add(xf, "Choose one of your experiences from the list.", "Choisissez une de vos expériences dans la liste.")
		case used[e.ExperienceID]:
			v.ps.Add(xf, "You already used this experience for this skill: say everything in one example.", "Vous avez déjà utilisé cette expérience pour cette compétence : dites tout dans un seul exemple.")
		}
		used[e.ExperienceID] = true
		if v.required(tf, e.Text, "Describe how this experience shows the skill: what you did and what came of it.", "Décrivez comment cette expérience démontre la compétence : ce que vous avez fait et le résultat.") {
			v.text(tf, e.Text, MaxEvidence, true)
		}
	}
}

func (v *validator) languages(p *Profile) {
	l := p.Languages
	if l.First != "" && l.First != "en" && l.First != "fr" {
		v.ps.Add(FieldFirstLanguage, "Choose English or French as your first official language.", "Choisissez l'anglais ou le français comme première langue officielle.")
	}
	if l.English != "" && !l.English.Valid() {
		v.ps.Add(FieldEnglish, "Choose your level in English from the list.", "Choisissez votre niveau en anglais dans la liste.")
	}
	if l.French != "" && !l.French.Valid() {
		v.ps.Add(FieldFrench, "Choose your level in French from the list.", "Choisissez votre niveau en français dans la liste.")
	}
}

func (v *validator) locations(p *Profile) {
	if len(p.PreferredLocations) > MaxLocations {
		v.ps.Add(FieldLocations, fmt.Sprintf("Choose at most %d preferred locations.", MaxLocations), fmt.Sprintf("Choisissez au plus %d lieux préférés.", MaxLocations))
	}
	seen := map[string]bool{}
	for i, loc := range p.PreferredLocations {
		_, isCity := v.refs.CityProvince(loc)
		switch {
		case loc == "" || !(isCity || v.refs.HasProvince(loc)):
			v.ps.Add(LocationField(i), "Choose a city, province or territory from the list.", "Choisissez une ville, une province ou un territoire dans la liste.")
		case seen[loc]:
			v.ps.Add(LocationField(i), "You already chose this location: choose each one once.", "Vous avez déjà choisi ce lieu : choisissez chacun une seule fois.")
		}
		seen[loc] = true
	}
}

// ids checks that education and experience ids (one sequence for both) are
// not negative, unique, and not above LastID; 0 means "not yet assigned".
func (v *validator) ids(p *Profile) {
	seen := map[int64]bool{}
	bad := func(id int64) bool {
		if id == 0 {
			return false
		}
		dup := seen[id]
		seen[id] = true
		return id < 0 || dup || id > p.LastID
	}
	for _, e := range p.Education {
		if bad(e.ID) {
			v.ps.Add(FieldEducation, "This education entry could not be matched: reload the page and try again.", "Cette formation n'a pas pu être retrouvée : rechargez la page et réessayez.")
			break
		}
	}
	for _, x := range p.Experiences {
		if bad(x.ID) {
			v.ps.Add(FieldExperiences, "This experience could not be matched: reload the page and try again.", "Cette expérience n'a pas pu être retrouvée : rechargez la page et réessayez.")
			break
		}
	}
}
