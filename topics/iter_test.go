package topics_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

func topicNames(ts []topics.Topic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

func TestListGroupsIterShortPage(t *testing.T) {
	t.Parallel()
	// No total (5.3.5): full pages go on, the short page ends it.
	p := base + "/" + oddEscape + "/groups"
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2", Response: `{"groups":["g-1","g-2"]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2&offset=2", Response: `{"groups":["g-3","g-4"]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2&offset=4", Response: `{"groups":["g-5"]}`},
	)
	opts := &topics.ListGroupsOptions{Limit: 2}
	got, errs := testutil.Collect(t, c.ListGroupsIter(context.Background(), testutil.InstanceID, oddName, opts))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"g-1", "g-2", "g-3", "g-4", "g-5"}, got)
	assert.Equal(t, &topics.ListGroupsOptions{Limit: 2}, opts, "options unchanged")
}

func TestListGroupsIterEmptyPageAndNilOptions(t *testing.T) {
	t.Parallel()
	p := base + "/topic-test/groups"
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=50", Response: testutil.Fixture(t, "list_groups.response.json")},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=1&offset=3", Response: `{"groups":["g-4"]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=1&offset=4", Response: `{"groups":[]}`},
	)
	got, errs := testutil.Collect(t, c.ListGroupsIter(context.Background(), testutil.InstanceID, "topic-test", nil))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"CID_JODIE_1", "test_consumer"}, got)

	got, errs = testutil.Collect(t, c.ListGroupsIter(nilCtx(), testutil.InstanceID, "topic-test", &topics.ListGroupsOptions{Limit: 1, Offset: 3}))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"g-4"}, got)
}

func TestListGroupsIterBreakAndError(t *testing.T) {
	t.Parallel()
	p := base + "/" + dlqEscape + "/groups"
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2", Response: `{"groups":["g-1","g-2"]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2", Response: `{"groups":["g-1","g-2"]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2&offset=2",
			Status: http.StatusBadRequest, Response: `{"error_code":"DMS.00050004","error_msg":"no topic"}`},
	)
	n := 0
	for g, err := range c.ListGroupsIter(context.Background(), testutil.InstanceID, dlq, &topics.ListGroupsOptions{Limit: 2}) {
		require.NoError(t, err)
		assert.Equal(t, "g-1", g)
		n++
		break
	}
	assert.Equal(t, 1, n)

	got, errs := testutil.Collect(t, c.ListGroupsIter(context.Background(), testutil.InstanceID, dlq, &topics.ListGroupsOptions{Limit: 2}))
	assert.Equal(t, []string{"g-1", "g-2"}, got)
	require.Len(t, errs, 1)
	assert.True(t, rocketmq.IsNotFound(errs[0]))
}

func TestListGroupsIterValidation(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, tc := range []struct {
		topic string
		opts  *topics.ListGroupsOptions
		field string
	}{
		{"", nil, "topic"},
		{"topic-test", &topics.ListGroupsOptions{Limit: 51}, "limit"},
		{"topic-test", &topics.ListGroupsOptions{Offset: -1}, "offset"},
	} {
		got, errs := testutil.Collect(t, c.ListGroupsIter(context.Background(), testutil.InstanceID, tc.topic, tc.opts))
		assert.Empty(t, got)
		require.Len(t, errs, 1)
		testutil.AssertValidation(t, errs[0], tc.field)
	}
}

func TestListIterPagesUntilTotal(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=2&offset=2",
			Response: `{"total":6,"topics":[{"name":"t-3"},{"name":"t-4"}]}`},
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=2&offset=4",
			Response: `{"total":"6","topics":[{"name":"t-5"},{"name":"%RETRY%group1"}]}`},
	)
	opts := &topics.ListOptions{Limit: 2, Offset: 2}
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, opts))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"t-3", "t-4", "t-5", retry}, topicNames(got))
	assert.Equal(t, &topics.ListOptions{Limit: 2, Offset: 2}, opts, "options unchanged")
}

func TestListIterNilOptionsAndShortPage(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=50", Response: testutil.Fixture(t, "list.response.json")},
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=2", Response: `{"topics":[{"name":"t-1"},{"name":"t-2"}]}`},
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=2&offset=2", Response: `{"total":0,"topics":[{"name":"t-3"}]}`},
	)
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, nil))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"topic-test", retry, "topic-sub"}, topicNames(got))

	// A missing or contradicting total: a short page ends it.
	got, errs = testutil.Collect(t, c.ListIter(nilCtx(), testutil.InstanceID, &topics.ListOptions{Limit: 2}))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"t-1", "t-2", "t-3"}, topicNames(got))
}

func TestListIterBreakAndErrorOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=1",
			Response: `{"total":9,"topics":[{"name":"t-1"}]}`},
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=1",
			Response: `{"total":9,"topics":[{"name":"t-1"}]}`},
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=1&offset=1",
			Status: http.StatusBadRequest, Response: `{"error_code":"DMS.40050010","error_msg":"Offset parameter is invalid"}`},
	)
	n := 0
	for range c.ListIter(context.Background(), testutil.InstanceID, &topics.ListOptions{Limit: 1}) {
		n++
		break
	}
	assert.Equal(t, 1, n)

	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, &topics.ListOptions{Limit: 1}))
	assert.Equal(t, []string{"t-1"}, topicNames(got))
	require.Len(t, errs, 1)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, "DMS.40050010", apiErr.Code)
}

func TestListIterValidationOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), "", nil))
	assert.Empty(t, got)
	require.Len(t, errs, 1)
	testutil.AssertValidation(t, errs[0], "instance_id")
	_, errs = testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, &topics.ListOptions{Limit: -1}))
	require.Len(t, errs, 1)
	testutil.AssertValidation(t, errs[0], "limit")
}

// A full last page makes the iterator (which has no total) ask at the
// total; the service refuses that offset (DMS.40050010): the end, not an
// error. The same refusal of the first page is an error.
func TestListGroupsIterFullLastPage(t *testing.T) {
	t.Parallel()
	p := base + "/topic-test/groups"
	refused := `{"error_code":"DMS.40050010","error_msg":"Offset parameter is invalid."}`
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2", Response: `{"groups":["g-1","g-2"]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2&offset=2", Response: `{"groups":["g-3","g-4"]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2&offset=4", Status: http.StatusBadRequest, Response: refused},
	)
	got, errs := testutil.Collect(t, c.ListGroupsIter(context.Background(), testutil.InstanceID, "topic-test", &topics.ListGroupsOptions{Limit: 2}))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"g-1", "g-2", "g-3", "g-4"}, got)

	c = newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2&offset=9", Status: http.StatusBadRequest, Response: refused},
	)
	got, errs = testutil.Collect(t, c.ListGroupsIter(context.Background(), testutil.InstanceID, "topic-test", &topics.ListGroupsOptions{Limit: 2, Offset: 9}))
	assert.Empty(t, got)
	require.Len(t, errs, 1)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, rocketmq.CodeOffsetInvalid, apiErr.Code)
}
