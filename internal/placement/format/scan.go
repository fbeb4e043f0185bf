// Package format reads and writes the placement engine's files: instances in
// JSON or as two CSV files, results in JSON. The layouts are the public
// contract documented in docs/placement.md.
//
// The JSON reader is a hand-written streaming scanner for this one format
// (objects, strings, numbers, arrays nested one level): it never builds a
// generic tree, interns each id once, and reports every problem with its line,
// column and byte offset, naming the offending id.
package format

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// Error is a problem in an input: what is wrong and where. It is the only
// error type the readers return for bad input; any other error is a failure
// to read.
type Error struct {
	File   string // the input's name, if known
	Line   int    // 1-based; 0 if unknown
	Column int    // 1-based, in bytes; 0 if unknown
	Offset int64  // bytes from the start of the input; -1 if unknown
	Msg    string
}

func (e *Error) Error() string {
	where := e.File
	if e.Line > 0 {
		if where != "" {
			where += ":"
		}
		where += fmt.Sprintf("line %d", e.Line)
		if e.Column > 0 {
			where += fmt.Sprintf(", column %d", e.Column)
		}
	}
	if e.Offset >= 0 {
		where += fmt.Sprintf(" (byte %d)", e.Offset)
	}
	if where == "" {
		return e.Msg
	}
	return where + ": " + e.Msg
}

// IsInputError reports whether err is a problem with the input (as opposed to
// a failure to read it).
func IsInputError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// position is a place in the input.
type position struct {
	offset    int64
	line, col int32
}

// scanner reads bytes from a stream through a sliding buffer, tracking lines.
// Bytes returned by readString stay valid until the next call that reads.
type scanner struct {
	src       io.Reader
	name      string
	buf       []byte
	pos, end  int   // unread bytes are buf[pos:end]
	base      int64 // offset of buf[0]
	line      int32
	lineStart int64 // offset of the current line's first byte
	eof       bool
	readErr   error
	scratch   []byte // strings with escapes, or spanning a refill
}

const scanBuffer = 1 << 20

func newScanner(src io.Reader, name string) *scanner {
	return &scanner{src: src, name: name, buf: make([]byte, scanBuffer), line: 1}
}

// fill reads more input, keeping buf[pos:end]. It returns false at the end of
// the input or on a read error (kept in readErr).
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		grown := make([]byte, 2*len(s.buf))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	for {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.readErr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// here returns the position of the next unread byte.
func (s *scanner) here() position {
	off := s.base + int64(s.pos)
	return position{offset: off, line: s.line, col: int32(off-s.lineStart) + 1}
}

// errorAt builds an input error at p.
func (s *scanner) errorAt(p position, format string, args ...any) error {
	if s.readErr != nil {
		return fmt.Errorf("format: reading %s: %w", s.name, s.readErr)
	}
	return &Error{File: s.name, Line: int(p.line), Column: int(p.col), Offset: p.offset, Msg: fmt.Sprintf(format, args...)}
}

// errorHere builds an input error at the next unread byte.
func (s *scanner) errorHere(format string, args ...any) error {
	return s.errorAt(s.here(), format, args...)
}

// peek skips white space and returns the next byte without consuming it;
// ok is false at the end of the input.
func (s *scanner) peek() (c byte, ok bool) {
	for {
		for s.pos < s.end {
			c = s.buf[s.pos]
			switch c {
			case ' ', '\t', '\r':
				s.pos++
			case '\n':
				s.pos++
				s.line++
				s.lineStart = s.base + int64(s.pos)
			default:
				return c, true
			}
		}
		if !s.fill() {
			return 0, false
		}
	}
}

// describe names a byte for messages.
func describe(c byte, ok bool) string {
	if !ok {
		return "end of input"
	}
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// expect consumes the byte c (after white space) or fails naming what and
// kind (kind may be empty); the message is only built on failure.
func (s *scanner) expect(c byte, what, kind string) error {
	got, ok := s.peek()
	if !ok || got != c {
		if kind != "" {
			what += " (" + kind + ")"
		}
		return s.errorHere("expected %s, found %s", what, describe(got, ok))
	}
	s.pos++
	return nil
}

// readString reads a JSON string (the next token must be one) and returns
// its decoded bytes, valid until the next read.
func (s *scanner) readString(what string) ([]byte, position, error) {
	c, ok := s.peek()
	at := s.here()
	if !ok || c != '"' {
		return nil, at, s.errorHere("expected %s (a string), found %s", what, describe(c, ok))
	}
	s.pos++
	start, i := s.pos, s.pos
	escaped, highBit := false, false
	s.scratch = s.scratch[:0]
	for {
		for i < s.end {
			c := s.buf[i]
			switch {
			case c == '"':
				var out []byte
				if escaped {
					out = append(s.scratch, s.buf[start:i]...)
					s.scratch = out
				} else {
					out = s.buf[start:i]
				}
				s.pos = i + 1
				if highBit && !utf8.Valid(out) {
					return nil, at, s.errorAt(at, "%s is not valid UTF-8", what)
				}
				return out, at, nil
			case c == '\\':
				s.scratch = append(s.scratch, s.buf[start:i]...)
				escaped = true
				s.pos = i
				var err error
				if highBit, err = s.unescape(highBit); err != nil {
					return nil, at, err
				}
				start, i = s.pos, s.pos
				continue
			case c < 0x20:
				s.pos = i
				return nil, at, s.errorHere("control character 0x%02x in %s (escape it)", c, what)
			case c >= 0x80:
				highBit = true
			}
			i++
		}
		// Need more input: keep what was scanned.
		s.scratch = append(s.scratch, s.buf[start:i]...)
		escaped = true
		s.pos = i
		if !s.fill() {
			return nil, at, s.errorAt(at, "unterminated string")
		}
		start, i = s.pos, s.pos
	}
}

// unescape decodes the escape sequence at s.pos (a backslash) into scratch.
func (s *scanner) unescape(highBit bool) (bool, error) {
	if !s.need(2) {
		return highBit, s.errorHere("unterminated escape sequence")
	}
	c := s.buf[s.pos+1]
	if r, ok := simpleEscape(c); ok {
		s.scratch = append(s.scratch, r)
		s.pos += 2
		return highBit, nil
	}
	if c != 'u' {
		return highBit, s.errorHere("invalid escape sequence \\%c", c)
	}
	r, err := s.hex4()
	if err != nil {
		return highBit, err
	}
	if utf16.IsSurrogate(r) {
		lo := rune(-1)
		if s.need(2) && s.buf[s.pos] == '\\' && s.buf[s.pos+1] == 'u' {
			if lo, err = s.hex4(); err != nil {
				return highBit, err
			}
		}
		if r = utf16.DecodeRune(r, lo); r == utf8.RuneError {
			return highBit, s.errorHere("invalid surrogate pair in \\u escape")
		}
	}
	s.scratch = utf8.AppendRune(s.scratch, r)
	return highBit || r >= 0x80, nil
}

// simpleEscape decodes the one-letter escapes.
func simpleEscape(c byte) (byte, bool) {
	switch c {
	case '"', '\\', '/':
		return c, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}

// hex4 decodes \uXXXX at s.pos.
func (s *scanner) hex4() (rune, error) {
	if !s.need(6) {
		return 0, s.errorHere("truncated \\u escape")
	}
	var r rune
	for _, h := range s.buf[s.pos+2 : s.pos+6] {
		var d byte
		switch {
		case h >= '0' && h <= '9':
			d = h - '0'
		case h >= 'a' && h <= 'f':
			d = h - 'a' + 10
		case h >= 'A' && h <= 'F':
			d = h - 'A' + 10
		default:
			return 0, s.errorHere("invalid \\u escape")
		}
		r = r<<4 | rune(d)
	}
	s.pos += 6
	return r, nil
}

// need makes k bytes available from s.pos, if the input has them.
func (s *scanner) need(k int) bool {
	for s.end-s.pos < k {
		if !s.fill() {
			return false
		}
	}
	return true
}

// readNumber reads a JSON number and returns its literal bytes (valid until
// the next read) and whether it is an integer (no fraction, no exponent).
func (s *scanner) readNumber(what string) (lit []byte, integer bool, at position, err error) {
	c, ok := s.peek()
	at = s.here()
	if !ok || (c != '-' && (c < '0' || c > '9')) {
		return nil, false, at, s.errorHere("expected %s (a number), found %s", what, describe(c, ok))
	}
	s.scratch = s.scratch[:0]
	for {
		if s.pos == s.end && !s.fill() {
			break
		}
		c := s.buf[s.pos]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		s.scratch = append(s.scratch, c)
		s.pos++
	}
	lit = s.scratch
	integer, valid := numberShape(lit)
	if !valid {
		return nil, false, at, s.errorAt(at, "malformed number %q in %s", lit, what)
	}
	return lit, integer, at, nil
}

// numberShape checks the JSON number grammar and reports integers.
func numberShape(b []byte) (integer, valid bool) {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return false, false
	}
	integer = true
	if i < len(b) && b[i] == '.' {
		i++
		integer = false
		if digits() == 0 {
			return false, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		integer = false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false, false
		}
	}
	return integer, i == len(b)
}
