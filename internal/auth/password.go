package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over memory
	Threads uint8  // lanes
	SaltLen uint32 // bytes of random salt
	KeyLen  uint32 // bytes of derived key
}

// DefaultParams are the parameters new hashes use: OWASP's argon2id minimum
// (19 MiB, 2 passes, 1 lane) with a 16-byte salt and a 32-byte key.
// Changing them makes NeedsRehash true for older hashes.
var DefaultParams = Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on parameters read from a stored hash, so a corrupt or hostile hash
// cannot make a check allocate gigabytes or run for minutes.
const (
	maxMemory  = 1 << 20 // KiB (1 GiB)
	maxTime    = 64
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 128
)

// ErrMalformedHash is returned for a stored hash that is not an argon2id PHC
// string within our bounds.
var ErrMalformedHash = errors.New("auth: malformed password hash")

var b64 = base64.RawStdEncoding

// HashPassword hashes pw with argon2id and DefaultParams, returning a PHC
// string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>. The password is
// normalized to Unicode NFKC first, so the same characters typed on different
// keyboards match.
func HashPassword(pw string) (string, error) { return DefaultParams.Hash(pw) }

// Hash hashes pw with p (see HashPassword).
func (p Params) Hash(pw string) (string, error) {
	if err := p.check(); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := argon2.IDKey([]byte(norm.NFKC.String(pw)), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches hash, comparing in constant time.
// A malformed hash is an error (wrapping ErrMalformedHash), never a match.
func CheckPassword(hash, pw string) (bool, error) {
	p, salt, key, err := parseHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(norm.NFKC.String(pw)), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether hash was made with parameters other than
// DefaultParams (or cannot be read): after a successful sign-in, hash the
// password again and store the new hash.
func NeedsRehash(hash string) bool {
	p, _, _, err := parseHash(hash)
	return err != nil || p != DefaultParams
}

// parseHash reads a PHC argon2id string, returning its parameters (with the
// salt and key lengths found), salt and key.
func parseHash(hash string) (p Params, salt, key []byte, err error) {
	fail := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" {
		return fail("want $argon2id$v=…$m=…,t=…,p=…$salt$hash")
	}
	if parts[1] != "argon2id" {
		return fail("algorithm " + strconv.Quote(parts[1]) + " is not argon2id")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return fail("version " + strconv.Quote(parts[2]) + " is not v=19")
	}
	if p, err = parseParams(parts[3]); err != nil {
		return fail(err.Error())
	}
	if salt, err = decodeB64(parts[4]); err != nil {
		return fail("salt is not unpadded base64")
	}
	if key, err = decodeB64(parts[5]); err != nil {
		return fail("hash is not unpadded base64")
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	if err := p.check(); err != nil {
		return fail(err.Error())
	}
	return p, salt, key, nil
}

// decodeB64 decodes canonical unpadded standard base64 only: the decoder alone
// would skip line breaks and accept non-zero trailing bits.
func decodeB64(s string) ([]byte, error) {
	b, err := b64.DecodeString(s)
	if err != nil {
		return nil, err
	}
	if b64.EncodeToString(b) != s {
		return nil, errors.New("not canonical base64")
	}
	return b, nil
}

// parseParams reads "m=…,t=…,p=…" in that order.
func parseParams(s string) (Params, error) {
	var p Params
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return p, errors.New("parameters must be m=…,t=…,p=…")
	}
	var vals [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		k, v, ok := strings.Cut(fields[i], "=")
		if !ok || k != name {
			return p, fmt.Errorf("parameter %d must be %s=…", i+1, name)
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil || (len(v) > 1 && v[0] == '0') {
			return p, fmt.Errorf("parameter %s=%q is not a number", name, v)
		}
		vals[i] = n
	}
	if vals[2] > 255 {
		return p, fmt.Errorf("p=%d is out of range", vals[2])
	}
	p.Memory, p.Time, p.Threads = uint32(vals[0]), uint32(vals[1]), uint8(vals[2])
	return p, nil
}

// check rejects parameters argon2 would refuse or that cost too much.
func (p Params) check() error {
	switch {
	case p.Threads < 1:
		return errors.New("auth: argon2 needs p >= 1")
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("auth: argon2 t=%d is outside 1..%d", p.Time, maxTime)
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("auth: argon2 m=%d is outside %d..%d KiB", p.Memory, 8*uint32(p.Threads), maxMemory)
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltLen:
		return fmt.Errorf("auth: salt of %d bytes is outside %d..%d", p.SaltLen, minSaltLen, maxSaltLen)
	case p.KeyLen < minKeyLen || p.KeyLen > maxKeyLen:
		return fmt.Errorf("auth: key of %d bytes is outside %d..%d", p.KeyLen, minKeyLen, maxKeyLen)
	}
	return nil
}

// PasswordStamp is a short fingerprint of a password hash, kept in a session
// when it is opened: once the password changes (a reset after a theft, say)
// the stamp no longer matches, and every other session of the account ends.
// It reveals nothing useful about the password: it is a digest of a salted,
// memory-hard hash.
func PasswordStamp(hash string) string {
	sum := sha256.Sum256([]byte(hash))
	return hex.EncodeToString(sum[:8])
}
