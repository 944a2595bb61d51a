// Package signer implements the SDK-HMAC-SHA256 canonicalization, signing and
// verification that Huawei Cloud's API gateway uses (see SIGNING.md). It is
// shared by the public auth package (signing) and the rocketmqtest emulator
// (verification) so both sides canonicalize a request the same way.
package signer

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
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

// Sign sets X-Sdk-Date and Authorization on req. body must be the exact bytes
// sent. The signed headers are every header on req except Content-Type and
// names containing '_', plus host. It is safe for concurrent use (on
// different requests); the keyed HMAC state of recent secret keys is kept
// (see keyState) so that a signature hashes only what it must.
func Sign(req *http.Request, body []byte, ak, sk string, t time.Time) error {
	if req == nil || req.URL == nil {
		return errors.New("signer: request without URL")
	}
	if ak == "" || sk == "" {
		return errors.New("signer: empty access key or secret key")
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	var dateBuf [16]byte
	date := appendDate(dateBuf[:0], t)

	var namesArr [maxSignedHeaders]string
	names := namesArr[:0]
	hasHost := false
	for k := range req.Header {
		if k == HeaderDate || k == HeaderAuthorization {
			// X-Sdk-Date is added below with its new value; a previous
			// signature is replaced, never signed: signing a request
			// twice must give a signature that verifies.
			continue
		}
		if equalFold(k, "Content-Type") || strings.IndexByte(k, '_') >= 0 ||
			equalFold(k, HeaderAuthorization) {
			continue
		}
		if equalFold(k, "Host") {
			hasHost = true
		}
		names = append(names, k) // beyond maxSignedHeaders, on the heap
	}
	names = append(names, HeaderDate)
	if !hasHost {
		names = append(names, "Host")
	}
	sortFold(names)

	sp := scratchPool.Get().(*scratch)
	defer putScratch(sp)
	buf, signed, err := appendCanonicalSpan(sp.buf[:0], req, body, names, date)
	if err != nil {
		return err
	}
	sig := keyFor(sk).sign(sp, date, sha256.Sum256(buf))

	// X-Sdk-Date and Authorization, in one string and one slice, built
	// after the canonical request (whose list of signed headers they copy).
	canon := len(buf)
	out := append(buf, date...)
	out = append(out, Algorithm...)
	out = append(out, " Access="...)
	out = append(out, ak...)
	out = append(out, ", SignedHeaders="...)
	out = append(out, out[signed[0]:signed[1]]...)
	out = append(out, ", Signature="...)
	out = hex.AppendEncode(out, sig[:])
	sp.buf = out[:0]
	both := string(out[canon:])
	vals := make([]string, 2)
	vals[0], vals[1] = both[:len(date)], both[len(date):]
	req.Header[HeaderDate] = vals[0:1:1]
	req.Header[HeaderAuthorization] = vals[1:2:2]
	return nil
}

// scratch is the working memory of one signature: the canonical request,
// a SHA-256 digest and what goes through it (on the heap already, so that
// passing it to the hash.Hash interface allocates nothing).
type scratch struct {
	buf []byte
	h   hash.Hash
	sts [len(Algorithm) + 1 + len(DateLayout) + 1 + 2*sha256.Size]byte
	sum [sha256.Size]byte
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{buf: make([]byte, 0, 1024), h: sha256.New()}
}}

// maxScratch is the largest buffer kept for the next signature (a request
// with a huge URL or many headers does not pin its buffer).
const maxScratch = 16 << 10

// putScratch forgets the key-derived digest state and returns sp to the
// pool.
func putScratch(sp *scratch) {
	sp.h.Reset()
	if cap(sp.buf) > maxScratch {
		sp.buf = make([]byte, 0, 1024)
	}
	scratchPool.Put(sp)
}

// keyState is the HMAC-SHA256 state of one secret key: the SHA-256 states
// after the key's inner (ipad) and outer (opad) blocks, so that a
// signature hashes the string to sign and the inner sum only. It is as
// secret as the key.
type keyState struct{ inner, outer []byte }

// maxKeys bounds the key states kept: beyond it the cache starts over (a
// long-running process with rotating temporary credentials must not
// accumulate them).
const maxKeys = 64

var (
	keyStates sync.Map // secret key → *keyState
	keyCount  atomic.Int32
)

// keyFor returns the key state of sk, computing it on first use.
func keyFor(sk string) *keyState {
	if v, ok := keyStates.Load(sk); ok {
		return v.(*keyState)
	}
	ks := newKeyState(sk)
	if keyCount.Add(1) > maxKeys {
		keyStates.Clear()
		keyCount.Store(1)
	}
	if v, loaded := keyStates.LoadOrStore(sk, ks); loaded {
		return v.(*keyState)
	}
	return ks
}

func newKeyState(sk string) *keyState {
	var key [sha256.BlockSize]byte
	if len(sk) > sha256.BlockSize {
		k := sha256.Sum256([]byte(sk))
		copy(key[:], k[:])
	} else {
		copy(key[:], sk)
	}
	state := func(pad byte) []byte {
		var b [sha256.BlockSize]byte
		for i := range b {
			b[i] = key[i] ^ pad
		}
		h := sha256.New()
		h.Write(b[:])
		m, err := h.(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			panic("signer: sha256 state: " + err.Error()) // cannot happen
		}
		return m
	}
	return &keyState{inner: state(0x36), outer: state(0x5c)}
}

// sign returns HMAC-SHA256(sk, "SDK-HMAC-SHA256\n"+date+"\n"+hex(canonHash)).
func (ks *keyState) sign(sp *scratch, date []byte, canonHash [sha256.Size]byte) [sha256.Size]byte {
	u := sp.h.(encoding.BinaryUnmarshaler)
	b := append(sp.sts[:0], Algorithm...)
	b = append(b, '\n')
	b = append(b, date...)
	b = append(b, '\n')
	b = hex.AppendEncode(b, canonHash[:])
	if err := u.UnmarshalBinary(ks.inner); err != nil {
		panic("signer: sha256 state: " + err.Error()) // cannot happen
	}
	sp.h.Write(b)
	inner := sp.h.Sum(sp.sum[:0])
	if err := u.UnmarshalBinary(ks.outer); err != nil {
		panic("signer: sha256 state: " + err.Error()) // cannot happen
	}
	sp.h.Write(inner)
	return [sha256.Size]byte(sp.h.Sum(sp.sum[:0]))
}

// dateOfSecond is X-Sdk-Date of one second (signatures made within the
// same second share it).
type dateOfSecond struct {
	unix int64
	date [len(DateLayout)]byte
}

var lastDate atomic.Pointer[dateOfSecond]

// appendDate appends t in UTC as DateLayout (20060102T150405Z).
func appendDate(b []byte, t time.Time) []byte {
	unix := t.Unix()
	if d := lastDate.Load(); d != nil && d.unix == unix {
		return append(b, d.date[:]...)
	}
	d := &dateOfSecond{unix: unix}
	if out := formatDate(d.date[:0], t); len(out) != len(d.date) {
		return append(b, out...) // beyond year 9999 or before year 0
	}
	lastDate.Store(d)
	return append(b, d.date[:]...)
}

// formatDate appends t in UTC as DateLayout.
func formatDate(b []byte, t time.Time) []byte {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, DateLayout)
	}
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+int(mo)/10), byte('0'+int(mo)%10), byte('0'+d/10), byte('0'+d%10), 'T',
		byte('0'+h/10), byte('0'+h%10), byte('0'+mi/10), byte('0'+mi%10), byte('0'+s/10), byte('0'+s%10), 'Z')
}

// CanonicalRequest returns the canonical request for req signed over the
// given header names (any case). It is exported for tests and debugging.
func CanonicalRequest(req *http.Request, body []byte, names []string) (string, error) {
	b, err := appendCanonical(nil, req, body, names, nil)
	return string(b), err
}

// appendCanonical appends the canonical request. date, when not nil, is the
// value of the X-Sdk-Date header (named exactly so in names) that Sign is
// about to set.
func appendCanonical(buf []byte, req *http.Request, body []byte, names []string, date []byte) ([]byte, error) {
	buf, _, err := appendCanonicalSpan(buf, req, body, names, date)
	return buf, err
}

// appendCanonicalSpan is appendCanonical that also returns where, in the
// result, the list of signed headers is.
func appendCanonicalSpan(buf []byte, req *http.Request, body []byte, names []string, date []byte) ([]byte, [2]int, error) {
	var signed [2]int
	buf = append(buf, strings.ToUpper(req.Method)...)
	buf = append(buf, '\n')
	var err error
	buf, err = appendCanonicalURI(buf, req.URL)
	if err != nil {
		return nil, signed, err
	}
	buf = append(buf, '\n')
	buf, err = appendCanonicalQuery(buf, req.URL.RawQuery)
	if err != nil {
		return nil, signed, err
	}
	buf = append(buf, '\n')
	// Each name is lowered once: the list of signed headers copies the
	// names from the header lines.
	var spansArr [maxSignedHeaders][2]int
	spans := spansArr[:0]
	for _, n := range names {
		from := len(buf)
		buf = appendLower(buf, n)
		spans = append(spans, [2]int{from, len(buf)})
		buf = append(buf, ':')
		if date != nil && n == HeaderDate {
			buf = append(buf, date...)
		} else {
			buf = append(buf, strings.TrimSpace(headerValue(req, n))...)
		}
		buf = append(buf, '\n')
	}
	buf = append(buf, '\n')
	signed[0] = len(buf)
	for i, sp := range spans {
		if i > 0 {
			buf = append(buf, ';')
		}
		buf = append(buf, buf[sp[0]:sp[1]]...)
	}
	signed[1] = len(buf)
	buf = append(buf, '\n')
	if len(body) == 0 {
		buf = append(buf, EmptyBodyHash...)
	} else {
		h := sha256.Sum256(body)
		buf = hex.AppendEncode(buf, h[:])
	}
	return buf, signed, nil
}

func headerValue(req *http.Request, name string) string {
	if strings.EqualFold(name, "host") {
		if v := req.Header["Host"]; len(v) > 0 && v[0] != "" {
			return v[0]
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

func appendLower(buf []byte, s string) []byte {
	n := len(buf)
	buf = append(buf, s...)
	b := buf[n:]
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return buf
}

// equalFold is strings.EqualFold for an ASCII name, with the cheap length
// test first.
func equalFold(s, name string) bool {
	return len(s) == len(name) && strings.EqualFold(s, name)
}

// appendCanonicalURI writes the decoded path, each segment escaped, with a
// trailing slash.
func appendCanonicalURI(buf []byte, u *url.URL) ([]byte, error) {
	if u.RawPath == "" {
		// The path has no escaping of its own: its segments are the
		// decoded ones (EscapedPath would escape them, and the loop
		// below decode them again).
		return appendURISegments(buf, u.Path), nil
	}
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

// appendURISegments appends a decoded path, each segment escaped, with a
// trailing slash.
func appendURISegments(buf []byte, p string) []byte {
	start := len(buf)
	for len(p) > 0 {
		// The run of bytes that stay (slashes included) goes in one piece.
		i := 0
		for i+8 <= len(p) {
			q := p[i : i+8]
			if !pathByte[q[0]] || !pathByte[q[1]] || !pathByte[q[2]] || !pathByte[q[3]] ||
				!pathByte[q[4]] || !pathByte[q[5]] || !pathByte[q[6]] || !pathByte[q[7]] {
				break
			}
			i += 8
		}
		for i < len(p) && pathByte[p[i]] {
			i++
		}
		buf = append(buf, p[:i]...)
		if i == len(p) {
			break
		}
		c := p[i]
		buf = append(buf, '%', upperhex[c>>4], upperhex[c&15])
		p = p[i+1:]
	}
	if len(buf) == start || buf[len(buf)-1] != '/' {
		buf = append(buf, '/')
	}
	return buf
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

// unreservedByte marks the bytes the signing rule leaves as they are.
var unreservedByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~'
	}
	return t
}()

// pathByte is unreservedByte and '/': the bytes a decoded path keeps.
var pathByte = func() [256]bool {
	t := unreservedByte
	t['/'] = true
	return t
}()

func unreserved(c byte) bool { return unreservedByte[c] }

// AppendEscape appends s escaped by the signing rule: A-Z a-z 0-9 - _ . ~
// stay, every other byte becomes %XX (upper-case hex).
func AppendEscape(buf []byte, s string) []byte {
	for len(s) > 0 {
		// The run of bytes that stay is appended in one piece.
		i := 0
		for i+8 <= len(s) {
			q := s[i : i+8]
			if !unreservedByte[q[0]] || !unreservedByte[q[1]] || !unreservedByte[q[2]] || !unreservedByte[q[3]] ||
				!unreservedByte[q[4]] || !unreservedByte[q[5]] || !unreservedByte[q[6]] || !unreservedByte[q[7]] {
				break
			}
			i += 8
		}
		for i < len(s) && unreservedByte[s[i]] {
			i++
		}
		buf = append(buf, s[:i]...)
		if i == len(s) {
			break
		}
		c := s[i]
		buf = append(buf, '%', upperhex[c>>4], upperhex[c&15])
		s = s[i+1:]
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
	sp := scratchPool.Get().(*scratch)
	defer putScratch(sp)
	canon, err := appendCanonical(sp.buf[:0], req, body, a.SignedHeaders, nil)
	if err != nil {
		return a.AccessKey, fmt.Errorf("%w: %v", ErrMissing, err)
	}
	sp.buf = canon[:0]
	sig := keyFor(sk).sign(sp, []byte(date), sha256.Sum256(canon))
	want := hex.EncodeToString(sig[:])
	if subtle.ConstantTimeCompare([]byte(want), []byte(a.Signature)) != 1 {
		return a.AccessKey, ErrMismatch
	}
	return a.AccessKey, nil
}
