package posting

import (
	"strconv"
	"strings"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/search"
)

// PublicPath is the canonical address of a public posting in l, e.g.
// /en/jobs/12-data-co-op. Any slug after the id reaches the same page.
func PublicPath(l lang.Lang, id int64, title lang.Text) string {
	path := "/" + string(l) + "/jobs/" + strconv.FormatInt(id, 10)
	if s := Slug(title.In(l)); s != "" {
		path += "-" + s
	}
	return path
}

// PublicPaths gives PublicPath in both languages.
func PublicPaths(id int64, title lang.Text) lang.Text {
	return lang.T(PublicPath(lang.EN, id, title), PublicPath(lang.FR, id, title))
}

// Slug turns a title into a URL segment: lower-case ASCII words joined by
// hyphens, accents folded ("Données" gives "donnees"), at most about 60 bytes.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range search.Fold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if b.Len() >= 60 {
			break
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
