package rocketmqtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
)

// DefaultProjectID is the project ID of a server made without WithProjectID
// (the reference's own example value).
const DefaultProjectID = "0b01fbb53600d4671fa8c00673c71260"

// DefaultRegion is the region (and name of the default project) of a server
// made without WithRegion.
const DefaultRegion = "cn-north-4"

// Default lifecycle delays: how long an instance stays CREATING, and how
// long DELETING before it is gone.
const (
	DefaultCreateDelay = 50 * time.Millisecond
	DefaultDeleteDelay = 50 * time.Millisecond
)

// maxRequestBody bounds what the emulator reads from a request body.
const maxRequestBody = 16 << 20

// maxLoginBody bounds the body of POST /v3/auth/tokens, the one request
// read before any authentication (a login is well under 1 KiB).
const maxLoginBody = 64 << 10

// Server timeouts (WithTimeouts changes them): a test server has no reason
// to wait long for a request.
const (
	// DefaultReadHeaderTimeout bounds how long a client may take to send
	// the request line and headers.
	DefaultReadHeaderTimeout = 5 * time.Second
	// DefaultReadTimeout bounds how long a client may take to send the
	// body, once its headers are accepted.
	DefaultReadTimeout = 10 * time.Second
	// DefaultIdleTimeout is how long an idle keep-alive connection stays
	// open.
	DefaultIdleTimeout = 10 * time.Second
	// DefaultCloseGrace is how long Close waits for requests in progress
	// before it closes their connections.
	DefaultCloseGrace = 2 * time.Second
)

// maxHeaderBytes bounds the request line and headers.
const maxHeaderBytes = 256 << 10

// Server is an in-process emulator of the DMS for RocketMQ API (and of the
// few IAM endpoints its clients need). It is safe for concurrent use.
type Server struct {
	cfg  config
	ts   *httptest.Server
	url  string
	main *http.ServeMux
	eng  *http.ServeMux

	// mu guards the emulated state below.
	mu       sync.Mutex
	projects map[string]*project
	projList []*project
	tokens   map[string]*token
	seq      int64

	faults faultSet
	reqlog requestLog
	// patterns are the routes ("METHOD /path/{name}"), which faults are
	// checked against.
	patterns []string

	closing   chan struct{} // closed by Close: ends injected latencies
	closeOnce sync.Once
}

// NewServer starts an emulator listening on a loopback address (or on the
// address given by WithAddr). Close it when done.
//
// It panics (with a message starting "rocketmqtest: ") when the server
// cannot start: an invalid option (an empty project ID or region), a seed
// the emulator refuses (WithInstance), or an address of WithAddr that
// cannot be listened on. Start returns those as errors instead.
func NewServer(opts ...Option) *Server {
	s, err := newServer(opts...)
	if err != nil {
		panic("rocketmqtest: " + err.Error())
	}
	return s
}

// Start is NewServer returning an error instead of panicking (for example
// when WithAddr names an address that is in use, or a seed is invalid).
func Start(opts ...Option) (*Server, error) {
	return newServer(opts...)
}

func newServer(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if err := cfg.finish(); err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		projects: make(map[string]*project),
		tokens:   make(map[string]*token),
		closing:  make(chan struct{}),
	}
	s.reqlog.limit = cfg.requestLogLimit
	s.reqlog.maxBytes = cfg.requestLogBytes
	for _, p := range cfg.projects {
		if _, dup := s.projects[p.ID]; dup {
			continue
		}
		pr := &project{id: p.ID, name: p.Name, instances: make(map[string]*instance)}
		s.projects[p.ID] = pr
		s.projList = append(s.projList, pr)
	}
	s.routes()
	for _, seed := range cfg.seeds {
		if _, err := s.AddInstance(seed); err != nil {
			return nil, fmt.Errorf("seeding instance %q: %w", seed.Name, err)
		}
	}
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ReadHeaderTimeout = cfg.readHeaderTimeout
	ts.Config.IdleTimeout = cfg.idleTimeout
	ts.Config.MaxHeaderBytes = maxHeaderBytes
	if cfg.addr != "" {
		l, err := net.Listen("tcp", cfg.addr)
		if err != nil {
			return nil, fmt.Errorf("listening on %s: %w", cfg.addr, err)
		}
		_ = ts.Listener.Close()
		ts.Listener = l
	}
	if cfg.tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	s.ts = ts
	s.url = ts.URL
	return s, nil
}

// URL returns the base URL of the emulator, e.g. "http://127.0.0.1:41235".
// It is both the DMS endpoint and the IAM endpoint.
func (s *Server) URL() string { return s.url }

// ProjectID returns the ID of the server's default project.
func (s *Server) ProjectID() string { return s.cfg.projects[0].ID }

// Region returns the region, which is also the name of the default project
// (what IAM project discovery looks up).
func (s *Server) Region() string { return s.cfg.projects[0].Name }

// Credentials returns the AK/SK the emulator accepts.
func (s *Server) Credentials() auth.AKSK { return s.cfg.creds }

// Password returns the password login of the emulator's default IAM user,
// scoped to the default project by name, with the emulator as IAM endpoint:
// ready for auth.NewPasswordCredentials.
func (s *Server) Password() auth.Password {
	u := s.cfg.iamUsers[0]
	return auth.Password{
		IAMEndpoint: s.url,
		Username:    u.Name,
		Password:    u.Password,
		DomainName:  u.Domain,
		ProjectName: s.Region(),
	}
}

// HTTPClient returns an *http.Client that reaches the emulator (it trusts
// the emulator's certificate when WithTLS is used).
func (s *Server) HTTPClient() *http.Client {
	if s.ts == nil {
		return &http.Client{}
	}
	return s.ts.Client()
}

// Handler returns the emulator as an http.Handler, to mount it in another
// server as well (URL and Client keep pointing at the emulator's own
// listener).
func (s *Server) Handler() http.Handler { return s }

// Client returns a rocketmq.Client wired to the emulator: its endpoint (also
// as IAM endpoint), region, project ID, AK/SK credentials and HTTP client,
// and a fast retry back-off (5ms to 100ms) so that tests of retries run
// quickly. opts are applied last: they override any of these, e.g.
// rocketmq.WithCredentials(auth.NewPasswordCredentials(srv.Password())).
//
// Its error is rocketmq.NewClient's: only an option in opts can cause one
// (for example an invalid endpoint, region or project ID, or a header value
// with control characters); with no opts it is always nil. It sends no
// request: a Close'd server is only noticed by the first call.
func (s *Server) Client(opts ...rocketmq.Option) (*rocketmq.Client, error) {
	base := []rocketmq.Option{
		rocketmq.WithEndpoint(s.url),
		rocketmq.WithRegion(s.Region()),
		rocketmq.WithIAMEndpoint(s.url),
		rocketmq.WithProjectID(s.ProjectID()),
		rocketmq.WithCredentials(s.Credentials()),
		rocketmq.WithHTTPClient(s.HTTPClient()),
		rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: 5 * time.Millisecond, MaxBackoff: 100 * time.Millisecond}),
	}
	return rocketmq.NewClient(append(base, opts...)...)
}

// Close shuts the emulator down. It ends injected latencies at once, waits
// at most DefaultCloseGrace (WithTimeouts) for the requests in progress,
// then closes their connections: it returns within a bounded time whatever
// clients do. Safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closing)
		if s.ts == nil {
			return
		}
		done := make(chan struct{})
		go func() {
			s.ts.Close()
			close(done)
		}()
		t := time.NewTimer(s.cfg.closeGrace)
		defer t.Stop()
		select {
		case <-done:
		case <-t.C:
			s.ts.CloseClientConnections()
			<-done
		}
	})
}

// now returns the emulator's clock.
func (s *Server) now() time.Time { return s.cfg.clock() }

// exchange is what the front of the pipeline hands to the routed handlers.
type exchange struct {
	id    string
	body  []byte
	start time.Time
}

type exchangeKey struct{}

// ServeHTTP implements http.Handler: request ID, request log, a check of
// the credentials that needs no body (an unauthenticated request's body is
// never read), the body, faults, routing; the signature over the body is
// verified in the routed handlers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ex := &exchange{id: newRequestID(), start: time.Now()}
	w.Header().Set("X-Request-Id", ex.id)

	entry := s.reqlog.add(r, ex)
	rec := &statusWriter{ResponseWriter: w}
	defer func() {
		s.reqlog.finish(entry, rec.status)
		s.logRequest(r, ex, rec.status)
	}()

	limit := int64(maxRequestBody)
	var refused *apiError
	if r.Method == http.MethodPost && r.URL.Path == "/v3/auth/tokens" {
		limit = maxLoginBody
	} else {
		refused = s.preauthenticate(r, s.now())
	}
	if refused == nil {
		body, err := s.readBody(w, r, limit)
		if errors.Is(err, errTooLarge) {
			writeError(rec, ex.id, &apiError{status: http.StatusRequestEntityTooLarge, code: "APIGW.0201", msg: "Request body too large."})
			return
		}
		ex.body = body
		s.reqlog.setBody(entry, body)
		if err != nil {
			writeError(rec, ex.id, errBadRequestBody("the request body could not be read"))
			return
		}
	}

	if f, ok := s.faults.take(r); ok {
		if !s.applyFault(rec, r, ex, f) {
			return
		}
	}
	if refused != nil {
		writeError(rec, ex.id, refused)
		return
	}

	r = r.WithContext(context.WithValue(r.Context(), exchangeKey{}, ex))
	if isEnginePath(r.URL.EscapedPath()) {
		s.eng.ServeHTTP(rec, r)
		return
	}
	s.main.ServeHTTP(rec, r)
}

var errTooLarge = errors.New("request body too large")

// readBody reads the body, within the read timeout; one of more than limit
// bytes is errTooLarge (and not kept: a declared length beyond it is not
// even read).
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if r.ContentLength > limit {
		return nil, errTooLarge
	}
	rc := http.NewResponseController(w)
	if s.cfg.readTimeout > 0 {
		_ = rc.SetReadDeadline(time.Now().Add(s.cfg.readTimeout))
		defer func() { _ = rc.SetReadDeadline(time.Time{}) }()
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	_ = r.Body.Close()
	if err == nil && int64(len(body)) > limit {
		return nil, errTooLarge
	}
	return body, err
}

// isEnginePath reports whether p has the shape
// /v2/{engine}/{project_id}/instances/…, which the reference uses for a few
// operations next to the /v2/{project_id}/instances/… ones. The two shapes
// cannot share one ServeMux (their patterns conflict), so they are routed
// by this test to two.
func isEnginePath(p string) bool {
	segs := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 6)
	return len(segs) >= 5 && segs[0] == "v2" && segs[3] == "instances" && segs[2] != "instances" && segs[2] != "rocketmq"
}

func (s *Server) logRequest(r *http.Request, ex *exchange, status int) {
	l := s.cfg.logger
	if l == nil {
		return
	}
	l.LogAttrs(r.Context(), slog.LevelInfo, "rocketmqtest request",
		slog.String("method", r.Method),
		slog.String("path", r.URL.EscapedPath()),
		slog.String("query", r.URL.RawQuery),
		slog.Int("status", status),
		slog.String("request_id", ex.id),
		slog.Duration("duration", time.Since(ex.start)),
	)
}

// statusWriter records the status written through it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// result is what an API handler answers.
type result struct {
	status int
	body   any    // JSON-encoded when non-nil
	raw    []byte // written as is when body is nil
	ctype  string
	err    *apiError
}

func okJSON(v any) result       { return result{status: http.StatusOK, body: v} }
func noContent() result         { return result{status: http.StatusNoContent} }
func failed(e *apiError) result { return result{err: e} }
func plainText(s string) result {
	return result{status: http.StatusOK, raw: []byte(s), ctype: "text/plain;charset=UTF-8"}
}
func statusOnly(status int) result    { return result{status: status} }
func jsonStatus(st int, v any) result { return result{status: st, body: v} }

func writeResult(w http.ResponseWriter, reqID string, res result) {
	if res.err != nil {
		writeError(w, reqID, res.err)
		return
	}
	switch {
	case res.body != nil:
		b, err := json.Marshal(res.body)
		if err != nil {
			writeError(w, reqID, &apiError{status: 500, code: "DMS.00500000", msg: "Internal service error."})
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(res.status)
		_, _ = w.Write(b)
	case res.raw != nil:
		ct := res.ctype
		if ct == "" {
			ct = "application/json;charset=UTF-8"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(res.status)
		_, _ = w.Write(res.raw)
	default:
		w.WriteHeader(res.status)
	}
}

// errorDoc is the service's error body.
type errorDoc struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	RequestID string `json:"request_id,omitempty"`
}

func writeError(w http.ResponseWriter, reqID string, e *apiError) {
	doc := errorDoc{ErrorCode: e.code, ErrorMsg: e.msg}
	if strings.HasPrefix(e.code, "APIGW.") {
		doc.RequestID = reqID
	}
	var b []byte
	if e.rawBody != nil {
		b = e.rawBody
	} else {
		b, _ = json.Marshal(doc)
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	if e.retryAfter != "" {
		w.Header().Set("Retry-After", e.retryAfter)
	}
	w.WriteHeader(e.status)
	_, _ = w.Write(b)
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// newJobID returns a 32-hex-digit job ID like the reference's.
func newJobID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
