package application

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/valid"
)

// Limits on what an applicant types, in characters (runes) after NormalizeText.
const (
	MaxAnswerRunes        = 2500 // one screening answer; pages show it as the visible limit
	MaxAccommodationRunes = 2500
	MaxDeclarationRunes   = 200 // the name signed on the declaration
)

// Guidance for screening answers, shown next to every screening question. It
// follows the Government of Canada's advice to applicants: answer each
// qualification with concrete examples (the situation, what you did, the
// result), rather than restating it.
const (
	GuidanceEN = "Give concrete examples that show how you meet this qualification. For each one, describe the situation, " +
		"what you did, and the result. Say where and when it happened (for example a job, a course, a project or " +
		"volunteer work). Do not just repeat the qualification: the hiring team can only consider what you write."
	GuidanceFR = "Donnez des exemples concrets qui montrent comment vous répondez à cette qualification. Pour chacun, " +
		"décrivez la situation, ce que vous avez fait et le résultat. Précisez où et quand cela s'est passé (par " +
		"exemple un emploi, un cours, un projet ou du bénévolat). Ne vous contentez pas de répéter la qualification : " +
		"l'équipe d'embauche ne peut tenir compte que de ce que vous écrivez."
)

// Guidance is GuidanceEN and GuidanceFR as bilingual text.
var Guidance = lang.T(GuidanceEN, GuidanceFR)

// Field names used in validation problems (valid.Problem.Field); pages name
// their form controls the same way.
const (
	FieldDeclaration   = "declaration"
	FieldAccommodation = "accommodation"
	FieldProfile       = "profile"
)

// EligibilityField is the field name of the answer to eligibility requirement id.
func EligibilityField(id int64) string { return fmt.Sprintf("eligibility_%d", id) }

// ResponseField is the field name of the screening answer to qualification id.
func ResponseField(id int64) string { return fmt.Sprintf("response_%d", id) }

// DocumentField is the field name of the document of kind k.
func DocumentField(k posting.DocumentKind) string { return "document_" + string(k) }

// NormalizeText returns s with every line ending as "\n" and surrounding white
// space removed, as answers are stored and counted: a browser sends "\r\n"
// and the count shown to the applicant must not depend on it.
func NormalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// Runes counts the characters of s as the limits count them (after NormalizeText).
func Runes(s string) int { return utf8.RuneCountInString(NormalizeText(s)) }

// Normalize normalizes every screening answer (NormalizeText) and drops the
// empty ones, so a saved draft holds only what was written.
func (a *Answers) Normalize() {
	for id, text := range a.Responses {
		if t := NormalizeText(text); t == "" {
			delete(a.Responses, id)
		} else {
			a.Responses[id] = t
		}
	}
}

// Check validates answers against posting p as a draft may be saved: answers
// may be missing, but every one given must be to an item of p and within the
// limit. It returns the problems found (nil when none).
func (a Answers) Check(p *posting.Posting) valid.Problems {
	var ps valid.Problems
	elig := map[int64]bool{}
	for _, r := range p.Eligibility {
		elig[r.ID] = true
	}
	for _, id := range sortedKeys(a.Eligibility) {
		if !elig[id] {
			ps.Add(EligibilityField(id), "This question is not part of the posting any more. Reload the page.",
				"Cette question ne fait plus partie de l'offre. Rechargez la page.")
		}
	}
	quals := qualificationIDs(p)
	for _, id := range sortedKeys(a.Responses) {
		if !quals[id] {
			ps.Add(ResponseField(id), "This question is not part of the posting any more. Reload the page.",
				"Cette question ne fait plus partie de l'offre. Rechargez la page.")
			continue
		}
		if n := Runes(a.Responses[id]); n > MaxAnswerRunes {
			ps.Add(ResponseField(id),
				fmt.Sprintf("Shorten your answer to %d characters or fewer (it has %d).", MaxAnswerRunes, n),
				fmt.Sprintf("Raccourcissez votre réponse à %d caractères ou moins (elle en compte %d).", MaxAnswerRunes, n))
		}
	}
	return ps
}

// CheckDraft validates what a draft may be saved with: the answers (Check)
// and the length of the accommodation request.
func (a *Application) CheckDraft(p *posting.Posting) valid.Problems {
	ps := a.Answers.Check(p)
	if n := Runes(a.Accommodation); n > MaxAccommodationRunes {
		ps.Add(FieldAccommodation,
			fmt.Sprintf("Shorten your accommodation request to %d characters or fewer (it has %d).", MaxAccommodationRunes, n),
			fmt.Sprintf("Raccourcissez votre demande de mesures d'adaptation à %d caractères ou moins (elle en compte %d).", MaxAccommodationRunes, n))
	}
	return ps
}

// Complete lists what keeps application a from being submitted to p with the
// declaration signed as declaration: everything CheckDraft finds, plus every
// eligibility requirement answered yes or no, an answer to every essential
// qualification's screening question (asset qualifications are optional: an
// applicant who has one says so), every document the posting asks for, and the
// signed declaration. Problems are in the posting's order, so an error summary
// reads like the form.
func (a *Application) Complete(p *posting.Posting, declaration string) valid.Problems {
	var ps valid.Problems
	for _, r := range p.Eligibility {
		if _, ok := a.Answers.Eligibility[r.ID]; !ok {
			ps.Add(EligibilityField(r.ID), "Answer yes or no to this requirement.", "Répondez oui ou non à cette exigence.")
		}
	}
	for _, g := range p.Groups {
		for _, q := range g.Items {
			if q.Kind == posting.Essential && NormalizeText(a.Answers.Responses[q.ID]) == "" {
				ps.Add(ResponseField(q.ID), "Answer this question with concrete examples of how you meet this qualification.",
					"Répondez à cette question avec des exemples concrets qui montrent comment vous répondez à cette qualification.")
			}
		}
	}
	ps = append(ps, a.CheckDraft(p)...)
	for _, k := range p.Documents {
		if !slices.ContainsFunc(a.Documents, func(d Document) bool { return d.Kind == string(k) }) {
			ps.Add(DocumentField(k), "Attach this document as a PDF or Word (DOCX) file of 5 MB or less.",
				"Joignez ce document en format PDF ou Word (DOCX), d'au plus 5 Mo.")
		}
	}
	switch n := Runes(declaration); {
	case n == 0:
		ps.Add(FieldDeclaration, "Type your full name to sign the declaration.", "Tapez votre nom complet pour signer la déclaration.")
	case n > MaxDeclarationRunes:
		ps.Add(FieldDeclaration, fmt.Sprintf("Type your name in %d characters or fewer.", MaxDeclarationRunes),
			fmt.Sprintf("Tapez votre nom en %d caractères ou moins.", MaxDeclarationRunes))
	}
	return ps
}

// ProfileMissing lists what an applicant's profile lacks to be submitted with
// an application (profile field names, see profile.Label); nil when it is
// complete enough. A missing profile lacks everything.
func ProfileMissing(p *profile.Profile) []string {
	if p == nil {
		p = &profile.Profile{}
	}
	return profileMissing(p)
}

// CheckProfile turns ProfileMissing into one problem on the "profile" field,
// naming what is missing in each language.
func CheckProfile(p *profile.Profile) valid.Problems {
	missing := ProfileMissing(p)
	if len(missing) == 0 {
		return nil
	}
	en, fr := make([]string, len(missing)), make([]string, len(missing))
	for i, f := range missing {
		en[i], fr[i] = profile.Label(f, lang.EN), profile.Label(f, lang.FR)
		if en[i] == "" {
			en[i], fr[i] = f, f
		}
	}
	var ps valid.Problems
	ps.Add(FieldProfile,
		"Complete your profile before you submit (missing: "+strings.Join(en, ", ")+"). What you wrote in this application is saved.",
		"Remplissez votre profil avant de soumettre (manque : "+strings.Join(fr, ", ")+"). Ce que vous avez écrit dans cette candidature est enregistré.")
	return ps
}

func qualificationIDs(p *posting.Posting) map[int64]bool {
	out := map[int64]bool{}
	for _, g := range p.Groups {
		for _, q := range g.Items {
			out[q.ID] = true
		}
	}
	return out
}

func sortedKeys[V any](m map[int64]V) []int64 {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
