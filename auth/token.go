package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
)

// Token is a ready-made IAM token, sent as X-Auth-Token. Tokens are valid for
// 24 hours and a Token is never renewed; use NewPasswordCredentials to
// obtain and refresh them.
type Token string

// Authorize implements Credentials: it sets X-Auth-Token; an empty token is
// an error.
func (t Token) Authorize(_ context.Context, req *http.Request, _ []byte) error {
	if t == "" {
		return errors.New("auth: empty token")
	}
	req.Header[HeaderAuthToken] = []string{string(t)}
	return nil
}

// String redacts the token.
func (t Token) String() string { return "auth.Token(" + mask(string(t)) + ")" }

// GoString redacts the token under %#v.
func (t Token) GoString() string { return t.String() }

// Format makes every verb print the redacted form.
func (t Token) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(t.String())) }

// LogValue makes log/slog log the redacted form.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }
