package auth

// Action is something a user may be allowed to do. Access is decided once, by
// Can (and PostingScope for list queries), from the table grants below.
type Action string

// The actions. Posting actions concern one organization's postings; the others
// concern the platform as a whole and ignore the organization given to Can.
const (
	// ViewStaffArea opens /{lang}/staff/ at all.
	ViewStaffArea Action = "staff.view"
	// ManagePostings lists and previews an organization's postings in the staff area.
	ManagePostings Action = "posting.view"
	// CreatePosting starts a new draft for an organization.
	CreatePosting Action = "posting.create"
	// EditPosting edits (and previews) a draft.
	EditPosting Action = "posting.edit"
	// PublishPosting makes a posting public.
	PublishPosting Action = "posting.publish"
	// ClosePosting closes a posting to applications before its closing date.
	ClosePosting Action = "posting.close"
	// ArchivePosting takes a closed posting out of the staff lists.
	ArchivePosting Action = "posting.archive"
	// EditCatalog changes programs, streams, levels, competencies and organizations.
	EditCatalog Action = "catalog.edit"
	// ViewAuditLog reads who did what.
	ViewAuditLog Action = "audit.view"
	// ViewOutbox reads the messages the platform sent or will send (they carry
	// applicants' personal information).
	ViewOutbox Action = "outbox.view"
	// ManageUsers creates, changes and disables accounts, staff ones included.
	ManageUsers Action = "users.manage"
	// ViewApplications reads the submitted applications to an organization's
	// postings (every read is recorded in the audit log).
	ViewApplications Action = "application.view"
	// MoveApplication moves an application through its statuses (screening,
	// assessment, offer).
	MoveApplication Action = "application.move"
	// ViewAccommodation reads an applicant's private accommodation request:
	// only the organization's HR advisors handle those.
	ViewAccommodation Action = "application.accommodation"
)

// Actions lists every action.
var Actions = []Action{
	ViewStaffArea, ManagePostings, CreatePosting, EditPosting, PublishPosting,
	ClosePosting, ArchivePosting, EditCatalog, ViewAuditLog, ViewOutbox, ManageUsers,
	ViewApplications, MoveApplication, ViewAccommodation,
}

// grant is how far a role may take an action.
type grant int

const (
	deny    grant = iota
	ownOrg        // only on resources of the user's own organization
	allOrgs       // on every organization's resources, and on resources of none
)

// grants is the policy. A missing entry denies. Hiring managers author drafts
// for their organization (create, edit, preview) but do not publish, close or
// archive: as in Ontario Public Service and Government of Canada practice, the
// HR advisor of the organization publishes. Program admins act on every
// organization's postings and edit the catalog; platform admins may do
// everything, including managing accounts. Applicants have no staff action.
var grants = map[Action]map[Role]grant{
	ViewStaffArea:  {HiringManager: allOrgs, HRAdvisor: allOrgs, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	ManagePostings: {HiringManager: ownOrg, HRAdvisor: ownOrg, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	CreatePosting:  {HiringManager: ownOrg, HRAdvisor: ownOrg, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	EditPosting:    {HiringManager: ownOrg, HRAdvisor: ownOrg, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	PublishPosting: {HRAdvisor: ownOrg, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	ClosePosting:   {HRAdvisor: ownOrg, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	ArchivePosting: {HRAdvisor: ownOrg, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	EditCatalog:    {ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	ViewAuditLog:   {ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	ViewOutbox:     {PlatformAdmin: allOrgs},
	ManageUsers:    {PlatformAdmin: allOrgs},
	// Applications: the hiring team of the organization and the program's
	// administrators. Accommodation requests are private to the HR advisors of
	// the organization: not hiring managers, not administrators.
	ViewApplications:  {HiringManager: ownOrg, HRAdvisor: ownOrg, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	MoveApplication:   {HiringManager: ownOrg, HRAdvisor: ownOrg, ProgramAdmin: allOrgs, PlatformAdmin: allOrgs},
	ViewAccommodation: {HRAdvisor: ownOrg},
}

// Can reports whether u may take action a on a resource of organization org
// ("" for a resource of no organization, such as the catalog). Anonymous
// visitors (nil), disabled accounts and applicants can take no staff action.
// A scoped user acts only where org is their own, non-empty organization.
func Can(u *User, a Action, org string) bool {
	if !u.Active() {
		return false
	}
	switch grants[a][u.Role] {
	case allOrgs:
		return true
	case ownOrg:
		return u.Role.Scoped() && u.Org != "" && org == u.Org
	}
	return false
}

// PostingScope is Can(u, ManagePostings, …) in a form a list query can apply:
// all is true when u may see every organization's postings; otherwise u may
// see only those of org — and none at all when org is "". Callers must treat
// ("", false) as "no postings", never as "no filter".
func PostingScope(u *User) (org string, all bool) {
	if !u.Active() {
		return "", false
	}
	switch grants[ManagePostings][u.Role] {
	case allOrgs:
		return "", true
	case ownOrg:
		if u.Role.Scoped() {
			return u.Org, false
		}
	}
	return "", false
}
