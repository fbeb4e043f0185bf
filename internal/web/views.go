package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

// summaryView is one search result with its texts resolved for the page's
// language, as resultsHTML prints it.
type summaryView struct {
	URL, Title, Org string
	Places          string // the places and work mode, or "" when there are none
	Salary          string // "" when not stated
	Open            bool
	ClosesISO       string
	Closing         string
}

// summaries resolves a list of results for l at instant now.
func (r *Renderer) summaries(l lang.Lang, items []*app.Summary, now time.Time) []summaryView {
	out := make([]summaryView, len(items))
	for i, s := range items {
		v := summaryView{URL: s.Paths.In(l), Title: s.Title.In(l), Org: s.OrgName.In(l), Open: s.Open(now)}
		if len(s.Locations) > 0 {
			var b strings.Builder
			for j, loc := range s.Locations {
				if j > 0 {
					b.WriteString("; ")
				}
				b.WriteString(loc.Place(l))
			}
			b.WriteString(" (" + r.msgs.T(l, "mode."+string(s.WorkMode), nil) + ")")
			v.Places = b.String()
		}
		if s.Salary.Stated() {
			v.Salary = s.Salary.Format(l)
		}
		if v.Open {
			v.ClosesISO = s.ClosesAt.Format(time.RFC3339)
			v.Closing = posting.FormatDateTime(s.ClosingLocal(), l)
		}
		out[i] = v
	}
	return out
}

// resultsHTML renders search results as the items of a <ul class="results">.
// A page lists up to 100 of them, so they are built here in one pass rather
// than by about ten template actions each; every text is HTML-escaped.
func (r *Renderer) resultsHTML(l lang.Lang, items []*app.Summary, now time.Time) template.HTML {
	if len(items) == 0 {
		return ""
	}
	var (
		org      = template.HTMLEscapeString(r.msgs.T(l, "job.organization", nil))
		location = template.HTMLEscapeString(r.msgs.T(l, "job.location", nil))
		salary   = template.HTMLEscapeString(r.msgs.T(l, "job.salary", nil))
		closes   = template.HTMLEscapeString(r.msgs.T(l, "job.closes", nil))
		closed   = template.HTMLEscapeString(r.msgs.T(l, "job.closed.short", nil))
	)
	var b strings.Builder
	b.Grow(len(items) * 700)
	for _, v := range r.summaries(l, items, now) {
		b.WriteString("\n<li class=\"result\">\n  <h3><a href=\"")
		writeEscaped(&b, v.URL)
		b.WriteString("\">")
		writeEscaped(&b, v.Title)
		b.WriteString("</a></h3>\n  <dl class=\"facts\">\n    <div><dt>" + org + "</dt><dd>")
		writeEscaped(&b, v.Org)
		b.WriteString("</dd></div>\n    ")
		if v.Places != "" {
			b.WriteString("<div><dt>" + location + "</dt><dd>")
			writeEscaped(&b, v.Places)
			b.WriteString("</dd></div>")
		}
		b.WriteString("\n    ")
		if v.Salary != "" {
			b.WriteString("<div><dt>" + salary + "</dt><dd>")
			writeEscaped(&b, v.Salary)
			b.WriteString("</dd></div>")
		}
		b.WriteString("\n    <div><dt>" + closes + "</dt><dd>")
		if v.Open {
			b.WriteString("<time datetime=\"")
			writeEscaped(&b, v.ClosesISO)
			b.WriteString("\">")
			writeEscaped(&b, v.Closing)
			b.WriteString("</time>")
		} else {
			b.WriteString(closed)
		}
		b.WriteString("</dd></div>\n  </dl>\n</li>\n")
	}
	return template.HTML(b.String())
}

// facetOptionsHTML writes a facet's checkboxes. There are about 150 on a search
// page, so they are built here in one pass rather than by template actions;
// every value and label is HTML-escaped.
func facetOptionsHTML(fv facetView) template.HTML {
	var b strings.Builder
	name := template.HTMLEscapeString(fv.Name)
	for i, o := range fv.Options {
		id := "f-" + name + "-" + strconv.Itoa(i)
		b.WriteString("\n      <div class=\"check\">\n        <input type=\"checkbox\" id=\"")
		b.WriteString(id)
		b.WriteString("\" name=\"")
		b.WriteString(name)
		b.WriteString("\" value=\"")
		b.WriteString(template.HTMLEscapeString(o.Value))
		b.WriteString("\"")
		if o.Checked {
			b.WriteString(" checked")
		}
		b.WriteString(">\n        <label for=\"")
		b.WriteString(id)
		b.WriteString("\">")
		b.WriteString(template.HTMLEscapeString(o.Label))
		b.WriteString(" <span class=\"count\">(")
		b.WriteString(strconv.Itoa(o.Count))
		b.WriteString(")</span></label>\n      </div>\n      ")
	}
	return template.HTML(b.String())
}
