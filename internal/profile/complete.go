package profile

import (
	"strings"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Missing returns the names of the fields an application needs that the
// profile leaves empty, in display order: a name and an email to reach the
// applicant, and their eligibility to work in Canada. Empty means the
// profile is complete enough to apply with. Label names each field.
func (p *Profile) Missing() []string {
	var out []string
	if strings.TrimSpace(p.Name) == "" {
		out = append(out, FieldName)
	}
	if strings.TrimSpace(p.Email) == "" {
		out = append(out, FieldEmail)
	}
	if p.WorkEligibility == "" {
		out = append(out, FieldWorkEligibility)
	}
	return out
}

var fieldLabels = map[string]lang.Text{
	FieldName:            lang.T("Name", "Nom"),
	FieldEmail:           lang.T("Email address", "Adresse courriel"),
	FieldPhone:           lang.T("Telephone", "Téléphone"),
	FieldCity:            lang.T("City", "Ville"),
	FieldProvince:        lang.T("Province or territory", "Province ou territoire"),
	FieldFirstLanguage:   lang.T("First official language", "Première langue officielle"),
	FieldEnglish:         lang.T("Ability in English", "Capacité en anglais"),
	FieldFrench:          lang.T("Ability in French", "Capacité en français"),
	FieldWorkEligibility: lang.T("Eligibility to work in Canada", "Admissibilité à travailler au Canada"),
	FieldEducation:       lang.T("Education", "Études"),
	FieldExperiences:     lang.T("Experience", "Expérience"),
	FieldSkills:          lang.T("Skills", "Compétences"),
	FieldLocations:       lang.T("Preferred work locations", "Lieux de travail préférés"),
}

// Label returns the display name of a top-level field (as named by Missing
// and the Field constants) in l, or "" for any other name.
func Label(field string, l lang.Lang) string { return fieldLabels[field].In(l) }

// Section is the part of the profile a field belongs to, each edited on its
// own page: "contact", "education", "experiences", "skills", "languages",
// "eligibility" or "locations".
func Section(field string) string {
	switch field {
	case FieldName, FieldEmail, FieldPhone, FieldCity, FieldProvince:
		return "contact"
	case FieldFirstLanguage, FieldEnglish, FieldFrench:
		return "languages"
	case FieldWorkEligibility:
		return "eligibility"
	case FieldLocations:
		return "locations"
	case FieldEducation:
		return "education"
	case FieldExperiences:
		return "experiences"
	case FieldSkills:
		return "skills"
	}
	for _, s := range []struct{ prefix, section string }{
		{"education_", "education"}, {"experience_", "experiences"}, {"skill_", "skills"}, {"location_", "locations"},
	} {
		if strings.HasPrefix(field, s.prefix) {
			return s.section
		}
	}
	return ""
}

// ExperienceByID returns the experience with id, its index, and whether there is one.
func (p *Profile) ExperienceByID(id int64) (*Experience, int, bool) {
	for i := range p.Experiences {
		if p.Experiences[i].ID == id && id != 0 {
			return &p.Experiences[i], i, true
		}
	}
	return nil, -1, false
}

// EducationByID returns the education entry with id, its index, and whether there is one.
func (p *Profile) EducationByID(id int64) (*Education, int, bool) {
	for i := range p.Education {
		if p.Education[i].ID == id && id != 0 {
			return &p.Education[i], i, true
		}
	}
	return nil, -1, false
}

// DeleteExperience removes the experience with id and every piece of
// evidence that refers to it (evidence must name an existing experience).
// It reports whether there was one.
func (p *Profile) DeleteExperience(id int64) bool {
	_, i, ok := p.ExperienceByID(id)
	if !ok {
		return false
	}
	p.Experiences = append(p.Experiences[:i:i], p.Experiences[i+1:]...)
	for k := range p.Skills {
		ev := p.Skills[k].Evidence[:0:0]
		for _, e := range p.Skills[k].Evidence {
			if e.ExperienceID != id {
				ev = append(ev, e)
			}
		}
		p.Skills[k].Evidence = ev
	}
	return true
}

// DeleteEducation removes the education entry with id, reporting whether there was one.
func (p *Profile) DeleteEducation(id int64) bool {
	_, i, ok := p.EducationByID(id)
	if !ok {
		return false
	}
	p.Education = append(p.Education[:i:i], p.Education[i+1:]...)
	return true
}

// EvidenceCount returns how many pieces of evidence refer to experience id.
func (p *Profile) EvidenceCount(id int64) int {
	n := 0
	for _, s := range p.Skills {
		for _, e := range s.Evidence {
			if e.ExperienceID == id {
				n++
			}
		}
	}
	return n
}

// Clone returns a deep copy of p.
func (p *Profile) Clone() *Profile {
	c := *p
	c.Education = append([]Education(nil), p.Education...)
	c.Experiences = append([]Experience(nil), p.Experiences...)
	c.Skills = make([]Skill, len(p.Skills))
	for i, s := range p.Skills {
		c.Skills[i] = Skill{Competency: s.Competency, Evidence: append([]Evidence(nil), s.Evidence...)}
	}
	if p.Skills == nil {
		c.Skills = nil
	}
	c.PreferredLocations = append([]string(nil), p.PreferredLocations...)
	return &c
}

// AssignIDs gives every education entry and experience whose id is 0 the
// next id after LastID (which it first raises above every id in use), and
// returns how many it gave. Ids are never reused: LastID only grows.
func (p *Profile) AssignIDs() int {
	for _, e := range p.Education {
		p.LastID = max(p.LastID, e.ID)
	}
	for _, x := range p.Experiences {
		p.LastID = max(p.LastID, x.ID)
	}
	n := 0
	for i := range p.Education {
		if p.Education[i].ID == 0 {
			p.LastID++
			p.Education[i].ID = p.LastID
			n++
		}
	}
	for i := range p.Experiences {
		if p.Experiences[i].ID == 0 {
			p.LastID++
			p.Experiences[i].ID = p.LastID
			n++
		}
	}
	return n
}
