// Package auth holds the credentials a rocketmq.Client uses to authorize
// requests: AK/SK signing (AKSK), a ready-made IAM token (Token) and an IAM
// user's password exchanged for a project-scoped token (PasswordCredentials).
//
// No credential value ever appears in an error, a log line or fmt output:
// every type here formats itself redacted.
package auth

import (
	"context"
	"net/http"
)

// Credentials authorize one attempt of an HTTP request. The client calls
// Authorize on every attempt (so AK/SK signatures are fresh), after the
// request's URL, headers and body are final. body is the exact bytes sent.
type Credentials interface {
	Authorize(ctx context.Context, req *http.Request, body []byte) error
}

// Header names used by the credentials.
const (
	HeaderAuthToken     = "X-Auth-Token"
	HeaderSecurityToken = "X-Security-Token"
	HeaderProjectID     = "X-Project-Id"
	HeaderSubjectToken  = "X-Subject-Token"
)

// Env is what a client tells credentials about itself through the context:
// the HTTP client to use for their own calls (IAM) and the IAM endpoint.
type Env struct {
	// HTTPClient is the client's *http.Client.
	HTTPClient *http.Client
	// IAMEndpoint is the client's IAM endpoint (may be empty).
	IAMEndpoint string
}

type envKey struct{}

// WithEnv returns a context carrying env for credentials that make their own
// HTTP calls (PasswordCredentials).
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
