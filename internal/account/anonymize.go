package account

import (
	"encoding/json"
	"fmt"
)

// IdentityFields are the keys of a profile snapshot (profile.Profile's JSON)
// that identify the person: removed when their account is deleted. What they
// answered stays, as the retention policy requires (see docs/privacy.md).
var IdentityFields = []string{"name", "email", "phone", "city"}

// AnonymizeSnapshot returns the JSON object snapshot without IdentityFields.
// It works on the JSON itself, not on profile.Profile, so that fields the type
// does not know about (older or newer snapshots) are kept as they are rather
// than dropped. An empty snapshot (a draft has none) stays empty.
func AnonymizeSnapshot(snapshot string) (string, error) {
	if snapshot == "" {
		return "", nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(snapshot), &m); err != nil {
		return "", fmt.Errorf("account: anonymize snapshot: %w", err)
	}
	if m == nil { // the JSON null
		return snapshot, nil
	}
	for _, k := range IdentityFields {
		delete(m, k)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("account: anonymize snapshot: %w", err)
	}
	return string(b), nil
}
