package tags_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tags"
)

const (
	actionPath   = "/v2/" + testutil.ProjectID + "/rocketmq/" + testutil.InstanceID + "/tags/action"
	instancePath = "/v2/" + testutil.ProjectID + "/rocketmq/" + testutil.InstanceID + "/tags"
	projectPath  = "/v2/" + testutil.ProjectID + "/rocketmq/tags"
)

// TestCreateExample replays 5.7.1's request example; the answer is 204.
func TestCreateExample(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodPost,
		Path:   actionPath,
		Body:   testutil.Fixture(t, "create.request.json"),
		Status: http.StatusNoContent,
	})
	var resp rocketmq.Response
	err := tags.New(c).Create(context.Background(), testutil.InstanceID, []tags.Tag{
		{Key: "key1", Value: "value1"},
		{Key: "key2", Value: "value2"},
	}, rocketmq.CaptureResponse(&resp))
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Equal(t, "req-1", resp.RequestID, "a successful Create reports its request ID")
}

// TestDeleteSendsActionDelete: 5.7.1 has no example of action "delete";
// the body follows table 5-131, and an empty value is sent as "".
func TestDeleteSendsActionDelete(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodPost,
		Path:   actionPath,
		Body:   `{"action":"delete","tags":[{"key":"key1","value":""},{"key":"环境 a","value":"值"}]}`,
		Status: http.StatusNoContent,
	})
	err := tags.New(c).Delete(context.Background(), testutil.InstanceID, []tags.Tag{{Key: "key1"}, {Key: "环境 a", Value: "值"}})
	require.NoError(t, err)
}

// TestListFollowsEveryPage: the service pages the instance's tags (10 by
// default); List asks for pages of 10 from offset 0 until it has the
// total, and captures the last page's response.
func TestListFollowsEveryPage(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	page := func(from, n int) string {
		var items []string
		for i := from; i < from+n; i++ {
			items = append(items, `{"key":"k`+itoa(i)+`","value":"v`+itoa(i)+`"}`)
		}
		return `{"tags":[` + strings.Join(items, ",") + `],"total":23,"next_offset":` + itoa(from+n) + `,"previous_offset":` + itoa(max(from-10, 0)) + `}`
	}
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=0", Response: page(0, 10)},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=10", Response: page(10, 10)},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=20", Response: page(20, 3),
			Header: http.Header{"X-Request-Id": {"req-last-page"}}},
	)
	var resp rocketmq.Response
	got, err := tags.New(c).List(context.Background(), testutil.InstanceID, rocketmq.CaptureResponse(&resp))
	require.NoError(t, err)
	want := make([]tags.Tag, 23)
	for i := range want {
		want[i] = tags.Tag{Key: "k" + itoa(i), Value: "v" + itoa(i)}
	}
	assert.Equal(t, &tags.ListResponse{Tags: want, Total: 23}, got)
	assert.Equal(t, "req-last-page", resp.RequestID, "the last page is captured")
}

// TestListOnePage: a page that reaches the total is the last one; an
// empty value decodes as "".
func TestListOnePage(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     instancePath,
		Query:    "limit=10&offset=0",
		Response: `{"tags":[{"key":"key1","value":"value1"},{"key":"key2","value":""}],"total":2,"next_offset":-1,"previous_offset":-1}`,
	})
	got, err := tags.New(c).List(context.Background(), testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, &tags.ListResponse{Tags: []tags.Tag{{Key: "key1", Value: "value1"}, {Key: "key2", Value: ""}}, Total: 2}, got)
}

// TestListWithoutTotal: an answer without total ends on a short page, or,
// after a full one, when the service refuses the next offset
// (DMS.40050010); Total is then the number of tags received.
func TestListWithoutTotal(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	full := `{"tags":[` + strings.TrimSuffix(strings.Repeat(`{"key":"a","value":"b"},`, 10), ",") + `]}`
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=0", Response: full},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=10", Status: http.StatusBadRequest,
			Response: `{"error_code":"DMS.40050010","error_msg":"Offset parameter is invalid."}`},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=0", Response: `{"tags":[{"key":"x","value":"y"}]}`},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=0", Status: http.StatusOK},
	)
	tc := tags.New(c)
	got, err := tc.List(context.Background(), testutil.InstanceID)
	require.NoError(t, err)
	assert.Len(t, got.Tags, 10)
	assert.Equal(t, int64(10), got.Total)
	got, err = tc.List(context.Background(), testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, &tags.ListResponse{Tags: []tags.Tag{{Key: "x", Value: "y"}}, Total: 1}, got)
	got, err = tc.List(context.Background(), testutil.InstanceID)
	require.NoError(t, err, "an empty body is an empty list")
	assert.Equal(t, &tags.ListResponse{Tags: []tags.Tag{}, Total: 0}, got)
}

// TestListPageError: an error on a later page is the call's error.
func TestListPageError(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	full := `{"tags":[` + strings.TrimSuffix(strings.Repeat(`{"key":"a","value":"b"},`, 10), ",") + `],"total":12}`
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=0", Response: full},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=10", Status: http.StatusForbidden,
			Response: `{"error_code":"DMS.00403001","error_msg":"Forbidden."}`},
	)
	got, err := tags.New(c).List(context.Background(), testutil.InstanceID)
	assert.Nil(t, got)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusForbidden, apiErr.StatusCode)
}

// TestListProjectFollowsEveryPage: the current service answers
// {key, values[]}, paged (10 by default); every value of every key is
// kept, across pages.
func TestListProjectFollowsEveryPage(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	var first []string
	for i := range 10 {
		first = append(first, `{"key":"key`+itoa(i)+`","values":["a`+itoa(i)+`","b`+itoa(i)+`"]}`)
	}
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: projectPath, Query: "limit=10&offset=0",
			Response: `{"tags":[` + strings.Join(first, ",") + `],"total":12,"next_offset":10,"previous_offset":-1}`},
		testutil.Call{Method: http.MethodGet, Path: projectPath, Query: "limit=10&offset=10",
			Response: `{"tags":[{"key":"env","values":["prod","test"]},{"key":"empty","values":[]}],"total":12,"next_offset":-1,"previous_offset":0}`,
			Header:   http.Header{"X-Request-Id": {"req-project-last"}}},
	)
	var resp rocketmq.Response
	got, err := tags.New(c).ListProject(context.Background(), rocketmq.CaptureResponse(&resp))
	require.NoError(t, err)
	want := &tags.ProjectTagsResponse{Total: 12}
	for i := range 10 {
		want.Tags = append(want.Tags, tags.ProjectTag{Key: "key" + itoa(i), Values: []string{"a" + itoa(i), "b" + itoa(i)}})
	}
	want.Tags = append(want.Tags, tags.ProjectTag{Key: "env", Values: []string{"prod", "test"}}, tags.ProjectTag{Key: "empty", Values: []string{}})
	assert.Equal(t, want, got)
	assert.Equal(t, "req-project-last", resp.RequestID)
}

// TestListProjectReferenceForm: the reference's {key, value} items (one
// per pair) fold into Values, the pairs of one key under it; a repeated
// pair counts once; Total stays the service's count of items.
func TestListProjectReferenceForm(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodGet, Path: projectPath, Query: "limit=10&offset=0",
		Response: `{"tags":[{"key":"env","value":"prod"},{"key":"team","value":""},{"key":"env","value":"test"},{"key":"env","value":"prod"}],"total":4}`,
	})
	got, err := tags.New(c).ListProject(context.Background())
	require.NoError(t, err)
	assert.Equal(t, &tags.ProjectTagsResponse{
		Tags: []tags.ProjectTag{
			{Key: "env", Values: []string{"prod", "test"}},
			{Key: "team", Values: []string{""}},
		},
		Total: 4,
	}, got)
}

// TestListProjectOddShapes: one object where the array belongs, a number
// as a value, both forms in one item, an empty answer.
func TestListProjectOddShapes(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: projectPath, Query: "limit=10&offset=0", Response: `{"tags":{"key":"n","value":7}}`},
		testutil.Call{Method: http.MethodGet, Path: projectPath, Query: "limit=10&offset=0", Response: `{"tags":[{"key":"k","values":["a"],"value":"b"}],"total":"1"}`},
		testutil.Call{Method: http.MethodGet, Path: projectPath, Query: "limit=10&offset=0", Status: http.StatusOK},
	)
	tc := tags.New(c)
	got, err := tc.ListProject(context.Background())
	require.NoError(t, err)
	assert.Equal(t, &tags.ProjectTagsResponse{Tags: []tags.ProjectTag{{Key: "n", Values: []string{"7"}}}, Total: 1}, got)
	got, err = tc.ListProject(context.Background())
	require.NoError(t, err)
	assert.Equal(t, &tags.ProjectTagsResponse{Tags: []tags.ProjectTag{{Key: "k", Values: []string{"a", "b"}}}, Total: 1}, got)
	got, err = tc.ListProject(context.Background())
	require.NoError(t, err)
	assert.Equal(t, &tags.ProjectTagsResponse{Tags: []tags.ProjectTag{}, Total: 0}, got)
}

// TestPathEscaping: an instance ID with % and | goes out escaped as one
// segment.
func TestPathEscaping(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     "/v2/" + testutil.ProjectID + "/rocketmq/CID%25order%7Cv2/tags",
		Query:    "limit=10&offset=0",
		Response: `{"tags":[],"total":0}`,
	})
	_, err := tags.New(c).List(context.Background(), "CID%order|v2")
	require.NoError(t, err)
}

func TestServerError(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodPost,
		Path:     actionPath,
		Body:     `{"action":"create","tags":[{"key":"k","value":"v"}]}`,
		Status:   http.StatusNotFound,
		Response: `{"error_code":"DMS.00404022","error_msg":"The instance does not exist."}`,
		Header:   http.Header{"X-Request-Id": {"req-tags-404"}},
	})
	err := tags.New(c).Create(context.Background(), testutil.InstanceID, []tags.Tag{{Key: "k", Value: "v"}})
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "DMS.00404022", apiErr.Code)
	assert.Equal(t, "req-tags-404", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))
}

// TestTooManyTagsOnTheInstance: the service's refusal of a 21st tag on an
// instance (DMS.10240044) is the call's error.
func TestTooManyTagsOnTheInstance(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodPost,
		Path:     actionPath,
		Body:     `{"action":"create","tags":[{"key":"k","value":"v"}]}`,
		Status:   http.StatusBadRequest,
		Response: `{"error_code":"DMS.10240044","error_msg":"A maximum of 20 tags can be created."}`,
	})
	err := tags.New(c).Create(context.Background(), testutil.InstanceID, []tags.Tag{{Key: "k", Value: "v"}})
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "DMS.10240044", apiErr.Code)
}

func TestValidation(t *testing.T) {
	t.Parallel()
	many := make([]tags.Tag, 21)
	for i := range many {
		many[i] = tags.Tag{Key: "k" + strings.Repeat("x", i)}
	}
	ok := []tags.Tag{{Key: "k", Value: "v"}}
	cases := []struct {
		name  string
		id    string
		tags  []tags.Tag
		field string
	}{
		{"empty instance", "", ok, "instance_id"},
		{"dot instance", ".", ok, "instance_id"},
		{"nil tags", testutil.InstanceID, nil, "tags"},
		{"no tags", testutil.InstanceID, []tags.Tag{}, "tags"},
		{"21 tags", testutil.InstanceID, many, "tags"},
		{"empty key", testutil.InstanceID, []tags.Tag{{Key: "a"}, {Key: ""}}, "tags[1].key"},
		{"key 129", testutil.InstanceID, []tags.Tag{{Key: strings.Repeat("k", 129)}}, "tags[0].key"},
		{"key 129 runes", testutil.InstanceID, []tags.Tag{{Key: strings.Repeat("键", 129)}}, "tags[0].key"},
		{"leading space", testutil.InstanceID, []tags.Tag{{Key: " k"}}, "tags[0].key"},
		{"trailing space", testutil.InstanceID, []tags.Tag{{Key: "k "}}, "tags[0].key"},
		{"slash in key", testutil.InstanceID, []tags.Tag{{Key: "a/b"}}, "tags[0].key"},
		{"comma in key", testutil.InstanceID, []tags.Tag{{Key: "a,b"}}, "tags[0].key"},
		{"tab in key", testutil.InstanceID, []tags.Tag{{Key: "a\tb"}}, "tags[0].key"},
		{"bad utf8", testutil.InstanceID, []tags.Tag{{Key: "a\xffb"}}, "tags[0].key"},
		{"value 256", testutil.InstanceID, []tags.Tag{{Key: "k", Value: strings.Repeat("v", 256)}}, "tags[0].value"},
		{"star in value", testutil.InstanceID, []tags.Tag{{Key: "k", Value: "a*"}}, "tags[0].value"},
		{"slash in value", testutil.InstanceID, []tags.Tag{{Key: "k", Value: "a/b"}}, "tags[0].value"},
		{"value leading space", testutil.InstanceID, []tags.Tag{{Key: "k", Value: " v"}}, "tags[0].value"},
		{"value trailing space", testutil.InstanceID, []tags.Tag{{Key: "j"}, {Key: "k", Value: "v "}}, "tags[1].value"},
		{"value only spaces", testutil.InstanceID, []tags.Tag{{Key: "k", Value: "  "}}, "tags[0].value"},
		{"value bad utf8", testutil.InstanceID, []tags.Tag{{Key: "k", Value: "\xff"}}, "tags[0].value"},
		{"duplicate key", testutil.InstanceID, []tags.Tag{{Key: "k"}, {Key: "j"}, {Key: "k"}}, "tags[2].key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt) // nothing may be sent
			cl := tags.New(c)
			for _, err := range []error{
				cl.Create(context.Background(), tc.id, tc.tags),
				cl.Delete(context.Background(), tc.id, tc.tags),
			} {
				var ve *rocketmq.ValidationError
				require.True(t, errors.As(err, &ve), "want a ValidationError, got %v", err)
				assert.Equal(t, tc.field, ve.Field)
			}
		})
	}
	t.Run("list empty instance", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt)
		_, err := tags.New(c).List(context.Background(), "")
		var ve *rocketmq.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "instance_id", ve.Field)
	})
}

// TestLimitsAccepted: 20 tags, the longest key and value, every allowed
// character and an empty value go out.
func TestLimitsAccepted(t *testing.T) {
	t.Parallel()
	twenty := make([]tags.Tag, 20)
	var items []string
	for i := range twenty {
		twenty[i] = tags.Tag{Key: "k" + itoa(i), Value: "v"}
		items = append(items, `{"key":"k`+itoa(i)+`","value":"v"}`)
	}
	edge := []tags.Tag{
		{Key: strings.Repeat("键", 128), Value: strings.Repeat("值", 255)},
		{Key: "a b_c.d:e=f+g-h@i", Value: "a b_c.d:e=f+g-h@j"},
		{Key: "x", Value: ""},
	}
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodPost, Path: actionPath, Body: `{"action":"create","tags":[` + strings.Join(items, ",") + `]}`, Status: http.StatusNoContent},
		testutil.Call{Method: http.MethodPost, Path: actionPath, Body: `{"action":"delete","tags":[{"key":"` + strings.Repeat("键", 128) + `","value":"` + strings.Repeat("值", 255) + `"},{"key":"a b_c.d:e=f+g-h@i","value":"a b_c.d:e=f+g-h@j"},{"key":"x","value":""}]}`, Status: http.StatusNoContent},
	)
	tc := tags.New(c)
	require.NoError(t, tc.Create(context.Background(), testutil.InstanceID, twenty))
	require.NoError(t, tc.Delete(context.Background(), testutil.InstanceID, edge))
}

// TestActions: a 403 names the IAM action of each operation.
func TestActions(t *testing.T) {
	t.Parallel()
	forbidden := `{"error_code":"DMS.00403001","error_msg":"Forbidden."}`
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: instancePath, Query: "limit=10&offset=0", Status: http.StatusForbidden, Response: forbidden},
		testutil.Call{Method: http.MethodGet, Path: projectPath, Query: "limit=10&offset=0", Status: http.StatusForbidden, Response: forbidden},
		testutil.Call{Method: http.MethodPost, Path: actionPath, Body: `{"action":"create","tags":[{"key":"k","value":"v"}]}`, Status: http.StatusForbidden, Response: forbidden},
		testutil.Call{Method: http.MethodPost, Path: actionPath, Body: `{"action":"delete","tags":[{"key":"k","value":"v"}]}`, Status: http.StatusForbidden, Response: forbidden},
	)
	tc := tags.New(c)
	ctx := context.Background()
	_, listErr := tc.List(ctx, testutil.InstanceID)
	_, projectErr := tc.ListProject(ctx)
	createErr := tc.Create(ctx, testutil.InstanceID, []tags.Tag{{Key: "k", Value: "v"}})
	deleteErr := tc.Delete(ctx, testutil.InstanceID, []tags.Tag{{Key: "k", Value: "v"}})
	for want, err := range map[string]error{"create": createErr, "delete": deleteErr, "list": listErr, "project": projectErr} {
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr, want)
		action := "dms:instance:get"
		if want == "create" || want == "delete" {
			action = "dms:instance:modify"
		}
		assert.Equal(t, action, apiErr.Action, want)
	}
}

// TestNilClient: a client made with New(nil) refuses every call with a
// ValidationError.
func TestNilClient(t *testing.T) {
	t.Parallel()
	tc := tags.New(nil)
	_, err := tc.List(context.Background(), testutil.InstanceID)
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "client", ve.Field)
	_, err = tc.ListProject(context.Background())
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "client", ve.Field)
	err = tc.Create(context.Background(), testutil.InstanceID, []tags.Tag{{Key: "k"}})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "client", ve.Field)
}

func itoa(i int) string { return strconv.Itoa(i) }
