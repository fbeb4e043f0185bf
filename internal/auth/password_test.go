package auth

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// fastParams keep tests quick; DefaultParams is exercised where it matters.
var fastParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashPasswordFormatAndRoundTrip(t *testing.T) {
	h, err := HashPassword("correct battery staple horse")
	if err != nil {
		t.Fatal(err)
	}
	phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !phc.MatchString(h) {
		t.Fatalf("hash %q is not a PHC argon2id string with the default parameters", h)
	}
	ok, err := CheckPassword(h, "correct battery staple horse")
	if err != nil || !ok {
		t.Fatalf("right password: ok=%v err=%v", ok, err)
	}
	for _, wrong := range []string{"correct battery staple hors", "Correct battery staple horse", "", "correct battery staple horse "} {
		if ok, err := CheckPassword(h, wrong); err != nil || ok {
			t.Errorf("wrong password %q: ok=%v err=%v", wrong, ok, err)
		}
	}
	if NeedsRehash(h) {
		t.Error("a fresh default hash needs no rehash")
	}
}

func TestHashIsSalted(t *testing.T) {
	a, _ := fastParams.Hash("same password here")
	b, _ := fastParams.Hash("same password here")
	if a == b {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
	for _, h := range []string{a, b} {
		if ok, err := CheckPassword(h, "same password here"); !ok || err != nil {
			t.Fatalf("check %q: %v %v", h, ok, err)
		}
	}
}

func TestPasswordUnicodeNormalized(t *testing.T) {
	composed := "d\u00e9j\u00e0 vu, c'est la vie" // é and à as single code points
	decomposed := "de\u0301ja\u0300 vu, c'est la vie"
	h, err := fastParams.Hash(composed)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := CheckPassword(h, decomposed); !ok {
		t.Fatal("the same characters typed decomposed should match")
	}
}

func TestNeedsRehash(t *testing.T) {
	weak, _ := fastParams.Hash("some password value")
	if !NeedsRehash(weak) {
		t.Error("hash with weaker parameters should need a rehash")
	}
	stronger := DefaultParams
	stronger.Time = 3
	h, _ := stronger.Hash("some password value")
	if !NeedsRehash(h) {
		t.Error("hash with other parameters should need a rehash")
	}
	if !NeedsRehash("not a hash") {
		t.Error("an unreadable hash should need a rehash")
	}
	if ok, err := CheckPassword(weak, "some password value"); !ok || err != nil {
		t.Errorf("old hashes keep working: %v %v", ok, err)
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	good, _ := fastParams.Hash("a long enough password")
	parts := strings.Split(good, "$") // "", argon2id, v=19, m=…, salt, hash
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	cases := map[string]string{
		"empty":            "",
		"bcrypt":           "$2a$10$abcdefghijklmnopqrstuuKXWbXKpQyCpXT5EuGXLn9sOLZpBpw.G",
		"argon2i":          with(1, "argon2i"),
		"version 16":       with(2, "v=16"),
		"missing field":    strings.Join(parts[:5], "$"),
		"extra field":      good + "$x",
		"params order":     with(3, "t=1,m=64,p=1"),
		"params not nums":  with(3, "m=x,t=1,p=1"),
		"leading zero":     with(3, "m=064,t=1,p=1"),
		"zero threads":     with(3, "m=64,t=1,p=0"),
		"zero time":        with(3, "m=64,t=0,p=1"),
		"huge memory":      with(3, "m=4194304,t=1,p=1"),
		"huge time":        with(3, "m=64,t=1000,p=1"),
		"p over 255":       with(3, "m=64,t=1,p=256"),
		"salt not base64":  with(4, "!!!!"),
		"salt padded":      with(4, parts[4]+"=="),
		"salt too short":   with(4, "AAAA"),
		"hash not base64":  with(5, "%%%%"),
		"hash too short":   with(5, "AAAAAAAAAAA"),
		"no leading $":     strings.TrimPrefix(good, "$"),
		"trailing newline": good + "\n",
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			ok, err := CheckPassword(h, "a long enough password")
			if ok || !errors.Is(err, ErrMalformedHash) {
				t.Fatalf("CheckPassword(%q) = %v, %v; want false, ErrMalformedHash", h, ok, err)
			}
		})
	}
	if ok, err := CheckPassword(good, "a long enough password"); !ok || err != nil {
		t.Fatalf("the unmodified hash should check: %v %v", ok, err)
	}
}

func TestParamsRefusedWhenUnsafe(t *testing.T) {
	bad := fastParams
	bad.Threads = 0
	if _, err := bad.Hash("a long enough password"); err == nil {
		t.Fatal("p=0 would make argon2 panic; want an error")
	}
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct battery staple horse"); err != nil {
			b.Fatal(err)
		}
	}
}
