package application

import "github.com/pathways-gov/pathways/internal/profile"

// profileMissing is what the profile package says an application needs
// (profile.Missing): one definition of a complete-enough profile.
func profileMissing(p *profile.Profile) []string { return p.Missing() }
