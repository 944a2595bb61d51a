package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

// MaxSignedBody is the largest body, in bytes, the API gateway accepts with
// AK/SK signing (12 MiB). Larger bodies need token authentication.
const MaxSignedBody = 12 << 20

// ErrBodyTooLarge is returned, before anything is sent, when an
// AK/SK-signed body exceeds MaxSignedBody.
var ErrBodyTooLarge = errors.New("auth: the request body exceeds the 12 MB that AK/SK signing allows; use token authentication (auth.Token or auth.NewPasswordCredentials) for larger bodies")

// AKSK signs requests with an access key and secret key (SDK-HMAC-SHA256,
// the API gateway's algorithm). SecurityToken is set for temporary
// credentials and is sent, signed, as X-Security-Token. The gateway refuses
// a signing time more than 15 minutes off its clock, and five failed
// signatures in a row lock the access key for five minutes.
type AKSK struct {
	// AccessKey is the access key ID (AK).
	AccessKey string
	// SecretKey is the secret access key (SK); it never leaves the process.
	SecretKey string
	// SecurityToken is the token of temporary credentials; empty for
	// permanent ones.
	SecurityToken string
}

// Authorize implements Credentials: it adds X-Security-Token when set and
// signs the request with the current time (see Sign).
func (c AKSK) Authorize(_ context.Context, req *http.Request, body []byte) error {
	if c.SecurityToken != "" {
		req.Header[HeaderSecurityToken] = []string{c.SecurityToken}
	}
	return c.Sign(req, body, time.Now())
}

// Sign signs req in place as of t: it sets X-Sdk-Date and Authorization
// (replacing a previous signature). body must be the exact bytes that will
// be sent. Every header already on req is signed except Content-Type and
// names containing '_'; host is always signed. X-Project-Id and
// X-Security-Token are signed when present. It fails when a key is empty
// or body exceeds MaxSignedBody (ErrBodyTooLarge).
func (c AKSK) Sign(req *http.Request, body []byte, t time.Time) error {
	if c.AccessKey == "" || c.SecretKey == "" {
		return errors.New("auth: AK/SK credentials need both an access key and a secret key")
	}
	if len(body) > MaxSignedBody {
		return ErrBodyTooLarge
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	if c.SecurityToken != "" && req.Header.Get(HeaderSecurityToken) == "" {
		req.Header[HeaderSecurityToken] = []string{c.SecurityToken}
	}
	return signer.Sign(req, body, c.AccessKey, c.SecretKey, t)
}

// String redacts the secret parts.
func (c AKSK) String() string {
	return fmt.Sprintf("auth.AKSK{AccessKey: %s, SecretKey: %s, SecurityToken: %s}",
		maskAK(c.AccessKey), mask(c.SecretKey), mask(c.SecurityToken))
}

// GoString redacts the secret parts under %#v.
func (c AKSK) GoString() string { return c.String() }

// Format makes every verb (%v, %+v, %#v, %s, %q) print the redacted form.
func (c AKSK) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue makes log/slog (every handler, JSON included) log the redacted
// form.
func (c AKSK) LogValue() slog.Value { return slog.StringValue(c.String()) }

// maskAK keeps the first four characters of an access key, which is an
// identifier rather than a secret, so logs stay useful.
func maskAK(ak string) string {
	if len(ak) <= 4 {
		return mask(ak)
	}
	return fmt.Sprintf("%q", ak[:4]+"****")
}
