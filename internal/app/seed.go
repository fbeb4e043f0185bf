package app

import "github.com/pathways-gov/pathways/internal/posting"

// SynthRefs gives the synthetic posting generator the catalog's codes, so seeded
// postings refer only to programs, streams, levels and organizations that exist.
func (a *App) SynthRefs() posting.SynthRefs {
	c := a.Catalog()
	refs := posting.SynthRefs{Now: a.Now()}
	for _, o := range c.Organizations() {
		refs.Orgs = append(refs.Orgs, o.Code)
	}
	for _, p := range c.Programs() {
		sp := posting.SynthProgram{Code: p.Code, Types: programTypes(p.Code)}
		for _, s := range c.Streams(p.Code) {
			sp.Streams = append(sp.Streams, s.Code)
		}
		for _, l := range c.Levels(p.Code) {
			sp.Levels = append(sp.Levels, l.Code)
		}
		refs.Programs = append(refs.Programs, sp)
	}
	return refs
}

// programTypes is the employment a program offers: students in the Ontario
// programs, term and permanent jobs in the Government of Canada's groups.
func programTypes(code string) []posting.EmploymentType {
	switch code {
	case "oip":
		return []posting.EmploymentType{posting.Internship}
	case "ods-coop":
		return []posting.EmploymentType{posting.CoOp, posting.Student}
	}
	return []posting.EmploymentType{posting.Term, posting.Permanent, posting.Student}
}
