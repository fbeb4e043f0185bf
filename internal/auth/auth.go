// Package auth holds Pathways' accounts, roles and access policy: who a user
// is, how passwords are checked and which actions each role may take on which
// organization's resources. It is pure domain code: no I/O, no HTTP, no SQL.
package auth

import "github.com/pathways-gov/pathways/internal/lang"

// Error is a problem with a user's input, with a message safe to show in both
// official languages. Compare with errors.Is against the Err… values.
type Error struct {
	Code string    // stable identifier, e.g. "password.short"
	Msg  lang.Text // what is wrong and how to fix it
}

// Error returns the English message.
func (e *Error) Error() string { return "auth: " + e.Msg.EN }

func newError(code, en, fr string) *Error { return &Error{Code: code, Msg: lang.T(en, fr)} }

// Input errors. They are values, so errors.Is works through wrapping.
var (
	ErrPasswordTooShort = newError("password.short",
		"Use at least 12 characters. A few unrelated words make a password that is long and easy to remember.",
		"Utilisez au moins 12 caractères. Quelques mots sans lien entre eux font un mot de passe long et facile à retenir.")
	ErrPasswordTooLong = newError("password.long",
		"Use at most 256 characters.",
		"Utilisez au plus 256 caractères.")
	ErrPasswordCommon = newError("password.common",
		"This password is too common or too easy to guess. Choose another one.",
		"Ce mot de passe est trop courant ou trop facile à deviner. Choisissez-en un autre.")
	ErrPasswordHasEmail = newError("password.email",
		"Your password must not contain your email address.",
		"Votre mot de passe ne doit pas contenir votre adresse courriel.")
	ErrInvalidEmail = newError("email.invalid",
		"Enter an email address such as name@example.ca.",
		"Entrez une adresse courriel comme nom@exemple.ca.")
	ErrInvalidRole = newError("role.invalid",
		"Choose a role: applicant, hiring-manager, hr-advisor, program-admin or platform-admin.",
		"Choisissez un rôle : applicant, hiring-manager, hr-advisor, program-admin ou platform-admin.")
	ErrOrgRequired = newError("org.required",
		"Hiring managers and HR advisors belong to an organization: give its code.",
		"Les gestionnaires d'embauche et les conseillers en RH appartiennent à une organisation : indiquez son code.")
	ErrOrgNotAllowed = newError("org.notallowed",
		"Only hiring managers and HR advisors belong to an organization.",
		"Seuls les gestionnaires d'embauche et les conseillers en RH appartiennent à une organisation.")
	ErrInvalidLang = newError("lang.invalid",
		"Choose a language: en or fr.",
		"Choisissez une langue : en ou fr.")
)
