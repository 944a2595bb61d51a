// Package redact keeps secrets out of errors and log lines: the values of
// secret JSON keys and query parameters, passwords in URLs, and credentials
// a server echoes back. The root package and package auth share it.
package redact

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Mask replaces every secret value.
const Mask = "[REDACTED]"

// secretKeys are JSON keys (and query parameters) whose values never reach
// a log.
var secretKeys = []string{"secret_key", "password", "token", "security_token", "secretkey", "sk", "access_secret", "pwd", "credential", "credentials"}

// IsSecretKey reports whether a JSON key (or query parameter) names a
// secret: one of the known names (also as a suffix, "new_password"), or
// any key mentioning a password or a secret ("password_hash",
// "client_secret_value").
func IsSecretKey(k string) bool {
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

// Query masks the values of secret parameters in a raw query (the query
// itself when it has none).
func Query(raw string) string {
	if raw == "" {
		return ""
	}
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return "(unparsable query)"
	}
	changed := false
	for k, vs := range vals {
		if IsSecretKey(k) {
			for i := range vs {
				vs[i] = Mask
			}
			changed = true
		}
	}
	if !changed {
		return raw
	}
	return vals.Encode()
}

// URL returns u as a string with its user info's password and the values
// of its secret query parameters masked.
func URL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.RawQuery == "" && u.User == nil {
		return u.String()
	}
	c := *u
	c.RawQuery = Query(u.RawQuery)
	if c.User != nil {
		c.User = url.User(Mask)
	}
	return c.String()
}

// URLString is URL for a URL in text form; text that does not parse is
// replaced entirely.
func URLString(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return URL(u)
}

// Error returns err with the URL of a *url.Error in it redacted (see URL);
// errors.Is and errors.As still reach the *url.Error and its cause. Other
// errors are returned as they are.
func Error(err error) error {
	var ue *url.Error
	if err == nil || !errors.As(err, &ue) {
		return err
	}
	r := URLString(ue.URL)
	if r == ue.URL {
		return err
	}
	if error(ue) == err {
		return &url.Error{Op: ue.Op, URL: r, Err: ue.Err}
	}
	// Wrapped: the text of the wrappers holds the URL too.
	return &scrubbed{msg: strings.ReplaceAll(err.Error(), ue.URL, r), err: err}
}

// scrubbed is an error whose text has been redacted; it unwraps to the
// original.
type scrubbed struct {
	msg string
	err error
}

func (s *scrubbed) Error() string { return s.msg }
func (s *scrubbed) Unwrap() error { return s.err }

// Body returns a JSON body for a debug log with secret values replaced and
// at most 2 KiB kept; a body that is not JSON is described, not shown.
func Body(body []byte) string {
	const max = 2048
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "(" + strconv.Itoa(len(body)) + " bytes, not JSON)"
	}
	b, err := json.Marshal(Value(v))
	if err != nil {
		return "(" + strconv.Itoa(len(body)) + " bytes)"
	}
	if len(b) > max {
		return Shorten(string(b), max)
	}
	return string(b)
}

// Value returns v (a decoded JSON tree) with the values of secret keys
// replaced and the passwords of URLs (such as amqp://user:pass@host)
// masked. v is modified in place.
func Value(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if IsSecretKey(k) {
				t[k] = Mask
				continue
			}
			t[k] = Value(val)
		}
	case []any:
		for i, e := range t {
			t[i] = Value(e)
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

// BodySecrets returns the string values found under the secret keys of a
// JSON body of at most 1 MiB (nested values included), each also in its
// JSON-escaped form when that differs, to mask what a server might echo.
func BodySecrets(body []byte) []string {
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
				walk(val, secret || IsSecretKey(k))
			}
		case []any:
			for _, e := range t {
				walk(e, secret)
			}
		case string:
			if secret {
				out = append(out, t)
			}
		}
	}
	walk(v, false)
	return out
}

// minSecret is the shortest value masked: masking shorter ones would
// garble the message, and no credential is that short.
const minSecret = 4

// Secrets is a set of values never to show. Each is also matched in the
// forms JSON gives it (escaped: "\u003c" for '<', "\/" for '/').
type Secrets []string

// Add adds values (empty and short ones are ignored) with their JSON-escaped
// forms.
func (s Secrets) Add(vals ...string) Secrets {
	for _, v := range vals {
		if len(v) < minSecret {
			continue
		}
		s = append(s, v)
		if enc, err := json.Marshal(v); err == nil && string(enc[1:len(enc)-1]) != v {
			s = append(s, string(enc[1:len(enc)-1]))
		}
		if strings.Contains(v, "/") {
			s = append(s, strings.ReplaceAll(v, "/", `\/`))
		}
	}
	return s
}

// Scrub returns b with every secret replaced (b itself when none occurs).
func (s Secrets) Scrub(b []byte) []byte {
	for _, v := range s {
		if len(v) >= minSecret && bytes.Contains(b, []byte(v)) {
			b = bytes.ReplaceAll(b, []byte(v), []byte(Mask))
		}
	}
	return b
}

// String returns str with every secret replaced.
func (s Secrets) String(str string) string {
	for _, v := range s {
		if len(v) >= minSecret && strings.Contains(str, v) {
			str = strings.ReplaceAll(str, v, Mask)
		}
	}
	return str
}

// Shorten keeps at most max bytes of s, cut at a rune boundary, and marks a
// cut with an ellipsis.
func Shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// ScrubJSON returns body with every secret masked. A JSON body is decoded,
// every string in it (keys included) scrubbed in its decoded form, and
// encoded again when one changed, so no escaping (\u0041, \/) hides a
// secret from the mask; any other body is scrubbed as bytes.
func (s Secrets) ScrubJSON(body []byte) []byte {
	if len(s) == 0 || len(body) == 0 {
		return body
	}
	t := bytes.TrimSpace(body)
	if len(t) == 0 || (t[0] != '{' && t[0] != '[') {
		return s.Scrub(body)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.UseNumber()
	if dec.Decode(&v) != nil || dec.More() {
		return s.Scrub(body)
	}
	v, changed := s.scrubValue(v)
	if !changed {
		return body
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return s.Scrub(body)
	}
	return bytes.TrimSpace(out.Bytes())
}

func (s Secrets) scrubValue(v any) (any, bool) {
	changed := false
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			nk := s.String(k)
			nv, c := s.scrubValue(val)
			changed = changed || c || nk != k
			out[nk] = nv
		}
		return out, changed
	case []any:
		for i, e := range t {
			nv, c := s.scrubValue(e)
			t[i] = nv
			changed = changed || c
		}
		return t, changed
	case string:
		ns := s.String(t)
		return ns, ns != t
	}
	return v, false
}

// URL returns a URL in text form (a redirect's Location) with the values of
// its secret query parameters masked and every secret masked in its path,
// query and fragment, decoded forms included; text that does not parse is
// scrubbed as it is.
func (s Secrets) URL(raw string) string {
	raw = s.String(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return s.String(raw)
	}
	if u.User != nil {
		u.User = url.User(Mask)
	}
	u.Path, u.RawPath = s.String(u.Path), ""
	u.Fragment, u.RawFragment = s.String(u.Fragment), ""
	if u.RawQuery != "" {
		if vals, err := url.ParseQuery(u.RawQuery); err == nil {
			for k, vs := range vals {
				for i, v := range vs {
					if IsSecretKey(k) {
						vs[i] = Mask
					} else {
						vs[i] = s.String(v)
					}
				}
			}
			u.RawQuery = vals.Encode()
		} else {
			u.RawQuery = s.String(u.RawQuery)
		}
	}
	return s.String(u.String())
}
