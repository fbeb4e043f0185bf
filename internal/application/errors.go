package application

import (
	"fmt"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Error is a refusal the applicant or staff can be told about, in both
// official languages. Compare with errors.Is against the Err… values.
type Error struct {
	Code string    // stable identifier, e.g. "application.closed"
	Msg  lang.Text // what happened and what to do
}

func (e *Error) Error() string { return "application: " + e.Msg.EN }

// Message returns the explanation in both languages.
func (e *Error) Message() lang.Text { return e.Msg }

// The refusals.
var (
	// ErrClosed: the posting does not accept applications (not published, or
	// its closing instant has passed).
	ErrClosed = &Error{"application.closed", lang.T(
		"This job opportunity is closed: applications are no longer accepted. What you wrote was not submitted.",
		"Cette possibilité d'emploi est fermée : les candidatures ne sont plus acceptées. Ce que vous avez écrit n'a pas été soumis.")}
	// ErrWithdrawn: the applicant withdrew their application to this posting;
	// it cannot be changed, resubmitted or started again.
	ErrWithdrawn = &Error{"application.withdrawn", lang.T(
		"You withdrew your application to this job opportunity. A withdrawn application cannot be submitted again.",
		"Vous avez retiré votre candidature à cette possibilité d'emploi. Une candidature retirée ne peut pas être soumise de nouveau.")}
	// ErrSubmitted: the application was submitted; it can no longer be edited.
	ErrSubmitted = &Error{"application.submitted", lang.T(
		"This application was already submitted: it can no longer be changed.",
		"Cette candidature a déjà été soumise : elle ne peut plus être modifiée.")}
	// ErrNotApplicant: only applicant accounts apply (staff accounts are separate).
	ErrNotApplicant = &Error{"application.not_applicant", lang.T(
		"Only applicant accounts can apply. Sign in with your applicant account.",
		"Seuls les comptes de candidat peuvent postuler. Connectez-vous avec votre compte de candidat.")}
)

// TransitionError reports a change of status the state machine does not allow.
type TransitionError struct {
	From, To Status
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("application: cannot move from %s to %s", e.From, e.To)
}

// Message explains the refusal in both languages.
func (e *TransitionError) Message() lang.Text {
	return lang.T(
		fmt.Sprintf("An application that is “%s” cannot become “%s”.", e.From.Name(lang.EN), e.To.Name(lang.EN)),
		fmt.Sprintf("Une candidature « %s » ne peut pas devenir « %s ».", e.From.Name(lang.FR), e.To.Name(lang.FR)))
}
