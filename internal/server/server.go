// Package server assembles Pathways' HTTP server: middleware, the HTML and API
// surfaces, health, readiness and metrics, and graceful shutdown.
package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"runtime"
	"runtime/debug"
	runtimemetrics "runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/pathways-gov/pathways/internal/api"
	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/web"
)

// MaxBody is the largest request body accepted (forms; uploads will get their own limit).
const MaxBody = 1 << 20

// Config is what the server needs beyond the application.
type Config struct {
	Addr          string
	SecureCookies bool // mark the session cookie Secure (set false only for plain-HTTP testing off localhost)
	// RefreshEvery is how often the search index picks up postings saved by
	// other server processes (0: never, for a single process). IndexedFrom is
	// when the index was built from the database.
	RefreshEvery time.Duration
	IndexedFrom  time.Time
	// Mailer delivers the outbox; nil when no SMTP server is configured, and
	// email then stays in the outbox for staff to read.
	Mailer mail.Sender
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// gives the client's address (for sign-in throttling and logs).
	TrustedProxies []netip.Prefix
}

// Server is the configured HTTP server.
type Server struct {
	app     *app.App
	log     *slog.Logger
	handler http.Handler
	cfg     Config
}

// New wires every route and middleware.
func New(a *app.App, cfg Config, log *slog.Logger) (*Server, error) {
	sessions := scs.New()
	sessions.Store = a.DB.SessionStore()
	sessions.Lifetime = 12 * time.Hour
	// No scs IdleTimeout: it rewrites every session on every request. The
	// web handler enforces the idle timeout with a coarse "last seen" stamp
	// instead (web.IdleTimeout), so reading a page writes nothing.
	sessions.Cookie.Name = "pathways_session"
	sessions.Cookie.HttpOnly = true
	sessions.Cookie.SameSite = http.SameSiteLaxMode
	sessions.Cookie.Secure = cfg.SecureCookies
	sessions.Cookie.Path = "/"
	sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		log.ErrorContext(r.Context(), "session failed", "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
	}

	h, err := web.New(a, sessions, log)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	h.Routes(mux)
	api.New(a, log).Routes(mux)

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := newMetrics(reg)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := a.DB.Ping(ctx); err != nil {
			log.WarnContext(r.Context(), "not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database unreachable\n"))
			return
		}
		w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))

	cop := http.NewCrossOriginProtection()
	var handler http.Handler = m.instrument(mux) // innermost: the mux sets r.Pattern on the request it gets
	handler = sessions.LoadAndSave(handler)
	handler = cop.Handler(handler)
	handler = securityHeaders(handler)
	handler = limitBody(handler)
	handler = limitCPU(handler)
	handler = recoverPanics(log, handler) // inside the access log, so a request that panics is logged with its 500
	handler = accessLog(log, handler)
	handler = requestID(handler)
	handler = realIP(cfg.TrustedProxies, handler) // outermost: everything after sees the client's address
	return &Server{app: a, log: log, handler: handler, cfg: cfg}, nil
}

// limitBody caps every request body at MaxBody, except document uploads
// (web.IsUpload), which may be up to web.MaxUploadBody.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int64(MaxBody)
		if web.IsUpload(r) {
			n = web.MaxUploadBody
		}
		r2 := *r // as http.MaxBytesHandler does
		r2.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, &r2)
	})
}

// Handler returns the whole HTTP handler (for tests).
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on the configured address until ctx is cancelled, then shuts down
// gracefully, letting requests in flight finish (up to 15 seconds).
func (s *Server) Run(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.Info("listening", "addr", "http://"+ln.Addr().String())
	if ready != nil {
		ready(ln.Addr().String())
	}
	limitMemory(s.log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go s.sweepSessions(ctx)
	if s.cfg.RefreshEvery > 0 {
		go app.NewRefresher(s.app, s.cfg.IndexedFrom).Run(ctx, s.cfg.RefreshEvery)
	}
	// Deadline reminders for drafts: safe with several server processes
	// (each reminder is claimed in the transaction that queues its email).
	go s.app.RunReminders(ctx, 15*time.Minute)
	mailCtx, stopMail := context.WithCancel(ctx)
	mailDone := s.deliverMail(mailCtx)
	defer func() { stopMail(); <-mailDone }() // a message being sent is recorded before the database closes
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// deliverMail starts the mail worker, if an SMTP server is configured; the
// channel it returns is closed once the worker has stopped.
func (s *Server) deliverMail(ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	if s.cfg.Mailer == nil {
		s.log.Info("email delivery off: no SMTP server configured (--smtp-url); messages stay in the outbox at /en/staff/outbox")
		close(done)
		return done
	}
	s.log.Info("email delivery on", "smtp", fmt.Sprint(s.cfg.Mailer)) // the transport prints itself without its password
	go func() {
		defer close(done)
		mail.NewWorker(s.app.DB, s.cfg.Mailer, s.log).Run(ctx)
	}()
	return done
}

// sweepSessions deletes expired sessions every hour until ctx ends.
func (s *Server) sweepSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := s.app.DB.DeleteExpiredSessions(ctx, time.Now()); err != nil {
				s.log.Warn("session sweep failed", "err", err)
			} else if n > 0 {
				s.log.Info("expired sessions deleted", "count", n)
			}
		}
	}
}

type ctxKey int

const requestIDKey ctxKey = iota

// RequestID returns the id of the request ctx belongs to.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !safeRequestID(id) {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

// safeRequestID accepts a client's request id only when it is short and made
// of letters, digits and hyphens, since it is echoed and logged.
func safeRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(r.Context(), level, "request",
			slog.String("id", RequestID(r.Context())), slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.Int("status", rec.status), slog.Int("bytes", rec.bytes),
			slog.Duration("took", time.Since(start)))
	})
}

func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(r.Context(), "panic", "id", RequestID(r.Context()), "path", r.URL.Path, "panic", v)
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// limitCPU lets at most GOMAXPROCS public search and posting requests run
// at once (the search API, the search page, posting pages); the others wait
// for a slot in arrival order. Their work is CPU-bound (the index, the
// page), so on a busy machine letting every request run makes them all slow
// together, and a request unlucky with the scheduler waits far longer than
// the rest. Queued first come, first served, they finish in about the order
// they came: the same throughput with a much shorter tail. A channel serves
// its blocked senders in order, and a freed slot goes straight to the
// oldest waiter. A request keeps its slot only while its response is
// produced, into a pooled buffer: the slot is freed before the response is
// sent, so a slow client never holds one (and the response goes out with
// its length, unchunked). Other requests (staff pages that wait on database
// writes, health, metrics, assets) are not limited.
func limitCPU(next http.Handler) http.Handler {
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cpuBound(r) {
			next.ServeHTTP(w, r)
			return
		}
		buf := responseBuffers.Get().(*bytes.Buffer)
		defer putResponseBuffer(buf)
		buf.Reset()
		bw := &bufferedResponse{ResponseWriter: w, buf: buf}
		slots <- struct{}{}
		func() {
			defer func() { <-slots }() // also when next panics
			next.ServeHTTP(bw, r)
		}()
		bw.send()
	})
}

var responseBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putResponseBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 1<<20 {
		responseBuffers.Put(buf)
	}
}

// bufferedResponse holds a response's status and body until send; headers
// go to the underlying writer's header map as they are set.
type bufferedResponse struct {
	http.ResponseWriter
	status int
	buf    *bytes.Buffer
}

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}

// send writes the held response, with its length when it may have a body.
func (b *bufferedResponse) send() {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	hd := b.ResponseWriter.Header()
	if b.status >= 200 && b.status != http.StatusNoContent && b.status != http.StatusNotModified && hd.Get("Content-Length") == "" {
		hd.Set("Content-Length", strconv.Itoa(b.buf.Len()))
	}
	b.ResponseWriter.WriteHeader(b.status)
	b.ResponseWriter.Write(b.buf.Bytes())
}

// memoryHeadroom is how far the Go runtime's memory may grow past what it
// holds once the server has started (mostly the search index and summaries)
// before the garbage collector works to stay under it; see limitMemory.
const memoryHeadroom = 48 << 20

// limitMemory sets the Go runtime's soft memory limit, unless GOMEMLIMIT
// sets one, to the memory it holds after start-up plus memoryHeadroom. By
// default the heap may grow to twice what is live before a collection;
// most of that is request garbage, so the limit keeps the server's
// resident memory near what it needs at the cost of more frequent
// collections (the runtime caps their CPU if the limit is ever too tight).
func limitMemory(log *slog.Logger) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC()
	// What the runtime holds, less the free heap it may give back to the system.
	sample := []runtimemetrics.Sample{{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"}, {Name: "/memory/classes/heap/free:bytes"}}
	runtimemetrics.Read(sample)
	held := int64(sample[0].Value.Uint64() - sample[1].Value.Uint64() - sample[2].Value.Uint64())
	debug.SetMemoryLimit(held + memoryHeadroom)
	log.Info("memory limit set", "MiB", (held+memoryHeadroom)>>20)
}

// cpuBound reports whether r is one of the limited requests: GET or HEAD of
// /api/v1/postings, /api/v1/postings/{id}, /{lang}/jobs or /{lang}/jobs/{id}
// (not the pages below a posting, such as applying).
func cpuBound(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	var rest string
	switch {
	case strings.HasPrefix(p, "/api/v1/postings"):
		rest = p[len("/api/v1/postings"):]
	case len(p) >= 8 && p[0] == '/' && p[3] == '/' && p[4:8] == "jobs": // "/xx/jobs", xx a language
		rest = p[8:]
	default:
		return false
	}
	// rest is "" or "/{id}"
	return rest == "" || rest[0] == '/' && !strings.Contains(rest[1:], "/")
}

// csp allows only our own scripts, styles and images: no inline script anywhere.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "pathways_http_requests_total", Help: "HTTP requests by route pattern and status."}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "pathways_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

func (m *metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		route := r.Pattern // set by ServeMux on the request it routes (Go 1.23+)
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
		m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}
