package groups_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

func names(gs []groups.Group) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Name
	}
	return out
}

func TestListIterNilOptionsOnePage(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base,
		Query:    "limit=50",
		Response: testutil.Fixture(t, "list.response.json"),
	})
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, nil))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"aaaaa"}, names(got))
}

func TestListIterPagesUntilTotal(t *testing.T) {
	t.Parallel()
	// Full pages up to the total: no request past it (DMS.40050010).
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base, Query: "group=CID%25&limit=2&offset=1",
			Response: `{"total":5,"groups":[{"name":"g-1"},{"name":"g-2"}]}`},
		testutil.Call{Method: http.MethodGet, Path: base, Query: "group=CID%25&limit=2&offset=3",
			Response: `{"total":"5","groups":[{"name":"g-3"},{"name":"g-4"}]}`},
	)
	opts := &groups.ListOptions{Group: "CID%", Limit: 2, Offset: 1}
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, opts))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"g-1", "g-2", "g-3", "g-4"}, names(got))
	assert.Equal(t, &groups.ListOptions{Group: "CID%", Limit: 2, Offset: 1}, opts, "options unchanged")
}

func TestListIterShortPageStops(t *testing.T) {
	t.Parallel()
	// Total missing (or contradicting the items): a short page ends it.
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=2",
			Response: `{"groups":[{"name":"g-1"},{"name":"g-2"}]}`},
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=2&offset=2",
			Response: `{"total":1,"groups":[{"name":"g-3"}]}`},
	)
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, &groups.ListOptions{Limit: 2}))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"g-1", "g-2", "g-3"}, names(got))
}

func TestListIterBreak(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=2",
		Response: `{"total":10,"groups":[{"name":"g-1"},{"name":"g-2"}]}`})
	n := 0
	for g, err := range c.ListIter(context.Background(), testutil.InstanceID, &groups.ListOptions{Limit: 2}) {
		require.NoError(t, err)
		assert.Equal(t, "g-1", g.Name)
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestListIterErrorOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=1",
			Response: `{"total":3,"groups":[{"name":"g-1"}]}`},
		testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=1&offset=1",
			Status: http.StatusBadRequest, Response: `{"error_code":"DMS.40050010","error_msg":"Offset parameter is invalid"}`},
	)
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, &groups.ListOptions{Limit: 1}))
	assert.Equal(t, []string{"g-1"}, names(got))
	require.Len(t, errs, 1)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, "DMS.40050010", apiErr.Code)
}

func TestListIterValidationOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, &groups.ListOptions{Limit: 51}))
	assert.Empty(t, got)
	require.Len(t, errs, 1)
	testutil.AssertValidation(t, errs[0], "limit")

	_, errs = testutil.Collect(t, c.ListIter(context.Background(), "", nil))
	require.Len(t, errs, 1)
	testutil.AssertValidation(t, errs[0], "instance_id")
}

func TestListIterNilContext(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: base, Query: "limit=50",
		Response: `{"total":0,"groups":[]}`})
	got, errs := testutil.Collect(t, c.ListIter(nilCtx(), testutil.InstanceID, nil))
	assert.Empty(t, got)
	assert.Empty(t, errs)
}

func TestListTopicsIter(t *testing.T) {
	t.Parallel()
	p := base + "/" + oddEscape + "/topics"
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2",
			Response: `{"topics":["t-1","%RETRY%CID%order|v2"],"total":4}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=2&offset=2",
			Response: `{"topics":["t-3","t-4"],"total":4}`},
	)
	opts := &groups.ListTopicsOptions{Limit: 2}
	got, errs := testutil.Collect(t, c.ListTopicsIter(context.Background(), testutil.InstanceID, oddName, opts))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"t-1", "%RETRY%CID%order|v2", "t-3", "t-4"}, got)
	assert.Equal(t, &groups.ListTopicsOptions{Limit: 2}, opts)
}

func TestListTopicsIterNilOptionsExampleAndBreak(t *testing.T) {
	t.Parallel()
	p := base + "/group1/topics"
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=50",
			Response: testutil.Fixture(t, "list_topics.response.json")},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=1&offset=7",
			Response: `{"topics":["t-8"],"total":20}`},
	)
	got, errs := testutil.Collect(t, c.ListTopicsIter(context.Background(), testutil.InstanceID, "group1", nil))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"test0001"}, got)

	n := 0
	for range c.ListTopicsIter(context.Background(), testutil.InstanceID, "group1", &groups.ListTopicsOptions{Limit: 1, Offset: 7}) {
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestListTopicsIterErrors(t *testing.T) {
	t.Parallel()
	p := base + "/group1/topics"
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: p, Query: "limit=50",
		Status: http.StatusBadRequest, Response: `{"error_code":"DMS.00050012","error_msg":"no group"}`})
	got, errs := testutil.Collect(t, c.ListTopicsIter(context.Background(), testutil.InstanceID, "group1", nil))
	assert.Empty(t, got)
	require.Len(t, errs, 1)
	assert.True(t, rocketmq.IsNotFound(errs[0]))

	_, errs = testutil.Collect(t, c.ListTopicsIter(context.Background(), testutil.InstanceID, "g/1", nil))
	require.Len(t, errs, 1)
	testutil.AssertValidation(t, errs[0], "group")
	_, errs = testutil.Collect(t, c.ListTopicsIter(context.Background(), testutil.InstanceID, "group1", &groups.ListTopicsOptions{Offset: -1}))
	require.Len(t, errs, 1)
	testutil.AssertValidation(t, errs[0], "offset")
}
