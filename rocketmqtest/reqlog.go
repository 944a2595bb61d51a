package rocketmqtest

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Request is a request the emulator received, as Server.Requests reports
// it.
type Request struct {
	// Time is when it arrived.
	Time time.Time
	// Method, Path (decoded), EscapedPath (as sent) and RawQuery describe
	// the request line.
	Method      string
	Path        string
	EscapedPath string
	RawQuery    string
	// Query is RawQuery parsed.
	Query url.Values
	// Header is a copy of the request headers (Authorization and
	// X-Auth-Token included: the emulator is a test tool).
	Header http.Header
	// Body is the request body, as sent: an ACL user's secret_key
	// included (the emulator's answers never show it; its request log is
	// for the test that sent it). At most MaxLoggedBodyBytes of it are
	// kept (BodyTruncated then says so). It is empty for a request refused
	// by authentication (401, 403), whose body the emulator does not keep
	// (and does not even read when the credentials are wrong without it).
	Body []byte
	// BodyTruncated reports that Body is the first MaxLoggedBodyBytes of
	// a longer body.
	BodyTruncated bool
	// Status is the HTTP status answered (0 while in flight, or when the
	// connection was dropped by a fault).
	Status int
	// RequestID is the X-Request-Id answered.
	RequestID string
}

// MaxLoggedBodyBytes is how much of a request body the request log keeps.
const MaxLoggedBodyBytes = 64 << 10

// String renders "METHOD /escaped/path?query" (Server.Requests matches its
// prefixes against this form, with the path decoded or as sent).
func (r Request) String() string {
	if r.RawQuery == "" {
		return r.Method + " " + r.EscapedPath
	}
	return r.Method + " " + r.EscapedPath + "?" + r.RawQuery
}

type requestLog struct {
	mu       sync.Mutex
	limit    int // entries
	maxBytes int // bytes of all entries
	bytes    int
	entries  []*logEntry
}

// logEntry is a logged request and what it costs.
type logEntry struct {
	req    Request
	size   int
	logged bool // counted in requestLog.bytes
}

// entrySize estimates what a logged request keeps in memory.
func entrySize(r *Request) int {
	n := 128 + len(r.Method) + len(r.Path) + len(r.EscapedPath) + 2*len(r.RawQuery) + len(r.Body) + len(r.RequestID)
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(v)
		}
	}
	return n
}

func (l *requestLog) add(r *http.Request, ex *exchange) *logEntry {
	e := &logEntry{req: Request{
		Time:        ex.start,
		Method:      r.Method,
		Path:        r.URL.Path,
		EscapedPath: r.URL.EscapedPath(),
		RawQuery:    r.URL.RawQuery,
		Query:       r.URL.Query(),
		Header:      r.Header.Clone(),
		RequestID:   ex.id,
	}}
	e.size = entrySize(&e.req)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.limit <= 0 {
		return e
	}
	e.logged = true
	l.entries = append(l.entries, e)
	l.bytes += e.size
	l.trimLocked()
	return e
}

// trimLocked drops the oldest entries beyond the limits.
func (l *requestLog) trimLocked() {
	n := 0
	for n < len(l.entries) && (len(l.entries)-n > l.limit || l.maxBytes > 0 && l.bytes > l.maxBytes) {
		l.bytes -= l.entries[n].size
		l.entries[n].logged = false
		n++
	}
	if n == 0 {
		return
	}
	copy(l.entries, l.entries[n:])
	for i := len(l.entries) - n; i < len(l.entries); i++ {
		l.entries[i] = nil
	}
	l.entries = l.entries[:len(l.entries)-n]
}

// setBody keeps (a copy of the first MaxLoggedBodyBytes of) body.
func (l *requestLog) setBody(e *logEntry, body []byte) {
	if len(body) == 0 {
		return
	}
	kept := body
	if len(kept) > MaxLoggedBodyBytes {
		kept = kept[:MaxLoggedBodyBytes]
	}
	kept = append([]byte(nil), kept...)
	l.mu.Lock()
	defer l.mu.Unlock()
	e.req.Body, e.req.BodyTruncated = kept, len(body) > len(kept)
	e.size += len(kept)
	if e.logged {
		l.bytes += len(kept)
		l.trimLocked()
	}
}

// finish records the status; a request refused by authentication keeps no
// body.
func (l *requestLog) finish(e *logEntry, status int) {
	l.mu.Lock()
	e.req.Status = status
	if (status == http.StatusUnauthorized || status == http.StatusForbidden) && len(e.req.Body) > 0 {
		e.size -= len(e.req.Body)
		if e.logged {
			l.bytes -= len(e.req.Body)
		}
		e.req.Body, e.req.BodyTruncated = nil, false
	}
	l.mu.Unlock()
}

// Requests returns copies of the requests received so far (oldest first,
// at most WithRequestLogLimit of them and WithRequestLogBytes in all),
// optionally only those whose Request.String() form "METHOD /path?query"
// (path decoded or as sent) starts with one of the given prefixes, e.g.
// "POST /v2/", "GET /v2/p/instances" or
// "GET /v2/p/instances?engine=rocketmq".
func (s *Server) Requests(prefixes ...string) []Request {
	s.reqlog.mu.Lock()
	defer s.reqlog.mu.Unlock()
	out := make([]Request, 0, len(s.reqlog.entries))
	for _, le := range s.reqlog.entries {
		e := &le.req
		if len(prefixes) > 0 {
			key := e.Method + " " + e.Path
			keyEsc := e.String()
			if e.RawQuery != "" {
				key += "?" + e.RawQuery
			}
			ok := false
			for _, p := range prefixes {
				if strings.HasPrefix(key, p) || strings.HasPrefix(keyEsc, p) {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		out = append(out, *e)
	}
	return out
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.reqlog.mu.Lock()
	for _, e := range s.reqlog.entries {
		e.logged = false
	}
	s.reqlog.entries, s.reqlog.bytes = nil, 0
	s.reqlog.mu.Unlock()
}
