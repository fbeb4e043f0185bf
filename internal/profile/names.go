package profile

import (
	"slices"

	"github.com/pathways-gov/pathways/internal/lang"
)

// The values of each enumeration, in display order.
var (
	EducationLevels   = []EducationLevel{Secondary, College, Bachelor, Master, Doctorate, OtherEducation}
	EducationStatuses = []EducationStatus{Enrolled, EnrolledCoOp, Graduated}
	ExperienceKinds   = []ExperienceKind{Work, Schooling, Community, Personal, Award}
	Levels            = []Level{NoAbility, Beginner, Intermediate, Advanced, Fluent}
	WorkEligibilities = []WorkEligibility{Citizen, PermanentResident, WorkPermit, NotEligible}
	// FirstLanguages are the answers to "first official language".
	FirstLanguages = []string{"en", "fr"}
)

var educationLevelNames = map[EducationLevel]lang.Text{
	Secondary:      lang.T("High school", "École secondaire"),
	College:        lang.T("College diploma or certificate", "Diplôme ou certificat d'études collégiales"),
	Bachelor:       lang.T("Bachelor's degree", "Baccalauréat"),
	Master:         lang.T("Master's degree", "Maîtrise"),
	Doctorate:      lang.T("Doctorate", "Doctorat"),
	OtherEducation: lang.T("Other", "Autre"),
}

var educationStatusNames = map[EducationStatus]lang.Text{
	Enrolled:     lang.T("Enrolled", "Inscrit ou inscrite"),
	EnrolledCoOp: lang.T("Enrolled in a co-op program", "Inscrit ou inscrite à un programme coop"),
	Graduated:    lang.T("Graduated", "Diplômé ou diplômée"),
}

var experienceKindNames = map[ExperienceKind]lang.Text{
	Work:      lang.T("Work", "Travail"),
	Schooling: lang.T("Education", "Études"),
	Community: lang.T("Community or volunteer", "Communauté ou bénévolat"),
	Personal:  lang.T("Personal", "Personnelle"),
	Award:     lang.T("Award or recognition", "Prix ou distinction"),
}

var levelNames = map[Level]lang.Text{
	NoAbility:    lang.T("No ability", "Aucune capacité"),
	Beginner:     lang.T("Beginner", "Débutant"),
	Intermediate: lang.T("Intermediate", "Intermédiaire"),
	Advanced:     lang.T("Advanced", "Avancé"),
	Fluent:       lang.T("Fluent", "Courant"),
}

var workEligibilityNames = map[WorkEligibility]lang.Text{
	Citizen:           lang.T("Canadian citizen", "Citoyen canadien ou citoyenne canadienne"),
	PermanentResident: lang.T("Permanent resident of Canada", "Résident permanent ou résidente permanente du Canada"),
	WorkPermit:        lang.T("Holder of a valid Canadian work permit", "Titulaire d'un permis de travail canadien valide"),
	NotEligible:       lang.T("Not currently eligible to work in Canada", "Pas admissible à travailler au Canada pour le moment"),
}

var equityGroupNames = map[EquityGroup]lang.Text{
	Women:      lang.T("Women", "Femmes"),
	Indigenous: lang.T("Indigenous peoples (First Nations, Inuit or Métis)", "Autochtones (Premières Nations, Inuit ou Métis)"),
	Disability: lang.T("Persons with disabilities", "Personnes en situation de handicap"),
	Racialized: lang.T("Racialized people (visible minorities)", "Personnes racisées (minorités visibles)"),
}

var firstLanguageNames = map[string]lang.Text{
	"en": lang.T("English", "Anglais"),
	"fr": lang.T("French", "Français"),
}

// Valid reports whether v is one of EducationLevels.
func (v EducationLevel) Valid() bool { return slices.Contains(EducationLevels, v) }

// Name returns the level's display name in l ("" when unknown).
func (v EducationLevel) Name(l lang.Lang) string { return educationLevelNames[v].In(l) }

// Valid reports whether v is one of EducationStatuses.
func (v EducationStatus) Valid() bool { return slices.Contains(EducationStatuses, v) }

// Name returns the status's display name in l ("" when unknown).
func (v EducationStatus) Name(l lang.Lang) string { return educationStatusNames[v].In(l) }

// Valid reports whether v is one of ExperienceKinds.
func (v ExperienceKind) Valid() bool { return slices.Contains(ExperienceKinds, v) }

// Name returns the kind's display name in l ("" when unknown).
func (v ExperienceKind) Name(l lang.Lang) string { return experienceKindNames[v].In(l) }

// Valid reports whether v is one of Levels.
func (v Level) Valid() bool { return slices.Contains(Levels, v) }

// Name returns the level's display name in l ("" when unknown).
func (v Level) Name(l lang.Lang) string { return levelNames[v].In(l) }

// Valid reports whether v is one of WorkEligibilities.
func (v WorkEligibility) Valid() bool { return slices.Contains(WorkEligibilities, v) }

// Name returns the answer's display name in l ("" when unknown).
func (v WorkEligibility) Name(l lang.Lang) string { return workEligibilityNames[v].In(l) }

// Valid reports whether v is one of EquityGroups.
func (v EquityGroup) Valid() bool { return slices.Contains(EquityGroups, v) }

// Name returns the group's display name in l ("" when unknown).
func (v EquityGroup) Name(l lang.Lang) string { return equityGroupNames[v].In(l) }

// FirstLanguageName returns the display name of a first official language
// code ("en" or "fr") in l ("" when unknown).
func FirstLanguageName(code string, l lang.Lang) string { return firstLanguageNames[code].In(l) }
