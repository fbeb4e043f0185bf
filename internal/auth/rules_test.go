package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestValidatePassword(t *testing.T) {
	cases := []struct {
		name, pw, email string
		want            error
	}{
		// Length, counted in characters after normalization.
		{"11 ascii", "vK3#qzP9w!m", "", ErrPasswordTooShort},
		{"12 ascii", "vK3#qzP9w!mT", "", nil},
		{"empty", "", "", ErrPasswordTooShort},
		{"12 accented letters", "éèêëàâäîïôöû", "", nil},
		{"12 accented letters, decomposed", "e\u0301e\u0300e\u0302e\u0308a\u0300a\u0302a\u0308i\u0302i\u0308o\u0302o\u0308u\u0302", "", nil},
		{"11 accented letters, decomposed (22 code points)", "e\u0301e\u0300e\u0302e\u0308a\u0300a\u0302a\u0308i\u0302i\u0308o\u0302o\u0308", "", ErrPasswordTooShort},
		{"12 CJK characters (36 bytes)", "春眠不覚暁処処聞啼鳥夜来風", "", nil},
		{"256 characters", strings.Repeat("fjqk", 63) + "zxyw", "", nil},
		{"257 characters", strings.Repeat("fjqk", 64) + "z", "", ErrPasswordTooLong},
		// No composition rules: lower-case words only are fine.
		{"passphrase", "purple elephant dishwasher", "", nil},
		{"french passphrase", "Mon chat s'appelle Biscotte!", "", nil},
		{"digits and letters mixed", "Xk9Zm2Qp7Lw4", "", nil},
		// Common and guessable.
		{"listed", "password1234", "", ErrPasswordCommon},
		{"listed, other case", "PassWord1234", "", ErrPasswordCommon},
		{"listed with spaces", "correct horse battery staple", "", ErrPasswordCommon},
		{"leet", "P@ssw0rd2024!", "", ErrPasswordCommon},
		{"product name", "Pathways2025!", "", ErrPasswordCommon},
		{"product name spaced", "pathways pathways", "", ErrPasswordCommon},
		{"keyboard walk", "qwertyuiop12", "", ErrPasswordCommon},
		{"keyboard column walk", "1qaz2wsx3edc4rfv", "", ErrPasswordCommon},
		{"azerty walk", "azertyuiop!!", "", ErrPasswordCommon},
		{"digit sequence", "123456789012", "", ErrPasswordCommon},
		{"reverse sequence", "zyxwvutsrqpo", "", ErrPasswordCommon},
		{"alphabet and digits", "abcdefgh1234", "", ErrPasswordCommon},
		{"repeated char", "aaaaaaaaaaaaaa", "", ErrPasswordCommon},
		{"repeated unit", "abc1abc1abc1", "", ErrPasswordCommon},
		{"few distinct", "aabbaabbabab", "", ErrPasswordCommon},
		{"word and year", "Summer2024!!", "", ErrPasswordCommon},
		{"two words", "monkeydragon7", "", ErrPasswordCommon},
		{"name year city", "jean1985paris", "", ErrPasswordCommon},
		{"french", "motdepasse2023", "", ErrPasswordCommon},
		{"word with a long random suffix is not common", "dragon8371294650", "", nil},
		// The email's local part.
		{"contains local part", "xq-jtremblay-77z", "jtremblay@ontario.ca", ErrPasswordHasEmail},
		{"contains local part, other case", "zz JTremblay 99 kq", "JTremblay@Ontario.ca", ErrPasswordHasEmail},
		{"contains a part of the local part", "tremblayrocks!9", "jean.tremblay@ontario.ca", ErrPasswordHasEmail},
		{"equals the local part", "julie.gagnon.ods", "julie.gagnon.ods@ontario.ca", ErrPasswordHasEmail},
		{"short part does not count", "jeanne purple dishwasher", "al@ontario.ca", nil},
		{"other email is fine", "purple elephant dishwasher", "jtremblay@ontario.ca", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidatePassword(c.pw, c.email)
			if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
				t.Fatalf("ValidatePassword(%q, %q) = %v, want %v", c.pw, c.email, err, c.want)
			}
		})
	}
}

func TestValidatePasswordErrorsAreBilingual(t *testing.T) {
	err := ValidatePassword("short", "")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T, want *Error", err)
	}
	if e.Msg.EN == "" || e.Msg.FR == "" || e.Msg.EN == e.Msg.FR {
		t.Fatalf("message not bilingual: %+v", e.Msg)
	}
}

func TestCommonListLoaded(t *testing.T) {
	if len(common) < 1500 {
		t.Fatalf("common list has %d entries, want 1500+", len(common))
	}
	for entry := range common {
		if entry != strings.ToLower(entry) || strings.ContainsAny(entry, " \t\r") {
			t.Errorf("entry %q is not lower-case without spaces", entry)
		}
		if !IsCommonPassword(strings.ToUpper(entry)) {
			t.Errorf("entry %q in upper case not found", entry)
		}
	}
}

func TestIsSequenceAndRepetition(t *testing.T) {
	for s, want := range map[string]bool{"abcdef": true, "fedcba": true, "7890123": true, "asdfgh": true, "poiuy": true, "acegik": false, "ab": false, "wxcvbn": true} {
		if got := isSequence(s); got != want {
			t.Errorf("isSequence(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]bool{"abab": true, "aaa": true, "abcabcabc": true, "abcab": false, "a": false, "xyzxyq": false} {
		if got := isRepetition(s); got != want {
			t.Errorf("isRepetition(%q) = %v", s, got)
		}
	}
}

func BenchmarkValidatePassword(b *testing.B) {
	for b.Loop() {
		_ = ValidatePassword("Mon chat s'appelle Biscotte!", "jean.tremblay@ontario.ca")
	}
}

func TestShiftedDigitsReadAsDigits(t *testing.T) {
	if !IsCommonPassword("ZAQ!2wsx3edc") || !IsCommonPassword("!@#$%^&*()12") {
		t.Fatal("shifted keyboard walks should be common")
	}
}
