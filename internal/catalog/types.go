package catalog

import "github.com/pathways-gov/pathways/internal/lang"

// Kind is the kind of a catalog entry. It is stored with each Record.
type Kind string

// The kinds of catalog entries, in the order Records lists them.
const (
	KindProgram      Kind = "program"
	KindStream       Kind = "stream"
	KindLevel        Kind = "level"
	KindCompetency   Kind = "competency"
	KindOrganization Kind = "organization"
	KindGuidance     Kind = "guidance"
)

// Kinds lists every kind, in the order Records lists them.
var Kinds = []Kind{KindProgram, KindStream, KindLevel, KindCompetency, KindOrganization, KindGuidance}

// Jurisdiction is the order of government an entry belongs to.
type Jurisdiction string

// The jurisdictions.
const (
	Ontario Jurisdiction = "on" // Government of Ontario
	Canada  Jurisdiction = "gc" // Government of Canada
)

// Valid reports whether j is a known jurisdiction.
func (j Jurisdiction) Valid() bool { return j == Ontario || j == Canada }

// Category tells how a focus area counts a competency. The sources list
// knowledge first, then "skills and abilities"; within the latter, an entry
// is an ability when the source defines it as "the ability to…" without
// calling it a skill, and a skill otherwise. The same competency may thus be
// an ability in one focus area and a skill in another.
type Category string

// The competency categories.
const (
	Knowledge Category = "knowledge"
	Skill     Category = "skill"
	Ability   Category = "ability"
)

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return c == Knowledge || c == Skill || c == Ability }

// Program is a recruitment program or occupational community, such as the
// Ontario Internship Program or the Government of Canada IT group.
type Program struct {
	Code          string       `json:"code"`
	Position      int          `json:"position"` // display order among programs
	Jurisdiction  Jurisdiction `json:"jurisdiction"`
	Name          lang.Text    `json:"name"`
	ShortName     lang.Text    `json:"short_name"` // acronym or short form, e.g. OIP / PSO
	Summary       lang.Text    `json:"summary"`
	About         []lang.Text  `json:"about,omitzero"`          // further paragraphs
	Education     lang.Text    `json:"education,omitzero"`      // minimum education standard, where the source gives one
	EducationNote lang.Text    `json:"education_note,omitzero"` // how the standard applies to postings
}

// Stream is a focus area (OIP) or a work stream (Government of Canada)
// within a program. Stream codes are unique across programs.
type Stream struct {
	Code     string    `json:"code"`
	Program  string    `json:"program"`  // program code
	Position int       `json:"position"` // display order within the program
	Name     lang.Text `json:"name"`
	// Details is false for a stream the catalog only names so far: pages
	// say that more information is to come.
	Details bool `json:"details"`

	Summary      lang.Text        `json:"summary,omitzero"`   // one-line description
	About        []lang.Text      `json:"about,omitzero"`     // paragraphs
	Scope        []lang.Text      `json:"scope,omitzero"`     // what the line of work involves
	Expertise    []Expertise      `json:"expertise,omitzero"` // areas of expertise
	Placement    lang.Text        `json:"placement,omitzero"` // how placements are matched
	Duties       []Group          `json:"duties,omitzero"`    // what interns do
	Competencies []CompetencyLink `json:"competencies,omitzero"`
	Careers      []lang.Text      `json:"careers,omitzero"` // jobs the stream leads to

	Responsibilities []Responsibility `json:"responsibilities,omitzero"`
	FunctionalAreas  []lang.Text      `json:"functional_areas,omitzero"`
	Specialties      []Group          `json:"specialties,omitzero"` // role-specific expertise, e.g. data architects'
}

// Expertise is an area of expertise within a focus area.
type Expertise struct {
	Name        lang.Text `json:"name"`
	Description lang.Text `json:"description"`
}

// Group is a list of items under an optional heading.
type Group struct {
	Heading lang.Text   `json:"heading,omitzero"`
	Items   []lang.Text `json:"items"`
}

// Responsibility is one responsibility of a work stream, with optional sub-items
// (one level only): Text then introduces the list, e.g. "…, including:".
type Responsibility struct {
	Text  lang.Text   `json:"text"`
	Items []lang.Text `json:"items,omitzero"`
}

// CompetencyLink ties a stream to a competency of the library.
type CompetencyLink struct {
	Code     string    `json:"code"` // competency code
	Category Category  `json:"category"`
	Note     lang.Text `json:"note,omitzero"` // focus-area-specific wording, optional
}

// Level is a classification level within a program, such as IT-03 or EX-01.
type Level struct {
	Code     string    `json:"code"`
	Program  string    `json:"program"`  // program code
	Position int       `json:"position"` // display order within the program
	Label    lang.Text `json:"label"`    // e.g. IT-02 / TI-02
	Title    lang.Text `json:"title"`    // the role, e.g. Analysts
	Paths    []Path    `json:"paths,omitzero"`
	PayMin   *int      `json:"pay_min,omitzero"` // annual CAD; nil = not set
	PayMax   *int      `json:"pay_max,omitzero"` // annual CAD; nil = not set
	PayNote  lang.Text `json:"pay_note,omitzero"`
}

// Path is a career path at a level: IT-03 and IT-04 have a management path
// and an individual-contributor path, each found in its own streams.
type Path struct {
	Name        lang.Text `json:"name,omitzero"` // e.g. Management path; empty when a level has one path
	Role        lang.Text `json:"role"`          // who holds it, e.g. IT Team Leads
	Description lang.Text `json:"description"`
	Streams     []string  `json:"streams,omitzero"` // stream codes where the role is found
	AllStreams  bool      `json:"all_streams,omitzero"`
	Primarily   bool      `json:"primarily,omitzero"` // Streams are where the role is mainly, not only, found
	Pilot       bool      `json:"pilot,omitzero"`     // a pilot project, not yet a standing path
}

// InStream reports whether the path is found in the stream with the given code.
func (p Path) InStream(code string) bool {
	if p.AllStreams {
		return true
	}
	for _, s := range p.Streams {
		if s == code {
			return true
		}
	}
	return false
}

// Competency is one knowledge, skill or ability of the shared library.
type Competency struct {
	Code       string    `json:"code"`
	Name       lang.Text `json:"name"`
	Definition lang.Text `json:"definition"`
}

// Organization is an employer that postings name: a ministry, department or agency.
type Organization struct {
	Code         string       `json:"code"`
	Jurisdiction Jurisdiction `json:"jurisdiction"`
	Name         lang.Text    `json:"name"`
	Acronym      lang.Text    `json:"acronym,omitzero"`
}

// Guidance is one piece of advice shown to applicants.
type Guidance struct {
	Code     string `json:"code"`
	Position int    `json:"position"`
	// Jurisdiction limits the advice to one order of government; empty means it applies to all.
	Jurisdiction Jurisdiction `json:"jurisdiction,omitzero"`
	Title        lang.Text    `json:"title"`
	Body         lang.Text    `json:"body"`
}

// Entries holds every catalog entry, unsorted and unvalidated: the input of New.
type Entries struct {
	Programs      []Program      `json:"programs,omitzero"`
	Streams       []Stream       `json:"streams,omitzero"`
	Levels        []Level        `json:"levels,omitzero"`
	Competencies  []Competency   `json:"competencies,omitzero"`
	Organizations []Organization `json:"organizations,omitzero"`
	Guidance      []Guidance     `json:"guidance,omitzero"`
}
