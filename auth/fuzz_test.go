package auth_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/auth"
)

// fuzzVerbs are the fmt verbs a credential may meet in a log line.
var fuzzVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%T %v", "%[1]v %[1]s"}

// replaceSecret returns a different non-empty secret of s, or "" for "".
func replaceSecret(s string) string {
	switch s {
	case "":
		return ""
	case "x":
		return "y"
	}
	return "x"
}

// FuzzCredentialsNeverPrintSecrets formats every credential type with
// every verb, alone and inside a struct, and checks that the output does
// not depend on the secrets (secret key, security token, token, password):
// with other non-empty secrets the output is the same, so no secret, nor any
// part of one, can show.
func FuzzCredentialsNeverPrintSecrets(f *testing.F) {
	f.Add("HPUAEXAMPLEAK0000001", "s3cr3tExampleSecretKey", "sec-token", "MIIe-token", "alice", "pw-Secret1")
	f.Add("", "", "", "", "", "")
	f.Add("AK", "x", "y", "x", "u", "x")
	f.Add("abcd", "[REDACTED]", `""`, "auth.Token(", "%v", "%s")
	f.Add("ÀÁÂÃÄ", "\x00\xff", "\n", "名前", "\"quoted\"", "}")
	f.Fuzz(func(t *testing.T, ak, sk, secTok, tok, user, pw string) {
		type wrapper struct {
			Creds auth.Credentials
			Ptr   *auth.AKSK
		}
		render := func(sk, secTok, tok, pw string) []string {
			k := auth.AKSK{AccessKey: ak, SecretKey: sk, SecurityToken: secTok}
			p := auth.Password{IAMEndpoint: "https://iam.example", Username: user, Password: pw, DomainName: "acme", ProjectName: "cn-north-4"}
			vals := []any{
				k, &k, auth.Token(tok), p, &p, auth.NewPasswordCredentials(p),
				wrapper{Creds: k, Ptr: &k}, wrapper{Creds: auth.Token(tok)}, wrapper{Creds: auth.NewPasswordCredentials(p)},
				[]auth.Credentials{k, auth.Token(tok)}, map[string]any{"p": p, "t": auth.Token(tok)},
			}
			var out []string
			for _, v := range vals {
				for _, verb := range fuzzVerbs {
					out = append(out, fmt.Sprintf(verb, v))
				}
				out = append(out, fmt.Sprint(v), fmt.Sprintln(v))
			}
			return out
		}
		got := render(sk, secTok, tok, pw)
		other := render(replaceSecret(sk), replaceSecret(secTok), replaceSecret(tok), replaceSecret(pw))
		require.Equal(t, len(other), len(got))
		for i := range got {
			assert.Equal(t, other[i], got[i], "output #%d depends on a secret", i)
		}
	})
}

// FuzzPasswordLoginErrorsRedactPassword makes IAM refuse a password login
// with an arbitrary status and body, possibly echoing the password (at
// a fuzzed place). The login fails with an error that never contains the
// password, nor half of it, and stays short.
func FuzzPasswordLoginErrorsRedactPassword(f *testing.F) {
	for _, s := range []struct {
		status uint16
		body   string
		echo   int16
	}{
		{101, `{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}`, -1},
		{101, `{"error":{"code":401,"message":"The username or password is wrong: ","title":"Unauthorized"}}`, 65},
		{103, `{"error_code":"IAM.0101","error_msg":"bad password "}`, 50},
		{200, `<html>Internal Server Error</html>`, 6},
		{100, `{"error":{"message":""}}`, 20},
		{0, ``, 0},
		{299, strings.Repeat("a", 190), 100},
		{103, `{"error":{"code":"x","message":null},"error_msg":"m"}`, -1},
		{120, "\xff\xfe\xfd", 1},
		// Found by fuzzing: a password echoed across the 200-byte cut.
		{352, strings.Repeat("0", 183), 183},
		{101, `{"error_msg":"` + strings.Repeat("y", 2000) + `"}`, 1000},
	} {
		f.Add(s.status, []byte(s.body), s.echo)
	}
	const pw = "Fuzz-Passw0rd!Value"
	f.Fuzz(func(t *testing.T, status uint16, body []byte, echo int16) {
		code := 300 + int(status)%300
		sent := body
		if echo >= 0 {
			k := int(echo) % (len(body) + 1)
			sent = append(append(append([]byte(nil), body[:k]...), pw...), body[k:]...)
		}
		mt := httpmock.NewMockTransport()
		mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
			resp := httpmock.NewBytesResponse(code, sent)
			resp.Request = req
			return resp, nil
		})
		ctx := auth.WithEnv(context.Background(), auth.Env{HTTPClient: &http.Client{Transport: mt}, IAMEndpoint: iam})
		c := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: pw, DomainName: "acme", ProjectName: "cn-north-4"})
		req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
		err := c.Authorize(ctx, req, nil)
		require.Error(t, err)
		msg := err.Error()
		assert.NotContains(t, msg, pw, "the password leaks into the error")
		// Nor does a good part of it (say, what a truncation left).
		for n := len(pw) / 2; n < len(pw); n++ {
			for _, part := range []string{pw[:n], pw[len(pw)-n:]} {
				if !bytes.Contains(body, []byte(part)) {
					assert.NotContains(t, msg, part, "%d bytes of the password leak into the error", n)
				}
			}
		}
		assert.Contains(t, msg, fmt.Sprintf("HTTP %d", code))
		assert.LessOrEqual(t, len(msg), 512, "the error is short")
		assert.Empty(t, req.Header.Get(auth.HeaderAuthToken))
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
}
