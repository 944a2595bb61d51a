package rocketmq

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"

	"github.com/google/go-querystring/query"

	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

// Request is one API call for Client.Do, for operations the family packages
// do not wrap. Nothing in it is modified by Do.
type Request struct {
	// Method is the HTTP method, e.g. http.MethodGet; empty means GET.
	Method string
	// Path is a template such as "/v2/{project_id}/instances/{instance_id}".
	// It must start with '/' (scheme, host and port come from the client's
	// endpoint only). {project_id} and {engine} are filled by the client;
	// every other {name} comes from PathParams, escaped as one path segment.
	Path string
	// PathParams fills the template's parameters. A missing, empty (or
	// all-space) value, "." or ".." is a *ValidationError: nothing is sent.
	// A "project_id" or "engine" entry overrides the client's (and is held
	// to the same rules).
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
	// one, the body's request_id), with any credential of the request it
	// echoes redacted.
	RequestID string
	// Body is the raw response body (at most 64 MiB for a success, 1 MiB
	// for an error), unredacted.
	Body []byte
	// Attempts is how many attempts the call took.
	Attempts int
}

// prepared is a request ready to send: URL and body final.
type prepared struct {
	method      string
	url         string // absolute: the endpoint's origin, escaped path, encoded query
	logPath     string // the escaped path, without query
	query       string // the encoded query
	body        []byte
	contentType string
	projectID   string
	hdr         http.Header // the attempts' header (see header)
	action      string
	call        callConfig
	first       attemptState // the first attempt's state, allocated with the call
}

// Do sends req and decodes a successful response's JSON body into out (nil
// to ignore it; a *string receives a plain-text body; a *[]byte or
// *json.RawMessage the raw bytes). It is the one request path of the SDK:
// it checks and fills the path (discovering the project ID when needed),
// encodes the query and body, authorizes (signs) every attempt, bounds each
// attempt by WithTimeout, retries by the client's RetryPolicy, and turns
// every status ≥ 300 into an *APIError (redirects are never followed). A
// 204 or an empty body leaves out untouched; a success body over 64 MiB is
// an error matching ErrResponseTooLarge. A failure to get an answer is
// reported with the operation and the number of attempts ("rocketmq: GET
// /v2/…/instances: 3 attempts: …"), its cause reachable by errors.Is and
// errors.As. When ctx ends, Do returns ctx.Err() (wrapped so, after an
// attempt, with the last attempt's error).
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
	// discovery included): the template is parsed once, checked, and
	// filled once the project is known.
	if !strings.HasPrefix(req.Path, "/") {
		// "@host/x", ".host/x" or ":port/x" joined to the endpoint would
		// send the credentials elsewhere.
		return nil, &ValidationError{Field: "path", Message: "must start with '/'"}
	}
	if strings.IndexFunc(req.Path, isCTL) >= 0 {
		return nil, &ValidationError{Field: "path", Message: "contains a control character"}
	}
	if hasDotSegment(req.Path) {
		return nil, &ValidationError{Field: "path", Message: `must not hold a "." or ".." segment`}
	}
	var buf [8]tmplPart
	parts, err := parseTemplate(req.Path, buf[:0])
	if err != nil {
		return nil, err
	}
	needsPID := false
	for _, pt := range parts {
		if pt.name == "" {
			continue
		}
		v, ok := req.PathParams[pt.name]
		if !ok && (pt.name == "project_id" || pt.name == "engine") {
			needsPID = needsPID || pt.name == "project_id"
			continue
		}
		if err := checkSegment(pt.name, v); err != nil {
			return nil, err
		}
	}
	q, err := encodeQuery(req.Query)
	if err != nil {
		return nil, err
	}
	if bytes.IndexFunc(q, isCTL) >= 0 {
		return nil, &ValidationError{Field: "path", Message: "contains a control character"}
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
	var pid string
	if v, ok := req.PathParams["project_id"]; ok {
		// An explicit project in the path is also the X-Project-Id.
		pid = v
	} else if needsPID {
		id, err := c.resolveProjectID(ctx)
		if err != nil {
			return nil, err
		}
		pid = id
	} else {
		pid = c.ProjectID()
	}
	u, path, err := c.fillURL(parts, req.PathParams, pid, q)
	if err != nil {
		return nil, err
	}
	p := &prepared{method: method, url: u, logPath: path, body: body, contentType: ctype, projectID: pid, action: req.Action}
	if len(q) > 0 {
		p.query = u[len(u)-len(q):]
	}
	return p, nil
}

// tmplPart is literal text of a path template followed by a parameter
// (name is empty for the text after the last one).
type tmplPart struct {
	lit  string
	name string
}

// parseTemplate splits a path template into parts, appended to buf.
func parseTemplate(tmpl string, buf []tmplPart) ([]tmplPart, error) {
	for rest := tmpl; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			if rest != "" {
				buf = append(buf, tmplPart{lit: rest})
			}
			return buf, nil
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return nil, &ValidationError{Field: "path", Message: "unterminated parameter in " + tmpl}
		}
		buf = append(buf, tmplPart{lit: rest[:i], name: rest[i+1 : i+j]})
		rest = rest[i+j+1:]
	}
}

// hasDotSegment reports a "." or ".." segment in a path template's own
// text (the server would resolve it away, leaving the endpoint's base path).
func hasDotSegment(p string) bool {
	for p != "" {
		var seg string
		seg, p, _ = strings.Cut(p, "/")
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// checkSegment applies the rules of a path parameter's value.
func checkSegment(name, v string) error {
	if strings.TrimSpace(v) == "" {
		return &ValidationError{Field: name, Message: "must not be empty"}
	}
	if v == "." || v == ".." {
		// A dot segment would be resolved away by the server and address
		// another resource.
		return &ValidationError{Field: name, Message: `must not be "." or ".."`}
	}
	return nil
}

// fillURL builds the URL string of a request, once: the endpoint's origin
// and path, the template filled (parameters escaped as one segment each),
// and the encoded query q. Scheme, host and port only ever come from the
// endpoint. It returns the URL and its escaped path (a substring of it).
func (c *Client) fillURL(parts []tmplPart, params map[string]string, pid string, q []byte) (string, string, error) {
	n := len(c.origin) + len(c.basePath) + 1 + len(q)
	for _, pt := range parts {
		n += len(pt.lit) + 40
	}
	var b strings.Builder // its String is the URL, not a copy
	b.Grow(n)
	b.WriteString(c.origin)
	b.WriteString(c.basePath)
	escaped := false
	for _, pt := range parts {
		b.WriteString(pt.lit)
		if pt.name == "" {
			continue
		}
		v, ok := params[pt.name]
		if !ok {
			switch pt.name {
			case "project_id":
				v = pid
			case "engine":
				v = c.engine
			}
			// A discovered project ID is held to the same rules.
			if err := checkSegment(pt.name, v); err != nil {
				return "", "", err
			}
		}
		e := url.PathEscape(v)
		escaped = escaped || e != v
		b.WriteString(e)
	}
	pathEnd := b.Len()
	if len(q) > 0 {
		b.WriteByte('?')
		b.Write(q)
	}
	s := b.String()
	path := s[len(c.origin):pathEnd]
	// The path is sent as the URL package escapes it (EscapedPath): the
	// same text unless the template's own text needs escaping (a space, a
	// '%', ...), which is rare.
	var u url.URL
	u.Path = path
	if escaped {
		p, err := url.PathUnescape(path)
		if err != nil {
			return "", "", &ValidationError{Field: "path", Message: err.Error()}
		}
		u.Path, u.RawPath = p, path
	}
	if ep := u.EscapedPath(); ep != path {
		s = c.origin + ep + s[pathEnd:]
		path = s[len(c.origin) : len(c.origin)+len(ep)]
	}
	return s, path, nil
}

// encodeQuery renders q with keys sorted and spaces as %20.
func encodeQuery(q any) ([]byte, error) {
	var vals url.Values
	switch v := q.(type) {
	case nil:
		return nil, nil
	case url.Values:
		vals = v
	case map[string]string:
		vals = make(url.Values, len(v))
		for k, s := range v {
			vals[k] = []string{s}
		}
	case string:
		return []byte(v), nil
	default:
		rv := reflect.ValueOf(q)
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			return nil, nil
		}
		var err error
		vals, err = query.Values(q)
		if err != nil {
			return nil, &ValidationError{Field: "query", Message: err.Error()}
		}
	}
	if len(vals) == 0 {
		return nil, nil
	}
	var keyBuf [16]string
	keys := keyBuf[:0]
	n := 0
	for k, vs := range vals {
		keys = append(keys, k)
		for _, v := range vs {
			n += len(k) + len(v) + 2
		}
	}
	sort.Strings(keys)
	b := make([]byte, 0, n+n/4)
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
	return b, nil
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

func isCTL(r rune) bool { return r < 0x20 || r == 0x7f }

// isAKSK reports AK/SK credentials, by value or pointer.
func isAKSK(c auth.Credentials) bool {
	switch c.(type) {
	case auth.AKSK, *auth.AKSK:
		return true
	}
	return false
}
