// Package signer implements the SDK-HMAC-SHA256 canonicalization, signing and
// verification that Huawei Cloud's API gateway uses (see SIGNING.md). It is
// shared by the public auth package (signing) and the rocketmqtest emulator
// (verification) so both sides canonicalize a request the same way.
package signer

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

const (
	// Algorithm is the signing algorithm's name.
	Algorithm = "SDK-HMAC-SHA256"
	// DateLayout is the layout of the X-Sdk-Date header.
	DateLayout = "20060102T150405Z"
	// HeaderDate is the header that carries the signing time.
	HeaderDate = "X-Sdk-Date"
	// HeaderAuthorization carries the signature.
	HeaderAuthorization = "Authorization"
	// EmptyBodyHash is the hex SHA-256 of an empty body.
	EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	// MaxSkew is how far the gateway lets X-Sdk-Date differ from its clock.
	MaxSkew = 15 * time.Minute
)

const maxSignedHeaders = 16

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// Sign sets X-Sdk-Date and Authorization on req. body must be the exact bytes
// sent. The signed headers are every header on req except Content-Type and
// names containing '_', plus host.
func Sign(req *http.Request, body []byte, ak, sk string, t time.Time) error {
	if req == nil || req.URL == nil {
		return errors.New("signer: request without URL")
	}
	if ak == "" || sk == "" {
		return errors.New("signer: empty access key or secret key")
	}
	var dateBuf [16]byte
	date := t.UTC().AppendFormat(dateBuf[:0], DateLayout)
	req.Header[HeaderDate] = []string{string(date)}

	var namesArr [maxSignedHeaders]string
	names := namesArr[:0]
	hasHost := false
	for k := range req.Header {
		if strings.EqualFold(k, "Content-Type") || strings.IndexByte(k, '_') >= 0 {
			continue
		}
		if strings.EqualFold(k, HeaderAuthorization) {
			// A previous signature is replaced, never signed: signing a
			// request twice must give a signature that verifies.
			continue
		}
		if strings.EqualFold(k, "Host") {
			hasHost = true
		}
		names = append(names, k) // beyond maxSignedHeaders, on the heap
	}
	if !hasHost {
		names = append(names, "Host")
	}
	sortFold(names)

	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := (*bp)[:0]
	buf, err := appendCanonical(buf, req, body, names)
	if err != nil {
		return err
	}
	canonHash := sha256.Sum256(buf)

	// Signature.
	sig := hmacStringToSign(buf[:0], sk, date, canonHash)

	// Authorization: reuse the buffer.
	out := buf[:0]
	out = append(out, Algorithm...)
	out = append(out, " Access="...)
	out = append(out, ak...)
	out = append(out, ", SignedHeaders="...)
	out = appendSignedHeaders(out, names)
	out = append(out, ", Signature="...)
	out = hex.AppendEncode(out, sig[:])
	req.Header[HeaderAuthorization] = []string{string(out)}
	*bp = out
	return nil
}

// hmacStringToSign returns HMAC-SHA256(sk, "SDK-HMAC-SHA256\n"+date+"\n"+hex(canonHash))
// using scratch as working memory.
func hmacStringToSign(scratch []byte, sk string, date []byte, canonHash [32]byte) [32]byte {
	var key [64]byte
	if len(sk) > 64 {
		k := sha256.Sum256([]byte(sk))
		copy(key[:], k[:])
	} else {
		copy(key[:], sk)
	}
	b := scratch[:0]
	for i := 0; i < 64; i++ {
		b = append(b, key[i]^0x36)
	}
	b = append(b, Algorithm...)
	b = append(b, '\n')
	b = append(b, date...)
	b = append(b, '\n')
	b = hex.AppendEncode(b, canonHash[:])
	inner := sha256.Sum256(b)
	var outer [96]byte
	for i := 0; i < 64; i++ {
		outer[i] = key[i] ^ 0x5c
	}
	copy(outer[64:], inner[:])
	return sha256.Sum256(outer[:])
}

// CanonicalRequest returns the canonical request for req signed over the
// given header names (any case). It is exported for tests and debugging.
func CanonicalRequest(req *http.Request, body []byte, names []string) (string, error) {
	b, err := appendCanonical(nil, req, body, names)
	return string(b), err
}

func appendCanonical(buf []byte, req *http.Request, body []byte, names []string) ([]byte, error) {
	buf = append(buf, strings.ToUpper(req.Method)...)
	buf = append(buf, '\n')
	var err error
	buf, err = appendCanonicalURI(buf, req.URL)
	if err != nil {
		return nil, err
	}
	buf = append(buf, '\n')
	buf, err = appendCanonicalQuery(buf, req.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	buf = append(buf, '\n')
	for _, n := range names {
		buf = appendLower(buf, n)
		buf = append(buf, ':')
		buf = append(buf, strings.TrimSpace(headerValue(req, n))...)
		buf = append(buf, '\n')
	}
	buf = append(buf, '\n')
	buf = appendSignedHeaders(buf, names)
	buf = append(buf, '\n')
	if len(body) == 0 {
		buf = append(buf, EmptyBodyHash...)
	} else {
		h := sha256.Sum256(body)
		buf = hex.AppendEncode(buf, h[:])
	}
	return buf, nil
}

func headerValue(req *http.Request, name string) string {
	if strings.EqualFold(name, "host") {
		if v := req.Header.Get("Host"); v != "" {
			return v
		}
		if req.Host != "" {
			return req.Host
		}
		return req.URL.Host
	}
	if v, ok := req.Header[name]; ok && len(v) > 0 {
		return v[0]
	}
	return req.Header.Get(name)
}

func appendSignedHeaders(buf []byte, names []string) []byte {
	for i, n := range names {
		if i > 0 {
			buf = append(buf, ';')
		}
		buf = appendLower(buf, n)
	}
	return buf
}

func appendLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// appendCanonicalURI writes the decoded path, each segment escaped, with a
// trailing slash.
func appendCanonicalURI(buf []byte, u *url.URL) ([]byte, error) {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	for len(p) > 0 {
		i := strings.IndexByte(p, '/')
		var seg string
		if i < 0 {
			seg, p = p, ""
		} else {
			seg, p = p[:i], p[i+1:]
		}
		if strings.IndexByte(seg, '%') >= 0 {
			dec, err := url.PathUnescape(seg)
			if err != nil {
				return nil, fmt.Errorf("signer: bad path segment %q: %w", seg, err)
			}
			seg = dec
		}
		buf = AppendEscape(buf, seg)
		if i >= 0 {
			buf = append(buf, '/')
		}
	}
	if len(buf) == 0 || buf[len(buf)-1] != '/' {
		buf = append(buf, '/')
	}
	return buf, nil
}

type pair struct{ k, v string }

func appendCanonicalQuery(buf []byte, raw string) ([]byte, error) {
	if raw == "" {
		return buf, nil
	}
	var arr [16]pair
	pairs := arr[:0]
	for raw != "" {
		var kv string
		if i := strings.IndexByte(raw, '&'); i >= 0 {
			kv, raw = raw[:i], raw[i+1:]
		} else {
			kv, raw = raw, ""
		}
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		var err error
		if k, err = queryUnescape(k); err != nil {
			return nil, err
		}
		if v, err = queryUnescape(v); err != nil {
			return nil, err
		}
		pairs = append(pairs, pair{k, v})
	}
	// insertion sort: small inputs, no allocation
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && pairLess(pairs[j], pairs[j-1]); j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	for i, p := range pairs {
		if i > 0 {
			buf = append(buf, '&')
		}
		buf = AppendEscape(buf, p.k)
		buf = append(buf, '=')
		buf = AppendEscape(buf, p.v)
	}
	return buf, nil
}

func queryUnescape(s string) (string, error) {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s, nil
	}
	return url.QueryUnescape(s)
}

func pairLess(a, b pair) bool {
	if a.k != b.k {
		return a.k < b.k
	}
	return a.v < b.v
}

func sortFold(names []string) {
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && lessFold(names[j], names[j-1]); j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
}

func lessFold(a, b string) bool {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := lower(a[i]), lower(b[i])
		if ca != cb {
			return ca < cb
		}
	}
	return len(a) < len(b)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

const upperhex = "0123456789ABCDEF"

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// AppendEscape appends s escaped by the signing rule: A-Z a-z 0-9 - _ . ~
// stay, every other byte becomes %XX (upper-case hex).
func AppendEscape(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			buf = append(buf, c)
		} else {
			buf = append(buf, '%', upperhex[c>>4], upperhex[c&15])
		}
	}
	return buf
}

// Escape returns s escaped by the signing rule.
func Escape(s string) string {
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			return string(AppendEscape(make([]byte, 0, len(s)+16), s))
		}
	}
	return s
}

// Authorization is a parsed Authorization header.
type Authorization struct {
	AccessKey     string
	SignedHeaders []string
	Signature     string
}

// ParseAuthorization parses "SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...".
func ParseAuthorization(h string) (Authorization, error) {
	var a Authorization
	rest, ok := strings.CutPrefix(h, Algorithm+" ")
	if !ok {
		return a, errors.New("authorization header does not use " + Algorithm)
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, errors.New("malformed authorization header")
		}
		switch k {
		case "Access":
			a.AccessKey = v
		case "SignedHeaders":
			if v != "" {
				a.SignedHeaders = strings.Split(v, ";")
			}
		case "Signature":
			a.Signature = v
		}
	}
	if a.AccessKey == "" || a.Signature == "" || len(a.SignedHeaders) == 0 {
		return a, errors.New("authorization header lacks Access, SignedHeaders or Signature")
	}
	return a, nil
}

// Verification errors.
var (
	ErrMissing   = errors.New("missing or malformed signature")
	ErrUnknownAK = errors.New("unknown access key")
	ErrExpired   = errors.New("the signature expired: X-Sdk-Date is more than 15 minutes from the server's clock")
	ErrMismatch  = errors.New("verify aksk signature fail")
)

// Verify checks req's signature the way the gateway does. lookup returns the
// secret key of an access key. It returns the access key on success.
func Verify(req *http.Request, body []byte, lookup func(ak string) (sk string, ok bool), now time.Time) (string, error) {
	a, err := ParseAuthorization(req.Header.Get(HeaderAuthorization))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrMissing, err)
	}
	sk, ok := lookup(a.AccessKey)
	if !ok {
		return a.AccessKey, ErrUnknownAK
	}
	date := req.Header.Get(HeaderDate)
	t, err := time.Parse(DateLayout, date)
	if err != nil {
		return a.AccessKey, fmt.Errorf("%w: bad %s", ErrMissing, HeaderDate)
	}
	if d := now.Sub(t); d > MaxSkew || d < -MaxSkew {
		return a.AccessKey, ErrExpired
	}
	signedDate := false
	for _, n := range a.SignedHeaders {
		if strings.EqualFold(n, HeaderDate) {
			signedDate = true
		}
	}
	if !signedDate {
		return a.AccessKey, fmt.Errorf("%w: x-sdk-date is not signed", ErrMissing)
	}
	canon, err := appendCanonical(nil, req, body, a.SignedHeaders)
	if err != nil {
		return a.AccessKey, fmt.Errorf("%w: %v", ErrMissing, err)
	}
	sig := hmacStringToSign(nil, sk, []byte(date), sha256.Sum256(canon))
	want := hex.EncodeToString(sig[:])
	if subtle.ConstantTimeCompare([]byte(want), []byte(a.Signature)) != 1 {
		return a.AccessKey, ErrMismatch
	}
	return a.AccessKey, nil
}
