package check_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
)

// field asserts err is a *rocketmq.ValidationError for field.
func field(t *testing.T, err error, name string) {
	t.Helper()
	var ve *rocketmq.ValidationError
	require.True(t, errors.As(err, &ve), "want a *ValidationError, got %v", err)
	assert.Equal(t, name, ve.Field)
	assert.NotEmpty(t, ve.Message)
}

func TestRules(t *testing.T) {
	t.Parallel()
	ok := []error{
		check.Required("name", "x"),
		check.ID("instance_id", "i-1"),
		check.NotNil("request", false),
		check.MaxLen("description", strings.Repeat("描", 200), 200),
		check.Range("queue_num", 1, 1, 50),
		check.Range("queue_num", 50, 1, 50),
		check.Min("retention", 0, 0),
		check.Limit(0, 50),
		check.Limit(1, 50),
		check.Limit(50, 50),
		check.Offset(0),
		check.OneOf("permission", "sub", "all", "sub", "pub"),
		check.Pattern("name", "Topic_01-a%b|c", 3, 64, true, "_-%|"),
		check.Names("topics", []string{"a", "b"}),
		check.IPOrCIDR("ip", "10.0.0.1"),
		check.IPOrCIDR("ip", " 192.168.0.0/16 "),
		check.IPOrCIDR("ip", "fe80::1"),
		check.IPOrCIDR("ip", "2001:db8::/32"),
		check.First(nil, nil),
	}
	for i, err := range ok {
		assert.NoError(t, err, "case %d", i)
	}

	bad := []struct {
		err   error
		field string
	}{
		{check.Required("name", " "), "name"},
		{check.ID("group", ""), "group"},
		{check.NotNil("request", true), "request"},
		{check.MaxLen("description", strings.Repeat("描", 201), 200), "description"},
		{check.Range("queue_num", 0, 1, 50), "queue_num"},
		{check.Range("queue_num", 51, 1, 50), "queue_num"},
		{check.Min("retention", -1, 0), "retention"},
		{check.Limit(-1, 50), "limit"},
		{check.Limit(51, 50), "limit"},
		{check.Offset(-1), "offset"},
		{check.OneOf("permission", "write", "all", "sub", "pub"), "permission"},
		{check.Pattern("name", "ab", 3, 64, true, "_-"), "name"},
		{check.Pattern("name", "1abc", 3, 64, true, "_-"), "name"},
		{check.Pattern("name", "ab c", 3, 64, false, "_-"), "name"},
		{check.Pattern("name", "abç", 3, 64, false, "_-"), "name"},
		{check.Names("topics", nil), "topics"},
		{check.Names("topics", []string{"a", " "}), "topics[1]"},
		{check.IPOrCIDR("ip", "10.0.0.300"), "ip"},
		{check.IPOrCIDR("ip", "any"), "ip"},
		{check.Fail("x", "bad %d", 1), "x"},
	}
	for _, tc := range bad {
		field(t, tc.err, tc.field)
	}

	first := check.First(nil, check.Required("a", ""), check.Required("b", ""))
	field(t, first, "a")
	assert.Contains(t, check.OneOf("p", "x", "a", "b").Error(), `"a", "b"`)
	assert.Contains(t, check.Range("n", 60, 1, 50).Error(), "between 1 and 50")
}

func TestNewNames(t *testing.T) {
	for _, ok := range []string{"abc", "CID%order|v2", "topic_01-a", strings.Repeat("a", 64)} {
		assert.NoError(t, check.NewGroup("name", ok), ok)
		assert.NoError(t, check.NewTopic("name", ok), ok)
	}
	for _, bad := range []string{"", "  ", "ab", "a b", "tópico", strings.Repeat("a", 65)} {
		assert.Error(t, check.NewGroup("name", bad), bad)
		assert.Error(t, check.NewTopic("name", bad), bad)
	}
	// The retry and dead-letter prefixes are RocketMQ's own.
	for _, bad := range []string{"%RETRY%group1", "%DLQ%group1", "%dlq%group1"} {
		err := check.NewTopic("name", bad)
		var ve *rocketmq.ValidationError
		require.ErrorAs(t, err, &ve, bad)
		assert.Contains(t, ve.Message, "reserves", bad)
		assert.NoError(t, check.NewGroup("name", bad), "groups have no reserved prefix")
	}
}

func TestExistingNames(t *testing.T) {
	// Names the broker creates: RocketMQ's own rule, not the creation rule.
	for _, ok := range []string{"t1", "a", "%RETRY%group1", "%DLQ%" + strings.Repeat("g", 64), strings.Repeat("t", 127)} {
		assert.NoError(t, check.Topic("topic", ok), ok)
	}
	for _, bad := range []string{"", " ", "%DLQ%a b", strings.Repeat("t", 128), "tópico"} {
		err := check.Topic("topic", bad)
		var ve *rocketmq.ValidationError
		require.ErrorAs(t, err, &ve, bad)
		assert.Equal(t, "topic", ve.Field)
	}
	for _, ok := range []string{"g", "CID_x", strings.Repeat("g", 255)} {
		assert.NoError(t, check.Group("group", ok), ok)
	}
	for _, bad := range []string{"", strings.Repeat("g", 256), "a/b"} {
		assert.Error(t, check.Group("group", bad), bad)
	}
}

func TestEachAndPage(t *testing.T) {
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, check.Each("topics", nil, check.Topic), &ve)
	assert.Equal(t, "topics", ve.Field)
	require.ErrorAs(t, check.Each("topics", []string{"ok", "a b"}, check.Topic), &ve)
	assert.Equal(t, "topics[1]", ve.Field)
	assert.NoError(t, check.Each("topics", []string{"ok", "t1"}, check.Topic))

	assert.NoError(t, check.Page(nil, 50))
	assert.NoError(t, check.Page(&rocketmq.PageOptions{Limit: 50, Offset: 3}, 50))
	require.ErrorAs(t, check.Page(&rocketmq.PageOptions{Limit: 51}, 50), &ve)
	assert.Equal(t, "limit", ve.Field)
	require.ErrorAs(t, check.Page(&rocketmq.PageOptions{Offset: -1}, 50), &ve)
	assert.Equal(t, "offset", ve.Field)
}

func TestNoEmpty(t *testing.T) {
	assert.NoError(t, check.NoEmpty("brokers", nil))
	assert.NoError(t, check.NoEmpty("brokers", []string{"broker-0"}))
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, check.NoEmpty("brokers", []string{"broker-0", " "}), &ve)
	assert.Equal(t, "brokers[1]", ve.Field)
}
