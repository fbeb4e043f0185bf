// Package account holds the pure rules of applicant accounts: the single-use
// tokens sent by email (to verify an address or reset a password), how long
// they last, and how a deleted account's identity is removed from what is
// kept. It does no I/O: the store keeps tokens, the app layer sends email.
package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Purpose is what a token may be used for; a token of one purpose never
// serves another.
type Purpose string

// The token purposes.
const (
	Verify Purpose = "verify" // confirm that the account's email address is the user's
	Reset  Purpose = "reset"  // choose a new password
)

// Valid reports whether p is one of the purposes.
func (p Purpose) Valid() bool { return p == Verify || p == Reset }

// Lifetime is how long a token of purpose p stays usable. A verification link
// may sit in an inbox over a weekend; a password-reset link is a credential and
// lasts an hour.
func (p Purpose) Lifetime() time.Duration {
	if p == Reset {
		return ResetLifetime
	}
	return VerifyLifetime
}

// Token lifetimes.
const (
	VerifyLifetime = 48 * time.Hour
	ResetLifetime  = time.Hour
)

// tokenBytes is the entropy of a token: 256 bits, beyond guessing.
const tokenBytes = 32

// tokenLen is the length of a token as sent: unpadded base64url of tokenBytes.
var tokenLen = base64.RawURLEncoding.EncodedLen(tokenBytes)

// Token is an issued single-use token as the store keeps it: the raw value
// goes only into the email; the database holds its SHA-256.
type Token struct {
	Hash      string // hex SHA-256 of the raw token
	UserID    int64
	Purpose   Purpose
	Email     string // the address the link was sent to; the token is void once the account's address differs
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero until used
}

// New issues a token of purpose p for the account userID at address email,
// at instant now. It returns the raw token, to put in the link, and the Token
// to store.
func New(p Purpose, userID int64, email string, now time.Time) (raw string, t Token, err error) {
	if !p.Valid() {
		return "", Token{}, fmt.Errorf("account: unknown token purpose %q", p)
	}
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", Token{}, fmt.Errorf("account: token: %w", err)
	}
	raw = base64.RawURLEncoding.EncodeToString(b)
	now = now.Truncate(time.Millisecond) // instants are stored in milliseconds
	return raw, Token{Hash: Hash(raw), UserID: userID, Purpose: p, Email: email,
		CreatedAt: now, ExpiresAt: now.Add(p.Lifetime())}, nil
}

// Hash returns the hex SHA-256 of a raw token: what the database keeps and
// looks tokens up by. A copy of the table therefore does not let anyone use
// the links. (Tokens carry 256 random bits, so a plain hash is enough: there
// is nothing to brute-force.)
func Hash(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

// WellFormed reports whether raw could be a token New issued (the right length
// and alphabet), so that garbage is refused without a database lookup.
func WellFormed(raw string) bool {
	if len(raw) != tokenLen {
		return false
	}
	for i := 0; i < len(raw); i++ { // the decoder alone would skip line breaks
		c := raw[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(raw)
	return err == nil && len(b) == tokenBytes
}

// Check tells whether t may be used now for purpose p by an account whose
// current address is email: nil, or one of ErrTokenInvalid, ErrTokenUsed,
// ErrTokenExpired. A token expires at ExpiresAt exactly.
func (t Token) Check(p Purpose, email string, now time.Time) error {
	switch {
	case t.Purpose != p || t.Email != email:
		return ErrTokenInvalid
	case !t.UsedAt.IsZero():
		return ErrTokenUsed
	case !now.Before(t.ExpiresAt):
		return ErrTokenExpired
	}
	return nil
}

// Error is a problem with a link or a request that can be shown to the user,
// in both official languages. Compare with errors.Is against the Err… values.
type Error struct {
	Code string
	Msg  lang.Text
}

func (e *Error) Error() string { return "account: " + e.Msg.EN }

// Problems with a token.
var (
	ErrTokenInvalid = &Error{"token.invalid", lang.T(
		"This link is not valid. Check that you copied the whole link from the email, or ask for a new one.",
		"Ce lien n'est pas valide. Vérifiez que vous avez copié le lien complet du courriel, ou demandez-en un nouveau.")}
	ErrTokenUsed = &Error{"token.used", lang.T(
		"This link has already been used. Each link works once: ask for a new one if you need it.",
		"Ce lien a déjà été utilisé. Chaque lien ne fonctionne qu'une fois : demandez-en un nouveau au besoin.")}
	ErrTokenExpired = &Error{"token.expired", lang.T(
		"This link has expired. Ask for a new one: it will be sent to your email address.",
		"Ce lien a expiré. Demandez-en un nouveau : il sera envoyé à votre adresse courriel.")}
)

// DeletedEmail is the address a deleted account's email is replaced with: it
// keeps the column unique and can never receive mail (.invalid is reserved by
// RFC 2606).
func DeletedEmail(userID int64) string { return fmt.Sprintf("deleted-%d@invalid", userID) }

// UnusablePasswordHash replaces a deleted account's password hash. It is not
// an argon2id string, so auth.CheckPassword never matches it.
const UnusablePasswordHash = "!deleted"
