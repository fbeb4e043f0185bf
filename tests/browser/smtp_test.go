package browser

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// mailbox is a real SMTP server on 127.0.0.1 that keeps every message it
// receives: the server's mail worker delivers to it, and the tests read what
// arrived, as a person reads their inbox.
type mailbox struct {
	addr string
	srv  *smtp.Server

	mu      sync.Mutex
	msgs    []receivedMail
	arrived chan struct{} // closed and replaced whenever a message arrives
}

// receivedMail is one message as it reached the mailbox, decoded.
type receivedMail struct {
	To      []string // envelope recipients
	Subject string
	Lang    string // Content-Language
	Body    string // the plain text, decoded
	Raw     []byte
}

// startMailbox starts the SMTP server on a free local port.
func startMailbox() (*mailbox, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("mailbox: %w", err)
	}
	m := &mailbox{addr: ln.Addr().String(), arrived: make(chan struct{})}
	m.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &mailboxSession{m: m}, nil
	}))
	m.srv.Domain = "mx.test"
	m.srv.ReadTimeout = 10 * time.Second
	m.srv.WriteTimeout = 10 * time.Second
	go m.srv.Serve(ln)
	return m, nil
}

// Close stops the server.
func (m *mailbox) Close() { m.srv.Close() }

func (m *mailbox) deliver(to []string, raw []byte) error {
	r, err := decodeMail(raw)
	if err != nil {
		return err // refused: the worker logs it and retries, and the test times out saying so
	}
	r.To = to
	m.mu.Lock()
	defer m.mu.Unlock()
	m.msgs = append(m.msgs, r)
	close(m.arrived)
	m.arrived = make(chan struct{})
	return nil
}

// to returns the messages received for addr so far, oldest first, and a
// channel closed when the next message arrives.
func (m *mailbox) to(addr string) ([]receivedMail, <-chan struct{}) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []receivedMail
	for _, r := range m.msgs {
		for _, t := range r.To {
			if strings.EqualFold(t, addr) {
				out = append(out, r)
				break
			}
		}
	}
	return out, m.arrived
}

// mailWait bounds the wait for an email: the worker polls the outbox every
// few seconds (mail.DefaultPoll).
const mailWait = 30 * time.Second

// waitFor waits for the (n+1)-th message to addr (n counts from 0) and returns it.
func (m *mailbox) waitFor(t *testing.T, addr string, n int) receivedMail {
	t.Helper()
	deadline := time.NewTimer(mailWait)
	defer deadline.Stop()
	for {
		got, arrived := m.to(addr)
		if len(got) > n {
			return got[n]
		}
		select {
		case <-arrived:
		case <-deadline.C:
			t.Fatalf("no email #%d to %s arrived at the test SMTP server within %v (%d arrived)", n+1, addr, mailWait, len(got))
		}
	}
}

type mailboxSession struct {
	m  *mailbox
	to []string
}

func (s *mailboxSession) AuthMechanisms() []string                    { return nil }
func (s *mailboxSession) Mail(from string, _ *smtp.MailOptions) error { return nil }
func (s *mailboxSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *mailboxSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return s.m.deliver(s.to, b)
}
func (s *mailboxSession) Reset()        { s.to = nil }
func (s *mailboxSession) Logout() error { return nil }

// decodeMail reads the subject, language and plain-text body of a MIME
// message, undoing header and transfer encodings.
func decodeMail(raw []byte) (receivedMail, error) {
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return receivedMail{}, fmt.Errorf("mailbox: parse message: %w", err)
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return receivedMail{}, fmt.Errorf("mailbox: subject: %w", err)
	}
	body, err := plainText(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	if err != nil {
		return receivedMail{}, err
	}
	return receivedMail{Subject: subject, Lang: msg.Header.Get("Content-Language"), Body: body, Raw: raw}, nil
}

// plainText returns the text/plain content of a body (the first such part of
// a multipart one).
func plainText(contentType, encoding string, body io.Reader) (string, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", fmt.Errorf("mailbox: content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return "", fmt.Errorf("mailbox: no text/plain part: %w", err)
			}
			if text, err := plainText(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); err == nil {
				return text, nil
			}
		}
	}
	if mt != "text/plain" {
		return "", fmt.Errorf("mailbox: content type %s is not text/plain", mt)
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "", "7bit", "8bit":
	default:
		return "", fmt.Errorf("mailbox: unexpected transfer encoding %q", encoding)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return "", fmt.Errorf("mailbox: body: %w", err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}

var mailLink = regexp.MustCompile(`https?://[^\s<>"]+`)

// link returns the first link in the message whose address starts with
// prefix, failing the test when there is none.
func (r receivedMail) link(t *testing.T, prefix string) string {
	t.Helper()
	for _, l := range mailLink.FindAllString(r.Body, -1) {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("the email %q has no link starting with %s:\n%s", r.Subject, prefix, r.Body)
	return ""
}
