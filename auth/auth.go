// Package auth holds the credentials a rocketmq.Client uses to authorize
// requests: AK/SK signing (AKSK), a ready-made IAM token (Token) and an IAM
// user's password exchanged for a project-scoped token (PasswordCredentials).
//
// Give one to rocketmq.WithCredentials:
//
//	rocketmq.WithCredentials(auth.AKSK{AccessKey: ak, SecretKey: sk})
//	rocketmq.WithCredentials(auth.Token(token))
//	rocketmq.WithCredentials(auth.NewPasswordCredentials(auth.Password{
//		Username:    "user",
//		Password:    password,
//		DomainName:  "account",
//		ProjectName: "cn-north-4",
//	}))
//
// The client authorizes every attempt afresh. A password login that IAM
// refuses is remembered (ErrPasswordRefused) until Invalidate, since
// repeated failed logins lock the user; a 401 the service answers to a
// password login's token makes the client log in again once.
//
// No credential value ever appears in an error, a log line or fmt output:
// every type here formats itself redacted.
package auth

import (
	"context"
	"net/http"
)

// Credentials authorize one attempt of an HTTP request. The client calls
// Authorize on every attempt (so AK/SK signatures are fresh), once the URL,
// the body, Content-Type and X-Project-Id are final; User-Agent and Accept
// are added afterwards and so are not signed. body is the exact bytes sent.
// An error ends the call without sending the attempt.
type Credentials interface {
	Authorize(ctx context.Context, req *http.Request, body []byte) error
}

// Header names used by the credentials: X-Auth-Token carries an IAM token,
// X-Security-Token the token of temporary AK/SK credentials (signed),
// X-Project-Id the project of the request (set by the client, signed), and
// X-Subject-Token is the header in which IAM answers a new token.
const (
	HeaderAuthToken     = "X-Auth-Token"
	HeaderSecurityToken = "X-Security-Token"
	HeaderProjectID     = "X-Project-Id"
	HeaderSubjectToken  = "X-Subject-Token"
)

// Env is what a client tells credentials about itself through the context:
// the HTTP client to use for their own calls (IAM) and the IAM endpoint.
// The client attaches it when it authorizes with *PasswordCredentials and
// when it asks credentials for their project ID.
type Env struct {
	// HTTPClient is the *http.Client the client sends with: the transport
	// of rocketmq.WithHTTPClient's client, redirects never followed.
	HTTPClient *http.Client
	// IAMEndpoint is the client's IAM endpoint (rocketmq.WithIAMEndpoint or
	// the region's); may be empty.
	IAMEndpoint string
}

type envKey struct{}

// WithEnv returns a context carrying env for credentials that make their own
// HTTP calls (PasswordCredentials). The client calls it; callers need it
// only to use credentials outside a client.
func WithEnv(ctx context.Context, env Env) context.Context {
	return context.WithValue(ctx, envKey{}, env)
}

// EnvFrom returns the Env stored by WithEnv, if any.
func EnvFrom(ctx context.Context) (Env, bool) {
	e, ok := ctx.Value(envKey{}).(Env)
	return e, ok
}

const redacted = "[REDACTED]"

func mask(s string) string {
	if s == "" {
		return `""`
	}
	return redacted
}
