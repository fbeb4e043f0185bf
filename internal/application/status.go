// Package application is the application domain: what an applicant submits
// to a posting, its one status state machine, and the rules for answering,
// attaching documents and submitting before the deadline. It does no I/O.
package application

import (
	"slices"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Status is where an application stands.
type Status string

// The statuses, in the order an application normally moves through them.
const (
	Draft        Status = "draft"
	Submitted    Status = "submitted"
	UnderReview  Status = "under-review"
	ScreenedIn   Status = "screened-in"
	ScreenedOut  Status = "screened-out"
	Assessment   Status = "assessment"
	Qualified    Status = "qualified"
	Unsuccessful Status = "unsuccessful"
	Offered      Status = "offered"
	Hired        Status = "hired"
	Withdrawn    Status = "withdrawn"
	KeptOnFile   Status = "kept-on-file"
)

// Statuses lists every status in display order.
var Statuses = []Status{Draft, Submitted, UnderReview, ScreenedIn, ScreenedOut, Assessment,
	Qualified, Unsuccessful, Offered, Hired, KeptOnFile, Withdrawn}

// Actor says who may take a transition.
type Actor int

// Who moves an application.
const (
	ByApplicant Actor = 1 << iota
	ByStaff
)

// transition is one edge of the state machine.
type transition struct {
	from, to Status
	by       Actor
}

// transitions is the whole state machine, in one place. Withdrawal from every
// open state but Draft is added by init. Moving to KeptOnFile also needs the applicant's
// consent (see Allowed).
var transitions = []transition{
	{Draft, Submitted, ByApplicant},
	{Submitted, UnderReview, ByStaff},
	{UnderReview, ScreenedIn, ByStaff},
	{UnderReview, ScreenedOut, ByStaff},
	{ScreenedIn, Assessment, ByStaff},
	{Assessment, Qualified, ByStaff},
	{Assessment, Unsuccessful, ByStaff},
	{Qualified, Offered, ByStaff},
	{Offered, Hired, ByStaff},
	{ScreenedOut, KeptOnFile, ByStaff},
	{Unsuccessful, KeptOnFile, ByStaff},
	{Qualified, KeptOnFile, ByStaff},
}

func init() {
	for _, s := range Statuses {
		if s.Open() && s != Draft { // a draft was never sent: there is nothing to withdraw
			transitions = append(transitions, transition{s, Withdrawn, ByApplicant})
		}
	}
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Open reports whether an application in s is still in play, and so may be
// withdrawn: every state but the final ones (screened out, unsuccessful,
// hired, withdrawn).
func (s Status) Open() bool {
	switch s {
	case ScreenedOut, Unsuccessful, Hired, Withdrawn:
		return false
	}
	return s.Valid()
}

// Final reports whether nothing can happen to an application in s any more
// (Withdrawn and Hired; screened-out and unsuccessful ones may still be kept on file).
func (s Status) Final() bool { return len(Next(s, ByApplicant|ByStaff, true)) == 0 }

// IsSubmitted reports whether an application in s is a submitted one still
// counted (every status but Draft and Withdrawn).
func (s Status) IsSubmitted() bool { return s.Valid() && s != Draft && s != Withdrawn }

// Allowed reports whether actor may move an application from one status to
// another; keepOnFile is the applicant's consent to be kept on file.
func Allowed(from, to Status, by Actor, keepOnFile bool) bool {
	if to == KeptOnFile && !keepOnFile {
		return false
	}
	for _, t := range transitions {
		if t.from == from && t.to == to && t.by&by != 0 {
			return true
		}
	}
	return false
}

// Next lists the statuses actor may move an application in from to, in display order.
func Next(from Status, by Actor, keepOnFile bool) []Status {
	var out []Status
	for _, s := range Statuses {
		if Allowed(from, s, by, keepOnFile) {
			out = append(out, s)
		}
	}
	return out
}

var statusNames = map[Status]lang.Text{
	Draft:        lang.T("Draft: not submitted yet", "Ébauche : pas encore soumise"),
	Submitted:    lang.T("Submitted", "Soumise"),
	UnderReview:  lang.T("Under review", "En cours d'examen"),
	ScreenedIn:   lang.T("Screened in", "Retenue à la présélection"),
	ScreenedOut:  lang.T("Screened out", "Non retenue à la présélection"),
	Assessment:   lang.T("In assessment", "En évaluation"),
	Qualified:    lang.T("Qualified", "Qualifiée"),
	Unsuccessful: lang.T("Unsuccessful", "Non retenue"),
	Offered:      lang.T("Job offered", "Offre d'emploi faite"),
	Hired:        lang.T("Hired", "Embauche confirmée"),
	Withdrawn:    lang.T("Withdrawn", "Retirée"),
	KeptOnFile:   lang.T("Kept on file for future roles", "Conservée au dossier pour d'autres postes"),
}

var statusMeanings = map[Status]lang.Text{
	Draft: lang.T("You have started this application. It has not been sent: submit it before the closing date.",
		"Vous avez commencé cette candidature. Elle n'a pas été envoyée : soumettez-la avant la date de clôture."),
	Submitted: lang.T("We have your application. The hiring team will review it after the posting closes.",
		"Nous avons reçu votre candidature. L'équipe d'embauche l'examinera après la clôture de l'offre."),
	UnderReview: lang.T("The hiring team is reviewing your application against the posting's requirements.",
		"L'équipe d'embauche examine votre candidature au regard des exigences de l'offre."),
	ScreenedIn: lang.T("Your application meets the requirements screened so far. The team may contact you for the next step.",
		"Votre candidature répond aux exigences évaluées jusqu'ici. L'équipe pourrait communiquer avec vous pour la prochaine étape."),
	ScreenedOut: lang.T("Your application did not show that you meet one or more requirements. It will not go further for this posting.",
		"Votre candidature ne démontre pas que vous répondez à une ou plusieurs exigences. Elle n'ira pas plus loin pour cette offre."),
	Assessment: lang.T("You are being assessed: for example a written test, an interview or reference checks.",
		"Vous êtes en évaluation : par exemple un examen écrit, une entrevue ou la vérification des références."),
	Qualified: lang.T("You met every requirement assessed. You may be offered this job or a similar one.",
		"Vous avez satisfait à toutes les exigences évaluées. Ce poste ou un poste semblable pourrait vous être offert."),
	Unsuccessful: lang.T("You were not successful in the assessment for this posting.",
		"Vous n'avez pas réussi l'évaluation pour cette offre."),
	Offered: lang.T("You have been offered the job. The hiring team will contact you with the details.",
		"Le poste vous a été offert. L'équipe d'embauche communiquera avec vous pour les détails."),
	Hired:     lang.T("You were hired. Congratulations!", "Vous avez été embauché ou embauchée. Félicitations!"),
	Withdrawn: lang.T("You withdrew this application.", "Vous avez retiré cette candidature."),
	KeptOnFile: lang.T("With your consent, your application is kept on file and may be considered for future roles.",
		"Avec votre consentement, votre candidature est conservée au dossier et pourrait être considérée pour d'autres postes."),
}

// Name returns the status's short name in l.
func (s Status) Name(l lang.Lang) string { return statusNames[s].In(l) }

// Meaning explains in plain language, in l, what the status means for the applicant.
func (s Status) Meaning(l lang.Lang) string { return statusMeanings[s].In(l) }
