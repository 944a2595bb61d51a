package redact_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

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
