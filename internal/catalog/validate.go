package catalog

import (
	"fmt"
	"strings"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Fault names what is wrong in a Problem.
type Fault string

// The faults Validate reports.
const (
	FaultMissing    Fault = "missing"              // a required value is empty in both languages, or a required list is empty
	FaultMissingEN  Fault = "missing English"      // a text has French only
	FaultMissingFR  Fault = "missing French"       // a text has English only
	FaultBadCode    Fault = "not a lowercase slug" // a code is not shaped like "it-01"
	FaultReserved   Fault = "reserved code"        // a stream code that would clash with a URL segment
	FaultDuplicate  Fault = "duplicate"            // a code or reference appears twice
	FaultUnknownRef Fault = "unknown reference"    // a reference to an entry that does not exist (or is out of place)
	FaultInvalid    Fault = "invalid value"        // an enumerated value, flag or number that does not fit
)

// Problem is one defect found by Validate.
type Problem struct {
	Kind  Kind
	Code  string // the entry's code, as given
	Field string // e.g. "name", "paths[1].streams[0]"
	Fault Fault
}

func (p Problem) String() string {
	return fmt.Sprintf("%s %q: %s: %s", p.Kind, p.Code, p.Field, p.Fault)
}

// ValidationError lists every problem found in a catalog.
type ValidationError struct {
	Problems []Problem
}

// maxListed bounds how many problems Error spells out.
const maxListed = 10

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "catalog: %d problem(s): ", len(e.Problems))
	for i, p := range e.Problems {
		if i == maxListed {
			fmt.Fprintf(&b, "; and %d more", len(e.Problems)-maxListed)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// reservedStreamCodes are path segments that pages place beside stream codes.
var reservedStreamCodes = map[string]bool{"levels": true}

// maxCodeLen bounds codes, which become URL segments.
const maxCodeLen = 64

// Validate checks every entry: codes are unique lowercase slugs, every
// required text is present in both languages and no optional text is
// half-translated, enumerated values are known, and every reference resolves
// (stream → program, stream → competencies, level → program and streams of
// that program). It returns a *ValidationError listing all problems.
func (c *Catalog) Validate() error {
	v := &validator{c: c}
	v.programs()
	v.streams()
	v.levels()
	v.competencies()
	v.organizations()
	v.guidance()
	if len(v.problems) > 0 {
		return &ValidationError{Problems: v.problems}
	}
	return nil
}

// validator collects problems for one entry at a time.
type validator struct {
	c        *Catalog
	problems []Problem
	kind     Kind
	code     string
}

func (v *validator) enter(kind Kind, code string) { v.kind, v.code = kind, code }

func (v *validator) report(field string, f Fault) {
	v.problems = append(v.problems, Problem{Kind: v.kind, Code: v.code, Field: field, Fault: f})
}

// text checks one bilingual text; required texts must not be empty.
func (v *validator) text(field string, t lang.Text, required bool) {
	en, fr := strings.TrimSpace(t.EN) != "", strings.TrimSpace(t.FR) != ""
	switch {
	case !en && !fr:
		if required {
			v.report(field, FaultMissing)
		}
	case !en:
		v.report(field, FaultMissingEN)
	case !fr:
		v.report(field, FaultMissingFR)
	}
}

// texts checks a list of texts, each required; the list itself may be empty.
func (v *validator) texts(field string, list []lang.Text) {
	for i, t := range list {
		v.text(fmt.Sprintf("%s[%d]", field, i), t, true)
	}
}

// codes checks that each entry's code is a slug and unique within its kind.
func (v *validator) codes(kind Kind, codes []string) {
	seen := make(map[string]bool, len(codes))
	for _, code := range codes {
		v.enter(kind, code)
		if !IsSlug(code) {
			v.report("code", FaultBadCode)
		}
		if seen[code] {
			v.report("code", FaultDuplicate)
		}
		seen[code] = true
	}
}

// IsSlug reports whether s is a valid catalog code: lowercase ASCII letters
// and digits in groups joined by single hyphens, at most 64 bytes.
func IsSlug(s string) bool {
	if s == "" || len(s) > maxCodeLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
		case ch == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

func codesOf[T any](list []T, code func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = code(x)
	}
	return out
}

func (v *validator) programs() {
	v.codes(KindProgram, codesOf(v.c.programs, func(p Program) string { return p.Code }))
	for _, p := range v.c.programs {
		v.enter(KindProgram, p.Code)
		if !p.Jurisdiction.Valid() {
			v.report("jurisdiction", FaultInvalid)
		}
		v.text("name", p.Name, true)
		v.text("short_name", p.ShortName, true)
		v.text("summary", p.Summary, true)
		v.texts("about", p.About)
		v.text("education", p.Education, false)
		v.text("education_note", p.EducationNote, false)
	}
}

func (v *validator) streams() {
	v.codes(KindStream, codesOf(v.c.streams, func(s Stream) string { return s.Code }))
	for _, s := range v.c.streams {
		v.enter(KindStream, s.Code)
		if reservedStreamCodes[s.Code] {
			v.report("code", FaultReserved)
		}
		if _, ok := v.c.programIdx[s.Program]; !ok {
			v.report("program", FaultUnknownRef)
		}
		v.text("name", s.Name, true)
		v.streamDetails(s)
		v.streamContent(s)
		v.competencyLinks(s.Competencies)
	}
}

// streamDetails checks that the Details flag matches the content: a detailed
// stream says something about itself, a "more to come" stream only has a name.
func (v *validator) streamDetails(s Stream) {
	hasContent := !s.Summary.IsZero() || len(s.Responsibilities) > 0
	hasAny := hasContent || len(s.About) > 0 || len(s.Scope) > 0 || len(s.Expertise) > 0 ||
		!s.Placement.IsZero() || len(s.Duties) > 0 || len(s.Competencies) > 0 || len(s.Careers) > 0 ||
		len(s.FunctionalAreas) > 0 || len(s.Specialties) > 0
	switch {
	case s.Details && !hasContent:
		v.report("summary", FaultMissing)
	case !s.Details && hasAny:
		v.report("details", FaultInvalid)
	}
}

func (v *validator) streamContent(s Stream) {
	v.text("summary", s.Summary, false)
	v.texts("about", s.About)
	v.texts("scope", s.Scope)
	for i, x := range s.Expertise {
		v.text(fmt.Sprintf("expertise[%d].name", i), x.Name, true)
		v.text(fmt.Sprintf("expertise[%d].description", i), x.Description, true)
	}
	v.text("placement", s.Placement, false)
	v.groups("duties", s.Duties)
	v.texts("careers", s.Careers)
	for i, r := range s.Responsibilities {
		v.text(fmt.Sprintf("responsibilities[%d].text", i), r.Text, true)
		v.texts(fmt.Sprintf("responsibilities[%d].items", i), r.Items)
	}
	v.texts("functional_areas", s.FunctionalAreas)
	v.groups("specialties", s.Specialties)
}

func (v *validator) groups(field string, groups []Group) {
	for i, g := range groups {
		v.text(fmt.Sprintf("%s[%d].heading", field, i), g.Heading, false)
		if len(g.Items) == 0 {
			v.report(fmt.Sprintf("%s[%d].items", field, i), FaultMissing)
		}
		v.texts(fmt.Sprintf("%s[%d].items", field, i), g.Items)
	}
}

func (v *validator) competencyLinks(links []CompetencyLink) {
	seen := make(map[string]bool, len(links))
	for i, l := range links {
		field := fmt.Sprintf("competencies[%d]", i)
		if _, ok := v.c.competencyIdx[l.Code]; !ok {
			v.report(field+".code", FaultUnknownRef)
		}
		if seen[l.Code] {
			v.report(field+".code", FaultDuplicate)
		}
		seen[l.Code] = true
		if !l.Category.Valid() {
			v.report(field+".category", FaultInvalid)
		}
		v.text(field+".note", l.Note, false)
	}
}

func (v *validator) levels() {
	v.codes(KindLevel, codesOf(v.c.levels, func(l Level) string { return l.Code }))
	for _, l := range v.c.levels {
		v.enter(KindLevel, l.Code)
		if _, ok := v.c.programIdx[l.Program]; !ok {
			v.report("program", FaultUnknownRef)
		}
		v.text("label", l.Label, true)
		v.text("title", l.Title, true)
		for i, p := range l.Paths {
			v.path(fmt.Sprintf("paths[%d]", i), l.Program, p)
		}
		v.pay(l)
	}
}

func (v *validator) path(field, program string, p Path) {
	v.text(field+".name", p.Name, false)
	v.text(field+".role", p.Role, true)
	v.text(field+".description", p.Description, true)
	switch {
	case p.AllStreams && len(p.Streams) > 0:
		v.report(field+".all_streams", FaultInvalid)
	case !p.AllStreams && len(p.Streams) == 0 && !p.Pilot:
		v.report(field+".streams", FaultMissing)
	}
	seen := make(map[string]bool, len(p.Streams))
	for j, code := range p.Streams {
		sf := fmt.Sprintf("%s.streams[%d]", field, j)
		if s, ok := v.c.StreamByCode(code); !ok || s.Program != program {
			v.report(sf, FaultUnknownRef)
		}
		if seen[code] {
			v.report(sf, FaultDuplicate)
		}
		seen[code] = true
	}
}

func (v *validator) pay(l Level) {
	if l.PayMin != nil && *l.PayMin < 0 {
		v.report("pay_min", FaultInvalid)
	}
	if l.PayMax != nil && *l.PayMax < 0 {
		v.report("pay_max", FaultInvalid)
	}
	if l.PayMin != nil && l.PayMax != nil && *l.PayMin > *l.PayMax {
		v.report("pay_max", FaultInvalid)
	}
	v.text("pay_note", l.PayNote, false)
}

func (v *validator) competencies() {
	v.codes(KindCompetency, codesOf(v.c.competencies, func(x Competency) string { return x.Code }))
	for _, x := range v.c.competencies {
		v.enter(KindCompetency, x.Code)
		v.text("name", x.Name, true)
		v.text("definition", x.Definition, true)
	}
}

func (v *validator) organizations() {
	v.codes(KindOrganization, codesOf(v.c.organizations, func(o Organization) string { return o.Code }))
	for _, o := range v.c.organizations {
		v.enter(KindOrganization, o.Code)
		if !o.Jurisdiction.Valid() {
			v.report("jurisdiction", FaultInvalid)
		}
		v.text("name", o.Name, true)
		v.text("acronym", o.Acronym, false)
	}
}

func (v *validator) guidance() {
	v.codes(KindGuidance, codesOf(v.c.guidance, func(g Guidance) string { return g.Code }))
	for _, g := range v.c.guidance {
		v.enter(KindGuidance, g.Code)
		if g.Jurisdiction != "" && !g.Jurisdiction.Valid() {
			v.report("jurisdiction", FaultInvalid)
		}
		v.text("title", g.Title, true)
		v.text("body", g.Body, true)
	}
}
