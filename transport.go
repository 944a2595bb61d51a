package rocketmq

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-querystring/query"

	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

// Request is one API call for Client.Do, for operations the family packages
// do not wrap. Nothing in it is modified by Do.
type Request struct {
	// Method is the HTTP method, e.g. http.MethodGet; empty means GET.
	Method string
	// Path is a template such as "/v2/{project_id}/instances/{instance_id}".
	// {project_id} and {engine} are filled by the client; every other
	// {name} comes from PathParams, escaped as one path segment.
	Path string
	// PathParams fills the template's other parameters. A missing, empty
	// (or all-space) value, "." or ".." is a *ValidationError: nothing is
	// sent. A "project_id" or "engine" entry overrides the client's.
	PathParams map[string]string
	// Query is a struct (or pointer to one) with `url` tags
	// (github.com/google/go-querystring), a url.Values, a
	// map[string]string, a string sent as is (already encoded), or nil.
	// Except for a string, keys are sorted and spaces sent as %20.
	Query any
	// Body is marshalled as JSON, except []byte, json.RawMessage and string,
	// which are sent byte for byte. nil (or a nil pointer) sends no body.
	// GET, HEAD and OPTIONS take no body; with AK/SK credentials a body
	// over auth.MaxSignedBody is refused with auth.ErrBodyTooLarge.
	Body any
	// ContentType overrides "application/json" for a body; it is not sent
	// without one.
	ContentType string
	// Action is the IAM action the operation needs (e.g.
	// "dms:instance:get"), named by the *APIError of a 403. Optional.
	Action string
}

// Response is what Client.Do received. Do returns it with an *APIError too,
// so that the headers and raw body of a refusal can be read.
type Response struct {
	// StatusCode is the HTTP status of the last attempt.
	StatusCode int
	// Header is the response's header.
	Header http.Header
	// RequestID is the X-Request-Id response header (for an error without
	// one, the body's request_id).
	RequestID string
	// Body is the raw response body (at most 64 MiB for a success, 1 MiB
	// for an error), unredacted.
	Body []byte
	// Attempts is how many attempts the call took.
	Attempts int
}

// maxBody caps a successful response body (a guard, far above any real one).
const maxBody = 64 << 20

var errAttemptTimeout = errors.New("rocketmq: attempt timed out (WithTimeout)")

// prepared is a request ready to send: URL and body final.
type prepared struct {
	method      string
	u           *url.URL
	urlStr      string
	body        []byte
	contentType string
	projectID   string
	logPath     string
	action      string
	call        callConfig
}

// Do sends req and decodes a successful response's JSON body into out (nil
// to ignore it; a *string receives a plain-text body; a *[]byte or
// *json.RawMessage the raw bytes). It is the one request path of the SDK:
// it checks and fills the path (discovering the project ID when needed),
// encodes the query and body, authorizes (signs) every attempt, bounds each
// attempt by WithTimeout, retries by the client's RetryPolicy, and turns
// every status ≥ 300 into an *APIError (redirects are never followed). A
// 204 or an empty body leaves out untouched; a success body over 64 MiB is
// an error. When ctx ends, Do returns ctx.Err() (possibly wrapped, with the
// last attempt's error).
//
// Per-call options (CaptureResponse, WithHeader, WithCallRetry,
// WithCallTimeout) change this call only.
func (c *Client) Do(ctx context.Context, req *Request, out any, opts ...CallOption) (*Response, error) {
	if c == nil {
		return nil, &ValidationError{Field: "client", Message: "is nil: create one with rocketmq.NewClient"}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if req == nil {
		return nil, &ValidationError{Field: "request", Message: "must not be nil"}
	}
	cc := buildCallConfig(opts)
	if err := checkCallHeaders(cc.header); err != nil {
		return nil, err
	}
	p, err := c.prepare(ctx, req)
	if err != nil {
		return nil, err
	}
	p.call = cc
	resp, err := c.send(ctx, p, out)
	if cc.capture != nil && resp != nil {
		*cc.capture = *resp
	}
	return resp, err
}

// reservedHeaders are set by the client itself; WithHeader cannot change
// them.
var reservedHeaders = []string{"Authorization", "X-Sdk-Date", "X-Auth-Token", "X-Security-Token",
	"X-Project-Id", "Host", "Content-Type", "Content-Length", "User-Agent"}

func checkCallHeaders(h http.Header) error {
	for k, vs := range h {
		if k == "" || strings.IndexFunc(k, func(r rune) bool { return r <= ' ' || r >= 0x7f || r == ':' }) >= 0 {
			return &ValidationError{Field: "header", Message: fmt.Sprintf("%q is not a valid header name", k)}
		}
		for _, r := range reservedHeaders {
			if k == r {
				return &ValidationError{Field: "header", Message: k + " is set by the client and cannot be given with WithHeader"}
			}
		}
		for _, v := range vs {
			if strings.IndexFunc(v, isCTL) >= 0 {
				return &ValidationError{Field: "header", Message: "the value of " + k + " contains a control character"}
			}
		}
	}
	return nil
}

func (c *Client) prepare(ctx context.Context, req *Request) (*prepared, error) {
	method := strings.ToUpper(req.Method)
	if method == "" {
		method = http.MethodGet
	}
	// Everything is checked before anything can cause I/O (project
	// discovery included).
	if err := checkPathParams(req.Path, req.PathParams); err != nil {
		return nil, err
	}
	q, err := encodeQuery(req.Query)
	if err != nil {
		return nil, err
	}
	body, ctype, err := encodeBody(req.Body, req.ContentType)
	if err != nil {
		return nil, err
	}
	if method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions {
		if len(body) > 0 {
			return nil, &ValidationError{Field: "body", Message: "a " + method + " request has no body"}
		}
		body, ctype = nil, ""
	}
	if isAKSK(c.creds.Credentials) && len(body) > auth.MaxSignedBody {
		return nil, auth.ErrBodyTooLarge
	}
	if strings.IndexFunc(req.Path, isCTL) >= 0 || strings.IndexFunc(q, isCTL) >= 0 {
		return nil, &ValidationError{Field: "path", Message: "contains a control character"}
	}
	var pid string
	if v, ok := req.PathParams["project_id"]; ok {
		// An explicit project in the path is also the X-Project-Id.
		pid = v
	} else if strings.Contains(req.Path, "{project_id}") {
		id, err := c.resolveProjectID(ctx)
		if err != nil {
			return nil, err
		}
		pid = id
	} else {
		pid = c.ProjectID()
	}
	path, err := c.expandPath(req.Path, req.PathParams, pid)
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	sb.Grow(len(c.endpoint) + len(path) + len(q) + 1)
	sb.WriteString(c.endpoint)
	sb.WriteString(path)
	if q != "" {
		sb.WriteByte('?')
		sb.WriteString(q)
	}
	urlStr := sb.String()
	u, err := url.Parse(urlStr)
	if err != nil {
		return nil, &ValidationError{Field: "path", Message: err.Error()}
	}
	return &prepared{method: method, u: u, urlStr: urlStr, body: body, contentType: ctype, projectID: pid,
		logPath: u.EscapedPath(), action: req.Action}, nil
}

func checkPathParams(tmpl string, params map[string]string) error {
	for rest := tmpl; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return nil
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return &ValidationError{Field: "path", Message: "unterminated parameter in " + tmpl}
		}
		name := rest[i+1 : i+j]
		rest = rest[i+j+1:]
		if name == "project_id" || name == "engine" {
			if v, ok := params[name]; ok && strings.TrimSpace(v) == "" {
				return &ValidationError{Field: name, Message: "must not be empty"}
			}
			continue
		}
		v, ok := params[name]
		if !ok || strings.TrimSpace(v) == "" {
			return &ValidationError{Field: name, Message: "must not be empty"}
		}
		if v == "." || v == ".." {
			// A dot segment would be resolved away by the server and
			// address another resource.
			return &ValidationError{Field: name, Message: `must not be "." or ".."`}
		}
	}
}

// expandPath fills the template; parameters were checked by checkPathParams.
func (c *Client) expandPath(tmpl string, params map[string]string, pid string) (string, error) {
	var b strings.Builder
	b.Grow(len(tmpl) + 64)
	for rest := tmpl; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		b.WriteString(rest[:i])
		name := rest[i+1 : i+j]
		rest = rest[i+j+1:]
		v, ok := params[name]
		if !ok {
			switch name {
			case "project_id":
				v = pid
			case "engine":
				v = c.engine
			}
		}
		if v == "" {
			return "", &ValidationError{Field: name, Message: "must not be empty"}
		}
		b.WriteString(url.PathEscape(v))
	}
	return b.String(), nil
}

// encodeQuery renders q with keys sorted and spaces as %20.
func encodeQuery(q any) (string, error) {
	var vals url.Values
	switch v := q.(type) {
	case nil:
		return "", nil
	case url.Values:
		vals = v
	case map[string]string:
		vals = make(url.Values, len(v))
		for k, s := range v {
			vals[k] = []string{s}
		}
	case string:
		return v, nil
	default:
		rv := reflect.ValueOf(q)
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			return "", nil
		}
		var err error
		vals, err = query.Values(q)
		if err != nil {
			return "", &ValidationError{Field: "query", Message: err.Error()}
		}
	}
	if len(vals) == 0 {
		return "", nil
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b []byte
	for _, k := range keys {
		for _, v := range vals[k] {
			if len(b) > 0 {
				b = append(b, '&')
			}
			b = signer.AppendEscape(b, k) // the signer's canonical form: a space is %20
			b = append(b, '=')
			b = signer.AppendEscape(b, v)
		}
	}
	return string(b), nil
}

func encodeBody(body any, ctype string) ([]byte, string, error) {
	if ctype == "" {
		ctype = "application/json"
	}
	switch v := body.(type) {
	case nil:
		return nil, "", nil
	case []byte:
		return v, ctype, nil
	case json.RawMessage:
		return v, ctype, nil
	case string:
		return []byte(v), ctype, nil
	}
	rv := reflect.ValueOf(body)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil, "", nil
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, "", &ValidationError{Field: "body", Message: err.Error()}
	}
	return b, ctype, nil
}

// send runs the attempt loop for a prepared request.
func (c *Client) send(ctx context.Context, p *prepared, out any) (*Response, error) {
	pol := c.retry
	if p.call.retry != nil {
		pol = *p.call.retry
	}
	var (
		resp      *Response
		lastErr   error
		relogged  bool
		extra     int
		sentToken string
	)
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			if lastErr != nil {
				return resp, fmt.Errorf("%w (last attempt: %v)", err, lastErr)
			}
			return resp, err
		}
		var apiErr *APIError
		var transportErr error
		resp, apiErr, sentToken, transportErr = c.attempt(ctx, p, attempt)
		if transportErr == nil && apiErr == nil {
			if err := decodeInto(out, resp.Body); err != nil {
				return resp, fmt.Errorf("rocketmq: %s %s: decoding the response: %w", p.method, p.logPath, err)
			}
			return resp, nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return resp, ctxErr
		}
		var vErr *ValidationError
		if errors.As(transportErr, &vErr) || errors.Is(transportErr, auth.ErrBodyTooLarge) || errors.Is(transportErr, errAuthorize) ||
			errors.Is(transportErr, errBodyTooLarge) {
			return resp, transportErr
		}
		if apiErr != nil {
			lastErr = apiErr
		} else {
			lastErr = transportErr
		}
		if apiErr != nil && apiErr.StatusCode == http.StatusUnauthorized && !relogged {
			// A refused IAM token (expired early, revoked, or a clock
			// apart from IAM's): log in again once. The request was not
			// applied; this is not a retry of a bad AK/SK signature.
			if r, ok := c.creds.Credentials.(tokenRejecter); ok && sentToken != "" {
				r.Reject(sentToken)
				relogged = true
				extra++ // this attempt is not counted against MaxAttempts
				continue
			}
		}
		if attempt-extra >= pol.MaxAttempts || !pol.retryable(p.method, apiErr, transportErr) {
			return resp, lastErr
		}
		wait := pol.backoff(attempt - extra)
		if apiErr != nil {
			if ra, ok := parseRetryAfter(apiErr.RetryAfter, time.Now()); ok {
				if ra > pol.MaxRetryAfter {
					return resp, lastErr
				}
				wait = ra
			}
		}
		if !sleepCtx(ctx, wait) {
			if err := ctx.Err(); err != nil {
				return resp, fmt.Errorf("%w (last attempt: %v)", err, lastErr)
			}
			// The deadline comes before the wait would end: give up now.
			return resp, lastErr
		}
	}
}

var errAuthorize = errors.New("rocketmq: authorizing the request")

// attempt sends one attempt. It returns a Response when one arrived, an
// *APIError for statuses ≥ 300, or a transport error.
// The token is the X-Auth-Token sent, if any.
func (c *Client) attempt(ctx context.Context, p *prepared, n int) (*Response, *APIError, string, error) {
	actx := ctx
	timeout := c.timeout
	if p.call.hasTimeo {
		timeout = p.call.timeout
	}
	if timeout > 0 {
		// A caller's deadline that comes first already bounds the attempt.
		if dl, ok := ctx.Deadline(); !ok || time.Until(dl) > timeout {
			var cancel context.CancelFunc
			actx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
	}
	h := make(http.Header, 8+len(p.call.header))
	for k, vs := range p.call.header {
		h[k] = vs
	}
	if p.contentType != "" {
		h["Content-Type"] = []string{p.contentType}
	}
	if p.projectID != "" {
		h[auth.HeaderProjectID] = []string{p.projectID}
	}
	hreq := &http.Request{Method: p.method, URL: p.u, Host: p.u.Host, Header: h}
	actxAuth := actx
	if c.needsEnv {
		actxAuth = c.authContext(actx)
	}
	if err := c.creds.Authorize(actxAuth, hreq, p.body); err != nil {
		if ctx.Err() != nil {
			return nil, nil, "", ctx.Err()
		}
		if errors.Is(err, auth.ErrBodyTooLarge) {
			return nil, nil, "", err
		}
		return nil, nil, "", fmt.Errorf("%w: %w", errAuthorize, err)
	}
	h["User-Agent"] = []string{c.userAgent}
	h["Accept"] = []string{"application/json"}

	r := c.rc.R()
	r.SetContext(actx)
	r.Header = h
	if p.body != nil {
		// A *bytes.Reader goes to http.NewRequest as it is (Content-Length
		// and GetBody set, nothing copied); resty copies a []byte body
		// three times.
		r.SetBody(bytes.NewReader(p.body))
	}
	r.SetDoNotParseResponse(true)
	start := time.Now()
	rr, err := r.Execute(p.method, p.urlStr)
	var raw io.ReadCloser
	if rr != nil {
		raw = rr.RawBody()
	}
	if err != nil {
		if raw != nil {
			_ = raw.Close()
		}
		if actx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("%w: %w", errAttemptTimeout, err)
		}
		c.logAttempt(ctx, p, n, 0, "", time.Since(start), err)
		return nil, nil, "", err
	}
	status := rr.StatusCode()
	limit := int64(maxBody)
	if status >= 300 {
		limit = maxErrorBody // an *APIError's body
	}
	var body []byte
	if raw != nil {
		body, err = readBody(raw, rr.RawResponse.ContentLength, limit)
		_ = raw.Close()
		if errors.Is(err, errBodyTooLarge) && status >= 300 {
			err = nil // an error body is only shortened
		}
		if err != nil && status < 300 {
			if actx.Err() != nil && ctx.Err() == nil {
				err = fmt.Errorf("%w: %w", errAttemptTimeout, err)
			}
			c.logAttempt(ctx, p, n, status, "", time.Since(start), err)
			return nil, nil, "", fmt.Errorf("rocketmq: reading the response: %w", err)
		}
	}
	hdr := rr.Header()
	resp := &Response{StatusCode: status, Header: hdr, RequestID: hdr.Get("X-Request-Id"), Body: body, Attempts: n}
	c.logAttempt(ctx, p, n, status, resp.RequestID, time.Since(start), nil)
	if status >= 300 {
		// A gateway may echo a credential header (or a secret of the
		// request body) into its error: never let one reach an error
		// message (Response.Body stays raw).
		secrets := append(bodySecrets(p.body), firstValue(h[auth.HeaderAuthToken]), firstValue(h[auth.HeaderSecurityToken]))
		e := newAPIError(status, hdr, scrubSecrets(body, secrets))
		// The decoded message too: JSON may have escaped a secret's '<'.
		e.Message = string(scrubSecrets([]byte(e.Message), secrets))
		if status < 400 {
			// Redirects are not followed: they would carry the
			// credentials to wherever they point.
			e.Message = "unexpected redirect (not followed)"
			if loc := hdr.Get("Location"); loc != "" {
				e.Message += " to " + snippet(loc)
			}
		}
		e.Method, e.Path, e.Action = p.method, p.logPath, p.action
		if resp.RequestID == "" {
			resp.RequestID = e.RequestID
		}
		return resp, e, firstValue(h[auth.HeaderAuthToken]), nil
	}
	return resp, nil, "", nil
}

func firstValue(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// scrubSecrets returns body with every secret value replaced (body itself
// when none occurs in it). Values shorter than 4 bytes are left alone:
// masking them would garble the message, and no credential is that short.
func scrubSecrets(body []byte, secrets []string) []byte {
	for _, v := range secrets {
		if len(v) >= 4 && bytes.Contains(body, []byte(v)) {
			body = bytes.ReplaceAll(body, []byte(v), []byte("[REDACTED]"))
		}
	}
	return body
}

func isCTL(r rune) bool { return r < 0x20 || r == 0x7f }

// isAKSK reports AK/SK credentials, by value or pointer.
func isAKSK(c auth.Credentials) bool {
	switch c.(type) {
	case auth.AKSK, *auth.AKSK:
		return true
	}
	return false
}

// tokenRejecter is implemented by credentials that can replace a token the
// service refused (auth.PasswordCredentials).
type tokenRejecter interface {
	Reject(token string)
}

// errBodyTooLarge is returned by readBody when the body exceeds its limit.
var errBodyTooLarge = errors.New("the response body exceeds the limit")

// readBody reads at most limit bytes (the bytes read and errBodyTooLarge
// when there are more) and drains a little more so the connection can be
// reused. size is the announced Content-Length (-1 when unknown): a body of
// known size is read into one exact buffer.
func readBody(rc io.Reader, size, limit int64) ([]byte, error) {
	// A zero size is treated as unknown: custom transports (and mocks)
	// often leave ContentLength unset.
	if size > limit {
		b, err := readBody(rc, -1, limit)
		if err == nil {
			err = errBodyTooLarge
		}
		return b, err
	}
	if size > 0 && size <= 1<<20 {
		// Up to 1 MiB is trusted to the byte; a larger announced size is
		// read into a growing buffer (nothing allocated on a promise).
		buf := make([]byte, size)
		n, err := io.ReadFull(rc, buf)
		if err != nil {
			return buf[:n], err // shorter than announced: io.ErrUnexpectedEOF
		}
		_, _ = io.CopyN(io.Discard, rc, 64<<10)
		return buf, nil
	}
	var b bytes.Buffer
	switch {
	case size > 0:
		b.Grow(1 << 20)
	case size < 0:
		b.Grow(4 << 10)
	}
	_, err := b.ReadFrom(io.LimitReader(rc, limit))
	if err != nil {
		return b.Bytes(), err
	}
	if int64(b.Len()) == limit {
		// Is there more?
		var one [1]byte
		if n, _ := io.ReadFull(rc, one[:]); n > 0 {
			_, _ = io.CopyN(io.Discard, rc, 64<<10)
			return b.Bytes(), errBodyTooLarge
		}
		return b.Bytes(), nil
	}
	_, _ = io.CopyN(io.Discard, rc, 64<<10)
	return b.Bytes(), nil
}

// decodeInto decodes a successful body into out.
func decodeInto(out any, body []byte) error {
	if out == nil {
		return nil
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil
	}
	switch o := out.(type) {
	case *string:
		if trimmed[0] == '"' {
			var s string
			if err := json.Unmarshal(trimmed, &s); err == nil {
				*o = s
				return nil
			}
		}
		*o = string(trimmed)
		return nil
	case *[]byte:
		*o = append((*o)[:0], body...)
		return nil
	case *json.RawMessage:
		*o = append((*o)[:0], body...)
		return nil
	}
	if err := jsonx.Unmarshal(trimmed, out); err != nil {
		// Never a secret_key in an error: JSON is shown redacted, malformed
		// JSON not at all; other text (a proxy's HTML page) as a snippet.
		shown := string(trimmed)
		switch {
		case json.Valid(trimmed):
			shown = redactBody(trimmed)
		case trimmed[0] == '{' || trimmed[0] == '[':
			shown = "(" + strconv.Itoa(len(trimmed)) + " bytes of malformed JSON)"
		}
		return fmt.Errorf("%w (body: %s)", err, snippet(shown))
	}
	return nil
}

func (c *Client) logAttempt(ctx context.Context, p *prepared, n, status int, reqID string, d time.Duration, err error) {
	l := c.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs,
		slog.String("method", p.method),
		slog.String("path", p.logPath),
		slog.Int("attempt", n),
		slog.Duration("duration", d),
	)
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if reqID != "" {
		attrs = append(attrs, slog.String("request_id", reqID))
	}
	if p.u.RawQuery != "" {
		attrs = append(attrs, slog.String("query", redactQuery(p.u.RawQuery)))
	}
	if len(p.body) > 0 {
		attrs = append(attrs, slog.String("body", redactBody(p.body)))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "rocketmq request", attrs...)
}

// secretKeys are JSON keys (and query parameters) whose values never reach
// a log.
var secretKeys = []string{"secret_key", "password", "token", "security_token", "secretkey", "sk", "access_secret", "pwd", "credential", "credentials"}

// bodySecrets returns the string values found under the secret keys of a
// JSON body of at most 1 MiB (secret_key, password, …, nested values
// included). It runs only for an error answer, to mask what a server
// might echo.
func bodySecrets(body []byte) []string {
	if len(body) == 0 || len(body) > 1<<20 {
		return nil
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []string
	var walk func(v any, secret bool)
	walk = func(v any, secret bool) {
		switch t := v.(type) {
		case map[string]any:
			for k, val := range t {
				walk(val, secret || isSecretKey(k))
			}
		case []any:
			for _, e := range t {
				walk(e, secret)
			}
		case string:
			if secret {
				out = append(out, t)
				// As the body carried it: JSON-escaped ("\u003c" for '<').
				if enc, err := json.Marshal(t); err == nil && string(enc[1:len(enc)-1]) != t {
					out = append(out, string(enc[1:len(enc)-1]))
				}
			}
		}
	}
	walk(v, false)
	return out
}

// redactQuery masks the values of secret parameters in a raw query.
func redactQuery(raw string) string {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return "(unparsable query)"
	}
	changed := false
	for k, vs := range vals {
		if isSecretKey(k) {
			for i := range vs {
				vs[i] = "[REDACTED]"
			}
			changed = true
		}
	}
	if !changed {
		return raw
	}
	return vals.Encode()
}

// redactBody returns body for a debug log with secret values replaced and
// at most 2 KiB kept.
func redactBody(body []byte) string {
	const max = 2048
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "(" + strconv.Itoa(len(body)) + " bytes, not JSON)"
	}
	b, err := json.Marshal(redactValue(v))
	if err != nil {
		return "(" + strconv.Itoa(len(body)) + " bytes)"
	}
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

// redactValue returns v with the values of secret keys replaced and the
// passwords of URLs (such as a shovel's amqp://user:pass@host) masked.
func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if isSecretKey(k) {
				t[k] = "[REDACTED]"
				continue
			}
			t[k] = redactValue(val)
		}
	case []any:
		for i, e := range t {
			t[i] = redactValue(e)
		}
	case string:
		if strings.Contains(t, "@") && strings.Contains(t, "://") {
			if u, err := url.Parse(t); err == nil && u.User != nil {
				if _, ok := u.User.Password(); ok {
					return u.Redacted()
				}
			}
		}
	}
	return v
}

// isSecretKey reports whether a JSON key names a secret: one of secretKeys
// (also as a suffix, "new_password"), or any key mentioning a password or
// a secret ("password_hash", "client_secret_value").
func isSecretKey(k string) bool {
	lk := strings.ToLower(k)
	if strings.Contains(lk, "password") || strings.Contains(lk, "passwd") || strings.Contains(lk, "secret") {
		return true
	}
	for _, s := range secretKeys {
		if lk == s || strings.HasSuffix(lk, "_"+s) || strings.HasSuffix(lk, s) && s != "sk" && s != "token" {
			return true
		}
	}
	return false
}
