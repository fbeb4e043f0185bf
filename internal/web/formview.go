package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/pathways-gov/pathways/internal/posting"
)

// option is one choice in a select or a group of radio buttons.
type option struct {
	Value, Label string
	Group        string // optgroup label, for streams and levels
}

type groupRow struct {
	Index int
	Items []int
}

// formView is what the posting form template receives.
type formView struct {
	V                                                                                url.Values
	New                                                                              bool
	ID                                                                               int64
	Action                                                                           string
	Errs                                                                             map[string][]string // field -> messages in the page's language
	Problems                                                                         []fieldProblem      // the summary at the top, in form order
	Orgs, Programs, Streams, Levels, Cities, Types, Modes, Languages, Periods, Zones []option
	Sections                                                                         []string
	DocumentKinds                                                                    []docOption
	Requirements                                                                     []int
	Groups                                                                           []groupRow
	Locations                                                                        []int
}

type docOption struct {
	Code, Name string
	Checked    bool
}

type fieldProblem struct {
	Field, Msg string
}

// Href is where the error summary's link for the problem leads: its field.
func (p fieldProblem) Href() string { return "#" + p.Field }

func (h *Handler) renderForm(w http.ResponseWriter, r *request, status int, p *posting.Posting, v url.Values, probs posting.Problems) error {
	f := &formView{V: v, New: p.ID == 0, ID: p.ID, Errs: map[string][]string{}, Sections: postingSections}
	f.Action = fmt.Sprintf("/%s/staff/postings", r.Lang)
	if !f.New {
		f.Action = fmt.Sprintf("/%s/staff/postings/%d", r.Lang, p.ID)
	}
	for _, pr := range probs {
		msg := pr.Msg.In(r.Lang)
		f.Errs[pr.Field] = append(f.Errs[pr.Field], msg)
		f.Problems = append(f.Problems, fieldProblem{Field: pr.Field, Msg: msg})
	}
	h.fillOptions(f, r)
	f.Requirements = rows(countRows(v, "eligibility_%d", posting.MaxItems) + spareRequirements)
	ng := countRows(v, "group_%d", 20) + spareGroups
	for i := 0; i < ng; i++ {
		ni := countRows(v, fmt.Sprintf("group_%d_item_%%d", i), posting.MaxItems) + spareItems
		f.Groups = append(f.Groups, groupRow{Index: i, Items: rows(ni)})
	}
	f.Locations = rows(maxLocations)
	for _, k := range posting.DocumentKinds {
		f.DocumentKinds = append(f.DocumentKinds, docOption{Code: string(k), Name: k.Name(r.Lang), Checked: slices.Contains(v["documents"], string(k))})
	}
	title := h.Msgs.T(r.Lang, "staff.form.edit", nil)
	if f.New {
		title = h.Msgs.T(r.Lang, "staff.form.new", nil)
	}
	return h.R.Render(w, status, "staff_form", h.newPage(r, title, f))
}

// countRows returns one more than the highest index i for which any field
// named prefix(i)... has a value.
func countRows(v url.Values, pattern string, max int) int {
	n := 0
	for i := 0; i < max; i++ {
		k := fmt.Sprintf(pattern, i)
		for _, suffix := range []string{"_en", "_fr", "_heading_en", "_heading_fr", "_id"} {
			if v.Get(k+suffix) != "" {
				n = i + 1
			}
		}
	}
	return n
}

func rows(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func (h *Handler) fillOptions(f *formView, r *request) {
	l := r.Lang
	c := h.App.Catalog()
	for _, o := range c.Organizations() {
		if r.User.Role.Scoped() && o.Code != r.User.Org {
			continue
		}
		f.Orgs = append(f.Orgs, option{Value: o.Code, Label: o.Name.In(l)})
	}
	for _, p := range c.Programs() {
		f.Programs = append(f.Programs, option{Value: p.Code, Label: p.Name.In(l)})
		for _, s := range c.Streams(p.Code) {
			f.Streams = append(f.Streams, option{Value: s.Code, Label: s.Name.In(l), Group: p.Name.In(l)})
		}
		for _, lv := range c.Levels(p.Code) {
			f.Levels = append(f.Levels, option{Value: lv.Code, Label: lv.Label.In(l) + " – " + lv.Title.In(l), Group: p.Name.In(l)})
		}
	}
	for _, ci := range posting.Cities {
		pr, _ := posting.ProvinceByCode(ci.Province)
		f.Cities = append(f.Cities, option{Value: ci.Code, Label: ci.Name.In(l) + ", " + pr.Name.In(l)})
	}
	for _, t := range posting.EmploymentTypes {
		f.Types = append(f.Types, option{Value: string(t), Label: h.Msgs.T(l, "type."+string(t), nil)})
	}
	for _, m := range posting.WorkModes {
		f.Modes = append(f.Modes, option{Value: string(m), Label: h.Msgs.T(l, "mode."+string(m), nil)})
	}
	for _, x := range posting.LanguageRequirements {
		f.Languages = append(f.Languages, option{Value: string(x), Label: h.Msgs.T(l, "languages."+string(x), nil)})
	}
	for _, p := range posting.Periods {
		f.Periods = append(f.Periods, option{Value: string(p), Label: posting.PeriodName(p, l)})
	}
	for _, z := range posting.TimeZones {
		f.Zones = append(f.Zones, option{Value: z, Label: h.Msgs.T(l, "zone."+z, nil)})
	}
}
