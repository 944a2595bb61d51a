package redact_test

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/internal/redact"
)

func TestBody(t *testing.T) {
	t.Parallel()
	body := `{"name":"u1","secret_key":"S1","password":"P1","new_password":"P2","access_key":"AK1",
		"users":[{"secretKey":"S2","x_auth_token":"T1","security_token":"T2"}],
		"nested":{"sk":"S3","token":"T3","white_remote_address":"10.0.0.1"}}`
	got := redact.Body([]byte(body))
	for _, secret := range []string{"S1", "P1", "P2", "S2", "T1", "T2", "S3", "T3"} {
		assert.NotContains(t, got, `"`+secret+`"`)
	}
	for _, kept := range []string{"u1", "AK1", "10.0.0.1"} {
		assert.Contains(t, got, kept)
	}
	assert.Equal(t, "(9 bytes, not JSON)", redact.Body([]byte("password=")))

	// A metadata migration body is a RabbitMQ definitions export.
	defs := `{"rabbit_version":"3.8.9","users":[{"name":"guest","password_hash":"HASH1","hashing_algorithm":"rabbit_password_hashing_sha256","tags":"administrator"}],
		"parameters":[{"value":{"src-uri":"amqp://u:pw@h","ack-mode":"on-confirm","client_secret_value":"S4"}}]}`
	got = redact.Body([]byte(defs))
	assert.NotContains(t, got, "HASH1")
	assert.NotContains(t, got, "S4")
	assert.NotContains(t, got, ":pw@", "a URL's password is masked")
	assert.Contains(t, got, "amqp://u:xxxxx@h")
	assert.Contains(t, got, "guest")
	assert.Contains(t, got, "rabbit_password_hashing_sha256", "a value that merely mentions a password stays")
	long := `{"a":"` + strings.Repeat("x", 5000) + `"}`
	assert.LessOrEqual(t, len(redact.Body([]byte(long))), 2048+len("…"))
}

func TestQuery(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "", redact.Query(""))
	assert.Equal(t, "a=1&b=2", redact.Query("a=1&b=2"), "unchanged when nothing is secret")
	assert.Equal(t, "name=x&password=%5BREDACTED%5D&x_auth_token=%5BREDACTED%5D", redact.Query("password=p1&name=x&x_auth_token=t1"))
	assert.Equal(t, "(unparsable query)", redact.Query("a=%zz"))
}

func TestURLAndError(t *testing.T) {
	t.Parallel()
	u, _ := url.Parse("https://user:pw@h.example/p?secret_key=sk1&k=v")
	assert.Equal(t, "https://%5BREDACTED%5D@h.example/p?k=v&secret_key=%5BREDACTED%5D", redact.URL(u))
	assert.Equal(t, "(unparsable URL)", redact.URLString("http://[::1"))

	cause := errors.New("connection reset")
	ue := &url.Error{Op: "Get", URL: "https://h.example/p?password=pw-12345", Err: cause}
	got := redact.Error(ue)
	assert.NotContains(t, got.Error(), "pw-12345")
	var gu *url.Error
	require.ErrorAs(t, got, &gu)
	assert.ErrorIs(t, got, cause)

	wrapped := fmt.Errorf("reading: %w", ue)
	got = redact.Error(wrapped)
	assert.Equal(t, `reading: Get "https://h.example/p?password=%5BREDACTED%5D": connection reset`, got.Error())
	assert.ErrorIs(t, got, cause)
	assert.Same(t, cause, errors.Unwrap(errors.Unwrap(errors.Unwrap(got))))

	plain := errors.New("x")
	assert.Same(t, plain, redact.Error(plain))
	assert.Nil(t, redact.Error(nil))
}

func TestSecretsScrubJSONDecodedForms(t *testing.T) {
	t.Parallel()
	s := redact.Secrets(nil).Add("a/b<c>d", "xy") // "xy" is too short to mask
	assert.Len(t, s, 3, `the value, its JSON-escaped form and its "\/" form`)
	for _, body := range []string{
		`{"m":"a/b<c>d"}`, `{"m":"a\/b\u003cc\u003ed"}`, `{"m":"\u0061\u002f\u0062<c>d"}`, `[{"a/b<c>d":1}]`,
	} {
		got := string(s.ScrubJSON([]byte(body)))
		assert.NotContains(t, got, "b<c", body)
		assert.Contains(t, got, "[REDACTED]", body)
	}
	same := []byte(`{"m": "nothing here", "n": 1.50}`)
	assert.Equal(t, string(same), string(s.ScrubJSON(same)), "unchanged bytes when nothing is masked")
	assert.Equal(t, "text [REDACTED] xy", string(s.ScrubJSON([]byte("text a/b<c>d xy"))))
	assert.Equal(t, "https://e.example/%5BREDACTED%5D?k=%5BREDACTED%5D&token=%5BREDACTED%5D",
		s.URL("https://e.example/"+url.PathEscape("a/b<c>d")+"?k="+url.QueryEscape("a/b<c>d")+"&token=t0k3n"))
}

func TestShortenAtRuneBoundary(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "abc", redact.Shorten("abc", 3))
	assert.Equal(t, "é…", redact.Shorten("éé", 3))
	assert.Equal(t, "…", redact.Shorten("éé", 1))
}
