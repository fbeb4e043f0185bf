package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/valid"
)

// The applicant's profile: an overview, and one form per section. Every form
// is rendered from url.Values, so what the applicant typed comes back exactly
// as typed when it does not validate. Each successful save redirects (POST,
// redirect, GET) with a message carried in the session.

func (h *Handler) profileRoutes(mux Mux) {
	mux.HandleFunc("GET /{lang}/profile", h.applicant(h.profileOverview))
	for _, s := range profileSections {
		s := s
		mux.HandleFunc("GET /{lang}/profile/"+s.name, h.applicant(func(w http.ResponseWriter, r *request) error { return h.profileSectionForm(w, r, s) }))
		mux.HandleFunc("POST /{lang}/profile/"+s.name, h.applicant(func(w http.ResponseWriter, r *request) error { return h.profileSectionSave(w, r, s) }))
	}
	for _, k := range profileItemKinds {
		k := k
		base := "/{lang}/profile/" + k.name
		mux.HandleFunc("GET "+base, h.applicant(func(w http.ResponseWriter, r *request) error { return h.profileItemList(w, r, k) }))
		mux.HandleFunc("POST "+base, h.applicant(func(w http.ResponseWriter, r *request) error { return h.profileItemSave(w, r, k, false) }))
		mux.HandleFunc("GET "+base+"/{id}", h.applicant(func(w http.ResponseWriter, r *request) error { return h.profileItemEdit(w, r, k) }))
		mux.HandleFunc("POST "+base+"/{id}", h.applicant(func(w http.ResponseWriter, r *request) error { return h.profileItemSave(w, r, k, true) }))
		mux.HandleFunc("POST "+base+"/{id}/delete", h.applicant(func(w http.ResponseWriter, r *request) error { return h.profileItemDelete(w, r, k) }))
	}
	mux.HandleFunc("GET /{lang}/profile/equity", h.applicant(h.profileEquityForm))
	mux.HandleFunc("POST /{lang}/profile/equity", h.applicant(h.profileEquitySave))
}

// profileFlashKey is the session key of the message shown once after a save.
const profileFlashKey = "flash"

// profileView is what every profile page template receives.
type profileView struct {
	V        url.Values
	Errs     map[string][]string // form field -> messages in the page's language
	Problems []profileProblem    // the error summary, in form order
	Action   string
	Options  map[string][]option

	// Education and experiences.
	Items    []profileItemView
	ID       int64 // the entry being edited (0: the add form)
	Evidence int   // pieces of evidence that deleting this experience removes

	Skills        []profileSkillRow
	HasExperience bool
	Locations     []int

	Equity   *profileEquityView
	Overview *profileOverviewView
}

// profileProblem is one line of the error summary: a link to the field, or to
// the page of another section when the problem is not on this form.
type profileProblem struct {
	Href, Msg string
}

func newProfileView(v url.Values, action string) *profileView {
	return &profileView{V: v, Errs: map[string][]string{}, Action: action, Options: map[string][]option{}}
}

// addProblems shows ps on the form: rename maps a profile field name to the
// form's (false: not on this form), and section is the page's section.
func (d *profileView) addProblems(l lang.Lang, ps valid.Problems, section string, rename func(string) (string, bool)) {
	for _, p := range ps {
		msg := p.Msg.In(l)
		if field, ok := rename(p.Field); ok {
			d.Errs[field] = append(d.Errs[field], msg)
			d.Problems = append(d.Problems, profileProblem{Href: "#" + field, Msg: msg})
			continue
		}
		href := "#profile-form"
		if s := profile.Section(p.Field); s != "" && s != section {
			href = "/" + string(l) + "/profile/" + s
		}
		d.Problems = append(d.Problems, profileProblem{Href: href, Msg: msg})
	}
}

// profileSame is the rename of forms whose fields are named as the profile's.
func profileSame(field string) (string, bool) { return field, true }

func (h *Handler) profilePage(r *request, titleID string, d *profileView) *Page {
	p := h.newPage(r, h.Msgs.T(r.Lang, titleID, nil), d)
	if r.Method == http.MethodGet && h.Sessions != nil {
		p.Flash = h.Sessions.PopString(r.Context(), profileFlashKey)
	}
	return p
}

// profileUpdate saves an edit of the signed-in applicant's profile. On
// validation problems it calls rerender; on success it redirects to target
// with the message flashID.
func (h *Handler) profileUpdate(w http.ResponseWriter, r *request, edit func(*profile.Profile) error,
	rerender func(valid.Problems) error, flashID, target string) error {
	_, err := h.App.UpdateProfile(r.Context(), r.User, edit)
	var ps valid.Problems
	switch {
	case errors.As(err, &ps):
		return rerender(ps)
	case errors.Is(err, app.ErrNotFound):
		return errNotFound
	case errors.Is(err, app.ErrForbidden):
		return errForbidden
	case err != nil:
		return err
	}
	h.Sessions.Put(r.Context(), profileFlashKey, h.Msgs.T(r.Lang, flashID, nil))
	http.Redirect(w, r.Request, target, http.StatusSeeOther)
	return nil
}

func (h *Handler) profileURL(r *request, rest string) string {
	return "/" + string(r.Lang) + "/profile" + rest
}

// ---- Sections with one form each: contact, languages, eligibility, locations, skills.

// profileSection is a part of the profile edited as a whole on one page.
type profileSection struct {
	name   string // URL segment and section name
	values func(p *profile.Profile) url.Values
	// apply reads the form into p, returning how profile field names map
	// to the form's and any problem found before validation.
	apply func(h *Handler, v url.Values, p *profile.Profile) (func(string) (string, bool), valid.Problems)
	// rows sets up the rows of list forms (nil: none).
	rows func(d *profileView, p *profile.Profile, fromProfile bool)
}

var profileSections = []profileSection{
	{name: "contact", values: profileContactValues, apply: profileApplyContact},
	{name: "languages", values: profileLanguageValues, apply: profileApplyLanguages},
	{name: "eligibility", values: profileEligibilityValues, apply: profileApplyEligibility},
	{name: "locations", values: profileLocationValues, apply: profileApplyLocations, rows: profileLocationRows},
	{name: "skills", values: profileSkillValues, apply: profileApplySkills, rows: profileSkillRows},
}

func (h *Handler) profileSectionForm(w http.ResponseWriter, r *request, s profileSection) error {
	p, err := h.App.Profile(r.Context(), r.User)
	if err != nil {
		return err
	}
	return h.renderProfileSection(w, r, http.StatusOK, s, p, s.values(p), nil, true)
}

func (h *Handler) renderProfileSection(w http.ResponseWriter, r *request, status int, s profileSection, p *profile.Profile,
	v url.Values, probs valid.Problems, fromProfile bool) error {
	d := newProfileView(v, h.profileURL(r, "/"+s.name))
	h.profileOptions(d, r.Lang, p)
	if s.rows != nil {
		s.rows(d, p, fromProfile)
	}
	if probs != nil {
		rename := profileSame
		if s.apply != nil {
			rename, _ = s.apply(h, v, p.Clone())
		}
		d.addProblems(r.Lang, probs, s.name, rename)
	}
	return h.R.Render(w, status, "profile_"+s.name, h.profilePage(r, "profile."+s.name+".title", d))
}

func (h *Handler) profileSectionSave(w http.ResponseWriter, r *request, s profileSection) error {
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	v := r.PostForm
	edit := func(p *profile.Profile) error {
		if _, ps := s.apply(h, v, p); ps != nil {
			return ps
		}
		return nil
	}
	rerender := func(ps valid.Problems) error {
		p, err := h.App.Profile(r.Context(), r.User)
		if err != nil {
			return err
		}
		return h.renderProfileSection(w, r, http.StatusUnprocessableEntity, s, p, v, ps, false)
	}
	return h.profileUpdate(w, r, edit, rerender, "profile.saved."+s.name, h.profileURL(r, ""))
}

func profileContactValues(p *profile.Profile) url.Values {
	v := url.Values{}
	profileSet(v, profile.FieldName, p.Name)
	profileSet(v, profile.FieldEmail, p.Email)
	profileSet(v, profile.FieldPhone, p.Phone)
	profileSet(v, profile.FieldCity, p.City)
	profileSet(v, profile.FieldProvince, p.Province)
	return v
}

var profileContactOrder = []string{profile.FieldName, profile.FieldEmail, profile.FieldPhone, profile.FieldCity, profile.FieldProvince}

func profileApplyContact(h *Handler, v url.Values, p *profile.Profile) (func(string) (string, bool), valid.Problems) {
	p.Name = strings.TrimSpace(v.Get(profile.FieldName))
	p.Email = strings.TrimSpace(v.Get(profile.FieldEmail))
	p.Phone = strings.TrimSpace(v.Get(profile.FieldPhone))
	p.City = v.Get(profile.FieldCity)
	p.Province = v.Get(profile.FieldProvince)
	if c, ok := posting.CityByCode(p.City); ok && p.Province == "" {
		p.Province = c.Province // the city says which
	}
	// A name and an email are required here; report them with any other
	// problem of this form, in the form's order.
	req := p.RequireContact()
	if req == nil {
		return profileSame, nil
	}
	for _, pr := range p.Validate(h.App.ProfileRefs()) {
		if profile.Section(pr.Field) == "contact" {
			req = append(req, pr)
		}
	}
	slices.SortStableFunc(req, func(a, b valid.Problem) int {
		return slices.Index(profileContactOrder, a.Field) - slices.Index(profileContactOrder, b.Field)
	})
	return profileSame, req
}

func profileLanguageValues(p *profile.Profile) url.Values {
	v := url.Values{}
	profileSet(v, profile.FieldFirstLanguage, p.Languages.First)
	profileSet(v, profile.FieldEnglish, string(p.Languages.English))
	profileSet(v, profile.FieldFrench, string(p.Languages.French))
	return v
}

func profileApplyLanguages(_ *Handler, v url.Values, p *profile.Profile) (func(string) (string, bool), valid.Problems) {
	p.Languages = profile.Languages{
		First:   v.Get(profile.FieldFirstLanguage),
		English: profile.Level(v.Get(profile.FieldEnglish)),
		French:  profile.Level(v.Get(profile.FieldFrench)),
	}
	return profileSame, nil
}

func profileEligibilityValues(p *profile.Profile) url.Values {
	v := url.Values{}
	profileSet(v, profile.FieldWorkEligibility, string(p.WorkEligibility))
	return v
}

func profileApplyEligibility(_ *Handler, v url.Values, p *profile.Profile) (func(string) (string, bool), valid.Problems) {
	p.WorkEligibility = profile.WorkEligibility(v.Get(profile.FieldWorkEligibility))
	return profileSame, nil
}

func profileLocationValues(p *profile.Profile) url.Values {
	v := url.Values{}
	for i, loc := range p.PreferredLocations {
		v.Set(profile.LocationField(i), loc)
	}
	if p.RemoteOK {
		v.Set("remote_ok", "yes")
	}
	return v
}

// profileApplyLocations reads the ranked choices, closing gaps: a second choice
// with no first becomes the first.
func profileApplyLocations(_ *Handler, v url.Values, p *profile.Profile) (func(string) (string, bool), valid.Problems) {
	p.PreferredLocations = nil
	names := map[string]string{profile.FieldLocations: profile.LocationField(0)}
	for i := range profile.MaxLocations {
		if loc := v.Get(profile.LocationField(i)); loc != "" {
			names[profile.LocationField(len(p.PreferredLocations))] = profile.LocationField(i)
			p.PreferredLocations = append(p.PreferredLocations, loc)
		}
	}
	p.RemoteOK = v.Get("remote_ok") == "yes"
	return profileRenamer(names), nil
}

func profileLocationRows(d *profileView, _ *profile.Profile, _ bool) {
	d.Locations = rows(profile.MaxLocations)
}

func profileRenamer(names map[string]string) func(string) (string, bool) {
	return func(f string) (string, bool) {
		n, ok := names[f]
		return n, ok
	}
}

// profileSkillRow is one skill on the skills form.
type profileSkillRow struct {
	Index    int
	Existing bool   // a skill already in the profile: its competency is fixed
	Name     string // the competency's name, for existing skills
	Evidence []int
}

func profileSkillValues(p *profile.Profile) url.Values {
	v := url.Values{}
	for i, s := range p.Skills {
		v.Set(profile.SkillField(i, "competency"), s.Competency)
		v.Set(profile.SkillField(i, "existing"), "yes")
		for j, e := range s.Evidence {
			v.Set(profile.EvidenceField(i, j, "experience"), strconv.FormatInt(e.ExperienceID, 10))
			v.Set(profile.EvidenceField(i, j, "text"), e.Text)
		}
	}
	return v
}

// profileMaxSkillRows bounds the rows read from a skills form.
const profileMaxSkillRows = profile.MaxSkills + 1

// profileApplySkills reads the skills form: existing skills (unless removed) and
// the new one, each with the examples that have anything in them. Rows and
// examples left blank are ignored, so a cleared example is a deleted one.
func profileApplySkills(_ *Handler, v url.Values, p *profile.Profile) (func(string) (string, bool), valid.Problems) {
	p.Skills = nil
	names := map[string]string{}
	for i := range profileMaxSkillRows {
		key := profile.SkillField(i, "competency")
		if !v.Has(key) || v.Get(profile.SkillField(i, "remove")) != "" {
			continue
		}
		pi := len(p.Skills)
		s := profile.Skill{Competency: v.Get(key)}
		for j := range profile.MaxEvidencePerSkill + 1 {
			xf, tf := profile.EvidenceField(i, j, "experience"), profile.EvidenceField(i, j, "text")
			text := strings.TrimSpace(v.Get(tf))
			if v.Get(xf) == "" && text == "" {
				continue
			}
			id, _ := strconv.ParseInt(v.Get(xf), 10, 64)
			pj := len(s.Evidence)
			names[profile.EvidenceField(pi, pj, "experience")] = xf
			names[profile.EvidenceField(pi, pj, "text")] = tf
			s.Evidence = append(s.Evidence, profile.Evidence{ExperienceID: id, Text: text})
		}
		if s.Competency == "" && len(s.Evidence) == 0 {
			continue // the blank row for a new skill
		}
		names[profile.SkillField(pi, "competency")] = key
		names[profile.SkillField(pi, "evidence")] = profile.EvidenceField(i, 0, "experience")
		p.Skills = append(p.Skills, s)
	}
	return profileRenamer(names), nil
}

// profileSkillRows lays out the skills form: from the profile, each skill with its
// examples and room for one more, then a row for a new skill; after a
// refused save, exactly the rows that were submitted.
func profileSkillRows(d *profileView, p *profile.Profile, fromProfile bool) {
	names := map[string]string{}
	for _, o := range d.Options["competencies"] {
		names[o.Value] = o.Label
	}
	if fromProfile {
		for i, s := range p.Skills {
			n := min(len(s.Evidence)+1, profile.MaxEvidencePerSkill)
			// A skill no longer in the catalog shows as a choice to make again.
			d.Skills = append(d.Skills, profileSkillRow{Index: i, Existing: names[s.Competency] != "", Name: names[s.Competency], Evidence: rows(n)})
		}
		if len(p.Skills) < profile.MaxSkills {
			d.Skills = append(d.Skills, profileSkillRow{Index: len(p.Skills), Evidence: rows(1)})
		}
		return
	}
	for i := range profileMaxSkillRows {
		if !d.V.Has(profile.SkillField(i, "competency")) {
			continue
		}
		n := 0
		for j := range profile.MaxEvidencePerSkill + 1 {
			if d.V.Has(profile.EvidenceField(i, j, "text")) {
				n = j + 1
			}
		}
		existing := d.V.Get(profile.SkillField(i, "existing")) != ""
		name := names[d.V.Get(profile.SkillField(i, "competency"))]
		d.Skills = append(d.Skills, profileSkillRow{Index: i, Existing: existing && name != "", Name: name, Evidence: rows(max(n, 1))})
	}
}

// ---- Lists of entries: education and experiences.

// profileItemKind is a list of entries with a page each for adding and editing.
type profileItemKind struct {
	name   string // URL segment and section name
	fields []string
	field  func(i int, f string) string // the profile's name of field f of entry i
	find   func(p *profile.Profile, id int64) (int, bool)
	values func(p *profile.Profile, i int) url.Values
	apply  func(v url.Values, p *profile.Profile, i int) // i == len: append
	delete func(p *profile.Profile, id int64) bool
	count  func(p *profile.Profile) int
	view   func(h *Handler, l lang.Lang, p *profile.Profile, i int) profileItemView
}

// profileItemView is an entry as the lists show it.
type profileItemView struct {
	ID            int64
	Title, Detail string
	Dates         string
	Description   string
}

var profileItemKinds = []profileItemKind{
	{
		name:   "education",
		fields: []string{"institution", "program", "level", "status", "graduated"},
		field:  profile.EducationField,
		find: func(p *profile.Profile, id int64) (int, bool) {
			_, i, ok := p.EducationByID(id)
			return i, ok
		},
		values: func(p *profile.Profile, i int) url.Values {
			e := p.Education[i]
			v := url.Values{}
			profileSet(v, "institution", e.Institution)
			profileSet(v, "program", e.Program)
			profileSet(v, "level", string(e.Level))
			profileSet(v, "status", string(e.Status))
			profileSet(v, "graduated", e.Graduated)
			return v
		},
		apply: func(v url.Values, p *profile.Profile, i int) {
			if i == len(p.Education) {
				p.Education = append(p.Education, profile.Education{})
			}
			e := &p.Education[i]
			e.Institution, e.Program = v.Get("institution"), v.Get("program")
			e.Level, e.Status = profile.EducationLevel(v.Get("level")), profile.EducationStatus(v.Get("status"))
			e.Graduated = v.Get("graduated")
		},
		delete: (*profile.Profile).DeleteEducation,
		count:  func(p *profile.Profile) int { return len(p.Education) },
		view:   profileEducationView,
	},
	{
		name:   "experiences",
		fields: []string{"kind", "title", "organization", "start", "end", "description"},
		field:  profile.ExperienceField,
		find: func(p *profile.Profile, id int64) (int, bool) {
			_, i, ok := p.ExperienceByID(id)
			return i, ok
		},
		values: func(p *profile.Profile, i int) url.Values {
			x := p.Experiences[i]
			v := url.Values{}
			profileSet(v, "kind", string(x.Kind))
			profileSet(v, "title", x.Title)
			profileSet(v, "organization", x.Organization)
			profileSet(v, "start", x.Start)
			profileSet(v, "end", x.End)
			profileSet(v, "description", x.Description)
			return v
		},
		apply: func(v url.Values, p *profile.Profile, i int) {
			if i == len(p.Experiences) {
				p.Experiences = append(p.Experiences, profile.Experience{})
			}
			x := &p.Experiences[i]
			x.Kind, x.Title, x.Organization = profile.ExperienceKind(v.Get("kind")), v.Get("title"), v.Get("organization")
			x.Start, x.End, x.Description = v.Get("start"), v.Get("end"), v.Get("description")
		},
		delete: (*profile.Profile).DeleteExperience,
		count:  func(p *profile.Profile) int { return len(p.Experiences) },
		view:   profileExperienceView,
	},
}

func profileEducationView(h *Handler, l lang.Lang, p *profile.Profile, i int) profileItemView {
	e := p.Education[i]
	d := profileItemView{ID: e.ID, Title: e.Program, Detail: e.Institution}
	parts := []string{e.Level.Name(l), e.Status.Name(l)}
	if e.Graduated != "" {
		id := "profile.graduation.expected"
		if e.Status == profile.Graduated {
			id = "profile.graduation.done"
		}
		parts = append(parts, h.Msgs.T(l, id, map[string]any{"Month": profileMonth(e.Graduated, l)}))
	}
	d.Dates = strings.Join(nonEmptyValues(parts), " · ")
	return d
}

func profileExperienceView(h *Handler, l lang.Lang, p *profile.Profile, i int) profileItemView {
	x := p.Experiences[i]
	d := profileItemView{ID: x.ID, Title: x.Title, Detail: strings.Join(nonEmptyValues([]string{x.Kind.Name(l), x.Organization}), " · "), Description: x.Description}
	switch {
	case x.Start != "" && x.End != "":
		d.Dates = h.Msgs.T(l, "profile.dates.range", map[string]any{"Start": profileMonth(x.Start, l), "End": profileMonth(x.End, l)})
	case x.Start != "":
		d.Dates = h.Msgs.T(l, "profile.dates.since", map[string]any{"Start": profileMonth(x.Start, l)})
	}
	return d
}

// profileItemID reads the entry id from the URL; any malformed id is not found.
func profileItemID(r *request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

func (h *Handler) profileItemList(w http.ResponseWriter, r *request, k profileItemKind) error {
	p, err := h.App.Profile(r.Context(), r.User)
	if err != nil {
		return err
	}
	return h.renderProfileItems(w, r, http.StatusOK, k, p, 0, url.Values{}, nil)
}

func (h *Handler) profileItemEdit(w http.ResponseWriter, r *request, k profileItemKind) error {
	id, ok := profileItemID(r)
	if !ok {
		return errNotFound
	}
	p, err := h.App.Profile(r.Context(), r.User)
	if err != nil {
		return err
	}
	i, ok := k.find(p, id)
	if !ok {
		return errNotFound // someone else's entry, or one deleted: never say which
	}
	return h.renderProfileItems(w, r, http.StatusOK, k, p, id, k.values(p, i), nil)
}

// renderProfileItems shows the list with the add form (id 0) or the form
// editing entry id, with problems whose entry index is index.
func (h *Handler) renderProfileItems(w http.ResponseWriter, r *request, status int, k profileItemKind, p *profile.Profile,
	id int64, v url.Values, probs valid.Problems, index ...int) error {
	d := newProfileView(v, h.profileURL(r, "/"+k.name))
	d.ID = id
	h.profileOptions(d, r.Lang, p)
	title := "profile." + k.name + ".title"
	if id != 0 {
		d.Action += "/" + strconv.FormatInt(id, 10)
		d.Evidence = p.EvidenceCount(id)
		title = "profile." + k.name + ".edit"
	} else {
		for i := range k.count(p) {
			d.Items = append(d.Items, k.view(h, r.Lang, p, i))
		}
	}
	if len(index) > 0 {
		prefix := k.field(index[0], "")
		d.addProblems(r.Lang, probs, k.name, func(f string) (string, bool) {
			name, ok := strings.CutPrefix(f, prefix)
			return name, ok && slices.Contains(k.fields, name)
		})
	}
	return h.R.Render(w, status, "profile_"+k.name, h.profilePage(r, title, d))
}

func (h *Handler) profileItemSave(w http.ResponseWriter, r *request, k profileItemKind, update bool) error {
	var id int64
	if update {
		var ok bool
		if id, ok = profileItemID(r); !ok {
			return errNotFound
		}
	}
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	v := url.Values{}
	for _, f := range k.fields {
		v.Set(f, strings.TrimSpace(r.PostForm.Get(f)))
	}
	if f := "description"; slices.Contains(k.fields, f) {
		v.Set(f, strings.TrimRight(r.PostForm.Get(f), " \t\r\n")) // keep the text's inner layout
	}
	index := -1
	edit := func(p *profile.Profile) error {
		index = k.count(p)
		if update {
			i, ok := k.find(p, id)
			if !ok {
				return app.ErrNotFound
			}
			index = i
		}
		k.apply(v, p, index)
		return nil
	}
	rerender := func(ps valid.Problems) error {
		p, err := h.App.Profile(r.Context(), r.User)
		if err != nil {
			return err
		}
		return h.renderProfileItems(w, r, http.StatusUnprocessableEntity, k, p, id, v, ps, index)
	}
	target := h.profileURL(r, "")
	if r.PostForm.Get("more") != "" {
		target = h.profileURL(r, "/"+k.name)
	}
	flash := "profile.saved." + k.name
	if !update {
		flash = "profile.added." + k.name
	}
	return h.profileUpdate(w, r, edit, rerender, flash, target)
}

func (h *Handler) profileItemDelete(w http.ResponseWriter, r *request, k profileItemKind) error {
	id, ok := profileItemID(r)
	if !ok {
		return errNotFound
	}
	edit := func(p *profile.Profile) error {
		if !k.delete(p, id) {
			return app.ErrNotFound
		}
		return nil
	}
	rerender := func(ps valid.Problems) error { return ps } // deleting cannot add a problem
	return h.profileUpdate(w, r, edit, rerender, "profile.deleted."+k.name, h.profileURL(r, ""))
}

// ---- The employment-equity self-declaration, kept apart from the profile.

type profileEquityView struct {
	Groups   []docOption
	Answered bool
	Declined bool // answered, and preferred not to say
	Chosen   []string
	At       string // when the answer was given
}

func (h *Handler) profileEquityForm(w http.ResponseWriter, r *request) error {
	groups, at, answered, err := h.App.EquityDeclaration(r.Context(), r.User)
	if err != nil {
		return err
	}
	v := url.Values{}
	for _, g := range groups {
		v.Add("groups", string(g))
	}
	return h.renderProfileEquity(w, r, http.StatusOK, v, nil, groups, at, answered)
}

func (h *Handler) renderProfileEquity(w http.ResponseWriter, r *request, status int, v url.Values, probs valid.Problems,
	saved []profile.EquityGroup, at time.Time, answered bool) error {
	d := newProfileView(v, h.profileURL(r, "/equity"))
	e := &profileEquityView{Answered: answered, Declined: answered && len(saved) == 0}
	if answered {
		e.At = posting.FormatDate(at, r.Lang)
	}
	for _, g := range saved {
		e.Chosen = append(e.Chosen, g.Name(r.Lang))
	}
	for _, g := range profile.EquityGroups {
		e.Groups = append(e.Groups, docOption{Code: string(g), Name: g.Name(r.Lang), Checked: slices.Contains(v["groups"], string(g))})
	}
	d.Equity = e
	d.addProblems(r.Lang, probs, "equity", func(f string) (string, bool) { return "groups-0", f == "groups" })
	return h.R.Render(w, status, "profile_equity", h.profilePage(r, "profile.equity.title", d))
}

func (h *Handler) profileEquitySave(w http.ResponseWriter, r *request) error {
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	v := r.PostForm
	var groups []profile.EquityGroup
	flash := "profile.saved.equity"
	if v.Get("none") != "" {
		flash = "profile.cleared.equity"
	} else {
		for _, g := range v["groups"] {
			groups = append(groups, profile.EquityGroup(g))
		}
		if len(groups) == 0 {
			flash = "profile.cleared.equity"
		}
	}
	err := h.App.SaveEquityDeclaration(r.Context(), r.User, groups)
	var ps valid.Problems
	switch {
	case errors.As(err, &ps):
		saved, at, answered, err := h.App.EquityDeclaration(r.Context(), r.User)
		if err != nil {
			return err
		}
		return h.renderProfileEquity(w, r, http.StatusUnprocessableEntity, v, ps, saved, at, answered)
	case errors.Is(err, app.ErrForbidden):
		return errForbidden
	case err != nil:
		return err
	}
	h.Sessions.Put(r.Context(), profileFlashKey, h.Msgs.T(r.Lang, flash, nil))
	http.Redirect(w, r.Request, h.profileURL(r, ""), http.StatusSeeOther)
	return nil
}

// ---- The overview.

type profileOverviewView struct {
	P           *profile.Profile
	Missing     []profileProblem // what applications need, linking to where to add it
	City        string
	Province    string
	Education   []profileItemView
	Experiences []profileItemView
	Skills      []profileSkillView
	First       string
	English     string
	French      string
	Eligibility string
	Locations   []string
	Equity      string // the state of the self-declaration, in words
}

type profileSkillView struct {
	Name     string
	Evidence []string // the titles of the experiences that show it
}

func (h *Handler) profileOverview(w http.ResponseWriter, r *request) error {
	p, err := h.App.Profile(r.Context(), r.User)
	if err != nil {
		return err
	}
	l := r.Lang
	o := h.profileSummary(l, p)
	groups, _, answered, err := h.App.EquityDeclaration(r.Context(), r.User)
	if err != nil {
		return err
	}
	switch {
	case !answered:
		o.Equity = h.Msgs.T(l, "profile.equity.none", nil)
	case len(groups) == 0:
		o.Equity = h.Msgs.T(l, "profile.equity.declined", nil)
	default:
		o.Equity = h.Msgs.T(l, "profile.equity.answered", nil)
	}
	d := newProfileView(url.Values{}, "")
	d.Overview = o
	return h.R.Render(w, http.StatusOK, "profile", h.profilePage(r, "profile.title", d))
}

// profileSummary is profile p in words, in l: everything but the equity
// self-declaration, which no one but the applicant sees. Applications show
// it too (the profile as it will be, or was, submitted).
func (h *Handler) profileSummary(l lang.Lang, p *profile.Profile) *profileOverviewView {
	o := &profileOverviewView{P: p}
	for _, f := range p.Missing() {
		o.Missing = append(o.Missing, profileProblem{Href: "/" + string(l) + "/profile/" + profile.Section(f) + "#" + f, Msg: profile.Label(f, l)})
	}
	if c, ok := posting.CityByCode(p.City); ok {
		o.City = c.Name.In(l)
	}
	if pr, ok := posting.ProvinceByCode(p.Province); ok {
		o.Province = pr.Name.In(l)
	}
	for _, k := range profileItemKinds {
		for i := range k.count(p) {
			if k.name == "education" {
				o.Education = append(o.Education, k.view(h, l, p, i))
			} else {
				o.Experiences = append(o.Experiences, k.view(h, l, p, i))
			}
		}
	}
	cat := h.App.Catalog()
	for _, s := range p.Skills {
		sv := profileSkillView{Name: s.Competency}
		if c, ok := cat.Competency(s.Competency); ok {
			sv.Name = c.Name.In(l)
		}
		for _, e := range s.Evidence {
			if x, _, ok := p.ExperienceByID(e.ExperienceID); ok {
				sv.Evidence = append(sv.Evidence, x.Title)
			}
		}
		o.Skills = append(o.Skills, sv)
	}
	o.First = profile.FirstLanguageName(p.Languages.First, l)
	o.English, o.French = p.Languages.English.Name(l), p.Languages.French.Name(l)
	o.Eligibility = p.WorkEligibility.Name(l)
	for _, loc := range p.PreferredLocations {
		o.Locations = append(o.Locations, profilePlace(loc, l))
	}
	return o
}

// ---- Shared helpers.

// profileOptions fills the choices the profile's forms offer.
func (h *Handler) profileOptions(d *profileView, l lang.Lang, p *profile.Profile) {
	o := d.Options
	for _, c := range posting.Cities {
		o["cities"] = append(o["cities"], option{Value: c.Code, Label: profilePlace(c.Code, l)})
	}
	for _, pr := range posting.Provinces {
		o["provinces"] = append(o["provinces"], option{Value: pr.Code, Label: pr.Name.In(l)})
	}
	for _, pr := range posting.Provinces {
		o["regions"] = append(o["regions"], option{Value: pr.Code, Label: h.Msgs.T(l, "profile.locations.anywhere", map[string]any{"Place": pr.Name.In(l)})})
	}
	for _, v := range profile.EducationLevels {
		o["levels"] = append(o["levels"], option{Value: string(v), Label: v.Name(l)})
	}
	for _, v := range profile.EducationStatuses {
		o["statuses"] = append(o["statuses"], option{Value: string(v), Label: v.Name(l)})
	}
	for _, v := range profile.ExperienceKinds {
		o["kinds"] = append(o["kinds"], option{Value: string(v), Label: v.Name(l)})
	}
	for _, v := range profile.Levels {
		o["abilities"] = append(o["abilities"], option{Value: string(v), Label: v.Name(l)})
	}
	for _, v := range profile.WorkEligibilities {
		o["eligibilities"] = append(o["eligibilities"], option{Value: string(v), Label: v.Name(l)})
	}
	for _, v := range profile.FirstLanguages {
		o["first"] = append(o["first"], option{Value: v, Label: profile.FirstLanguageName(v, l)})
	}
	for _, c := range h.App.Catalog().Competencies() {
		o["competencies"] = append(o["competencies"], option{Value: c.Code, Label: c.Name.In(l)})
	}
	slices.SortStableFunc(o["competencies"], func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	for _, x := range p.Experiences {
		label := x.Title
		if x.Organization != "" {
			label += " – " + x.Organization
		}
		o["experiences"] = append(o["experiences"], option{Value: strconv.FormatInt(x.ID, 10), Label: label})
	}
	d.HasExperience = len(p.Experiences) > 0
}

// profilePlace names a preferred location: "Toronto, Ontario" for a city,
// the province's name for a province.
func profilePlace(code string, l lang.Lang) string {
	if c, ok := posting.CityByCode(code); ok {
		return posting.Location{City: c.Code, Province: c.Province}.Place(l)
	}
	if pr, ok := posting.ProvinceByCode(code); ok {
		return pr.Name.In(l)
	}
	return code
}

var profileMonths = map[lang.Lang][12]string{
	lang.EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	lang.FR: {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
}

// profileMonth writes a YYYY-MM month out: "September 2024", "septembre 2024".
func profileMonth(s string, l lang.Lang) string {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return s
	}
	return fmt.Sprintf("%s %d", profileMonths[l][t.Month()-1], t.Year())
}

func profileSet(v url.Values, k, s string) {
	if s != "" {
		v.Set(k, s)
	}
}
