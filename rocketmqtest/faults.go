package rocketmqtest

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault describes a failure the emulator injects into the next matching
// requests, before authentication and routing (so it also applies to the
// IAM endpoints and to unauthenticated requests). Its Method and Path must
// be able to match one of the emulator's routes: AddFault refuses one that
// cannot (a typo, or a query string in the path), which would otherwise
// never be hit.
//
// A fault with Status answers that status with an error document; with
// Drop it closes the connection without answering; with only Latency it
// delays the request, which is then handled normally. Latency combines with
// the other two (the delay comes first).
type Fault struct {
	// Method matches the request method ("" matches any).
	Method string
	// Path matches the request path, without its query. With a "{" it is
	// a pattern matched segment by segment against the decoded path:
	// "{name}" matches one segment and a final "{name...}" the rest, e.g.
	// "/v2/{project_id}/instances/{instance_id}/topics". Without, it is a
	// prefix of the path (decoded or as sent). "" matches every path.
	Path string
	// Status is the HTTP status to answer (0: none).
	Status int
	// Code and Message fill error_code and error_msg; by default
	// "APIGW.0308" for 429, "DMS.00500000" for 5xx and "DMS.00400062"
	// otherwise, and the status text.
	Code    string
	Message string
	// RetryAfter, when positive, is sent as a Retry-After header in
	// seconds (fractions allowed, e.g. "0.05", which the SDK honours).
	RetryAfter time.Duration
	// Drop breaks the connection without an answer (a truncated status line,
	// then close): the client sees a transport error, and retries it only
	// when its own rules say so.
	Drop bool
	// Latency delays the request (ended early if the client goes away).
	Latency time.Duration
	// Times is how many matching requests the fault applies to: 0 means
	// once, a negative value every matching request until removed.
	Times int
}

// InjectedFault is a fault in effect. Its methods are safe for concurrent
// use.
type InjectedFault struct {
	f         Fault
	set       *faultSet
	remaining int // < 0: unlimited
	hits      int
}

// Hits returns how many requests the fault has applied to.
func (h *InjectedFault) Hits() int {
	h.set.mu.Lock()
	defer h.set.mu.Unlock()
	return h.hits
}

// Remaining returns how many more requests it applies to (-1: unlimited).
func (h *InjectedFault) Remaining() int {
	h.set.mu.Lock()
	defer h.set.mu.Unlock()
	if h.remaining < 0 {
		return -1
	}
	return h.remaining
}

// Remove withdraws the fault.
func (h *InjectedFault) Remove() {
	h.set.mu.Lock()
	defer h.set.mu.Unlock()
	h.remaining = 0
	h.set.prune()
}

type faultSet struct {
	mu     sync.Mutex
	faults []*InjectedFault
}

// InjectFault makes the next f.Times requests matching f.Method and f.Path
// fail as f says. Faults are consulted in the order they were injected; a
// request consumes at most one. Safe for concurrent use, also while
// requests are being served.
//
// It panics (with a message starting "rocketmqtest: ") on a fault that no
// request can match: a Path holding a query ("?") or matching none of the
// emulator's routes, or a Method that no route of that path has; AddFault
// returns that as an error instead.
func (s *Server) InjectFault(f Fault) *InjectedFault {
	h, err := s.AddFault(f)
	if err != nil {
		panic(err.Error())
	}
	return h
}

// AddFault is InjectFault returning an error, instead of panicking, for a
// fault that no request can match.
func (s *Server) AddFault(f Fault) (*InjectedFault, error) {
	if err := s.checkFault(f); err != nil {
		return nil, err
	}
	n := f.Times
	if n == 0 {
		n = 1
	}
	if n < 0 {
		n = -1
	}
	h := &InjectedFault{f: f, set: &s.faults, remaining: n}
	s.faults.mu.Lock()
	s.faults.faults = append(s.faults.faults, h)
	s.faults.mu.Unlock()
	return h, nil
}

// checkFault refuses a fault that no request can match.
func (s *Server) checkFault(f Fault) error {
	fail := func(why string) error {
		return fmt.Errorf("rocketmqtest: fault %s %q %s", cmp.Or(f.Method, "(any method)"), f.Path, why)
	}
	if strings.ContainsAny(f.Path, "?#") {
		return fail("holds a query: Path matches the request path only, without its query")
	}
	if f.Path == "" {
		if f.Method == "" || slices.ContainsFunc(s.patterns, func(p string) bool { return strings.EqualFold(routeMethod(p), f.Method) }) {
			return nil
		}
		return fail("names a method that no route has")
	}
	if !strings.HasPrefix(f.Path, "/") {
		return fail(`does not start with "/"`)
	}
	pathOK := false
	for _, p := range s.patterns {
		method, route, _ := strings.Cut(p, " ")
		if strings.HasPrefix(route, "/v2/{engine}/") && !maybeEnginePath(f.Path) {
			continue // such a path goes to the other mux (isEnginePath)
		}
		var ok bool
		if strings.Contains(f.Path, "{") {
			ok = patternsOverlap(f.Path, route)
		} else {
			ok = prefixOfRoute(f.Path, route)
		}
		if !ok {
			continue
		}
		pathOK = true
		if f.Method == "" || strings.EqualFold(method, f.Method) {
			return nil
		}
	}
	if pathOK {
		return fail("names a method that no route of that path has")
	}
	return fail("matches none of the emulator's routes (see the reference's chapter 5 for the paths; {name} matches one segment)")
}

// maybeEnginePath reports whether paths matching the fault path can have
// the /v2/{engine}/{project_id}/instances/… shape that isEnginePath routes
// to the engine operations.
func maybeEnginePath(p string) bool {
	prefix := !strings.Contains(p, "{")
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	if len(segs) > 1 && !isWildcard(segs[1]) && !isEngine(segs[1]) {
		// Any other engine is refused (400) by every engine operation.
		partial := prefix && len(segs) == 2 &&
			(strings.HasPrefix(engineRocketMQ, segs[1]) || strings.HasPrefix(engineReliability, segs[1]))
		if !partial {
			return false
		}
	}
	if len(segs) > 2 && !isWildcard(segs[2]) && (segs[2] == "instances" || segs[2] == "rocketmq") {
		return false
	}
	return true
}

func routeMethod(p string) string {
	m, _, _ := strings.Cut(p, " ")
	return m
}

// segments splits a path into its segments.
func segments(p string) []string { return strings.Split(strings.Trim(p, "/"), "/") }

func isWildcard(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// patternsOverlap reports whether some path matches both the fault pattern
// f and the route pattern r.
func patternsOverlap(f, r string) bool {
	fs, rs := segments(f), segments(r)
	for i, seg := range fs {
		if strings.HasSuffix(seg, "...}") && isWildcard(seg) {
			return i <= len(rs)
		}
		if i >= len(rs) {
			return false
		}
		if isWildcard(seg) {
			continue
		}
		if u, err := url.PathUnescape(seg); err == nil {
			seg = u
		}
		if rs[i] == "{engine}" {
			// Only an engine name reaches a route's {engine} segment.
			if !isEngine(seg) {
				return false
			}
			continue
		}
		if isWildcard(rs[i]) {
			continue
		}
		if seg != rs[i] {
			return false
		}
	}
	return len(fs) == len(rs)
}

// prefixOfRoute reports whether some path of the route pattern r starts
// with prefix.
func prefixOfRoute(prefix, r string) bool {
	if u, err := url.PathUnescape(prefix); err == nil {
		prefix = u
	}
	ps := strings.Split(strings.TrimPrefix(prefix, "/"), "/")
	rs := segments(r)
	if len(ps) > len(rs) {
		return false
	}
	for i, seg := range ps {
		last := i == len(ps)-1
		switch {
		case rs[i] == "{engine}":
			// Only an engine name reaches a route's {engine} segment.
			if !isEngine(seg) && !(last && (strings.HasPrefix(engineRocketMQ, seg) || strings.HasPrefix(engineReliability, seg))) {
				return false
			}
		case isWildcard(rs[i]):
			if seg == "" && !last {
				return false
			}
		case last:
			if !strings.HasPrefix(rs[i], seg) {
				return false
			}
		case seg != rs[i]:
			return false
		}
	}
	return true
}

// ClearFaults withdraws every injected fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	for _, h := range s.faults.faults {
		h.remaining = 0
	}
	s.faults.faults = nil
	s.faults.mu.Unlock()
}

func (fs *faultSet) prune() {
	out := fs.faults[:0]
	for _, h := range fs.faults {
		if h.remaining != 0 {
			out = append(out, h)
		}
	}
	for i := len(out); i < len(fs.faults); i++ {
		fs.faults[i] = nil
	}
	fs.faults = out
}

// take consumes the first fault matching r.
func (fs *faultSet) take(r *http.Request) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, h := range fs.faults {
		if h.remaining == 0 || !h.f.matches(r) {
			continue
		}
		if h.remaining > 0 {
			h.remaining--
		}
		h.hits++
		f := h.f
		fs.prune()
		return f, true
	}
	return Fault{}, false
}

func (f *Fault) matches(r *http.Request) bool {
	if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
		return false
	}
	if f.Path == "" {
		return true
	}
	if strings.Contains(f.Path, "{") {
		return matchPattern(f.Path, r.URL.EscapedPath())
	}
	return strings.HasPrefix(r.URL.Path, f.Path) || strings.HasPrefix(r.URL.EscapedPath(), f.Path)
}

// matchPattern matches a path pattern with {name} and {name...} segments
// against an escaped path.
func matchPattern(pattern, escaped string) bool {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	xs := strings.Split(strings.Trim(escaped, "/"), "/")
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "...}") {
			return i <= len(xs)
		}
		if i >= len(xs) {
			return false
		}
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if xs[i] == "" {
				return false
			}
			continue
		}
		seg, err := url.PathUnescape(xs[i])
		if err != nil {
			seg = xs[i]
		}
		if seg != p && xs[i] != p {
			return false
		}
	}
	return len(ps) == len(xs)
}

// applyFault plays f on a request; it reports whether the request should
// then be handled normally.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, ex *exchange, f Fault) bool {
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return false
		case <-s.closing:
			t.Stop()
			panic(http.ErrAbortHandler) // shutting down: drop the request
		}
	}
	if f.Drop {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(http.ErrAbortHandler)
		}
		// A few bytes of a status line first: on a connection closed
		// without a byte, Go's HTTP client would silently resend a GET on
		// a new connection, and the caller's retry logic would never see
		// the failure.
		_, _ = buf.WriteString("HTTP/1.1 5")
		_ = buf.Flush()
		_ = conn.Close()
		return false
	}
	if f.Status == 0 {
		return true
	}
	code, msg := f.Code, f.Message
	if code == "" {
		switch {
		case f.Status == http.StatusTooManyRequests:
			code = "APIGW.0308"
		case f.Status >= 500:
			code = codeInternal
		default:
			code = codeInvalidParam
		}
	}
	if msg == "" {
		switch {
		case f.Status == http.StatusTooManyRequests:
			msg = "The throttling threshold has been reached: policy user over ratelimit, limit:100, time:1 minute"
		case f.Status >= 500:
			msg = http.StatusText(f.Status) + " (injected fault)."
		default:
			msg = "Invalid request parameter (injected fault)."
		}
	}
	e := &apiError{status: f.Status, code: code, msg: msg}
	if f.RetryAfter > 0 {
		if f.RetryAfter%time.Second == 0 {
			e.retryAfter = strconv.FormatInt(int64(f.RetryAfter/time.Second), 10)
		} else {
			e.retryAfter = strconv.FormatFloat(f.RetryAfter.Seconds(), 'f', -1, 64)
		}
	}
	writeError(w, ex.id, e)
	return false
}
