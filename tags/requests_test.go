package tags_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tags"
)

const actionPath = "/v2/" + testutil.ProjectID + "/rocketmq/" + testutil.InstanceID + "/tags/action"

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
	err := tags.New(c).Create(context.Background(), testutil.InstanceID, []tags.Tag{
		{Key: "key1", Value: "value1"},
		{Key: "key2", Value: "value2"},
	})
	require.NoError(t, err)
}

// TestDelete: 5.7.1 has no example of action "delete"; the body follows
// table 5-131, and an empty value is sent as "".
func TestDelete(t *testing.T) {
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

func TestList(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     "/v2/" + testutil.ProjectID + "/rocketmq/" + testutil.InstanceID + "/tags",
		Response: `{"tags":[{"key":"key1","value":"value1"},{"key":"key2","value":""}]}`,
	})
	got, err := tags.New(c).List(context.Background(), testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, []tags.Tag{{Key: "key1", Value: "value1"}, {Key: "key2", Value: ""}}, got.Tags)
}

func TestListProject(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     "/v2/" + testutil.ProjectID + "/rocketmq/tags",
			Response: `{"tags":[{"key":"env","value":"prod"}]}`,
		},
		// Odd shapes: one object where the array belongs, a number value.
		testutil.Call{
			Method:   http.MethodGet,
			Path:     "/v2/" + testutil.ProjectID + "/rocketmq/tags",
			Response: `{"tags":{"key":"n","value":7}}`,
		},
		testutil.Call{
			Method: http.MethodGet,
			Path:   "/v2/" + testutil.ProjectID + "/rocketmq/tags",
			Status: http.StatusOK,
		},
	)
	tc := tags.New(c)
	got, err := tc.ListProject(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []tags.Tag{{Key: "env", Value: "prod"}}, got.Tags)

	got, err = tc.ListProject(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []tags.Tag{{Key: "n", Value: "7"}}, got.Tags)

	got, err = tc.ListProject(context.Background())
	require.NoError(t, err)
	assert.Empty(t, got.Tags)
}

// TestPathEscaping: an instance ID with % and | goes out escaped as one
// segment.
func TestPathEscaping(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     "/v2/" + testutil.ProjectID + "/rocketmq/CID%25order%7Cv2/tags",
		Response: `{"tags":[]}`,
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

func TestValidation(t *testing.T) {
	t.Parallel()
	many := make([]tags.Tag, 21)
	for i := range many {
		many[i] = tags.Tag{Key: "k" + strings.Repeat("x", i)}
	}
	twenty := many[:20]
	ok := []tags.Tag{{Key: "k", Value: "v"}}
	cases := []struct {
		name  string
		id    string
		tags  []tags.Tag
		field string
	}{
		{"empty instance", "", ok, "instance_id"},
		{"blank instance", "  ", ok, "instance_id"},
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
	t.Run("limits accepted", func(t *testing.T) {
		t.Parallel()
		require.NoError(t, tags.Validate(twenty))
		require.NoError(t, tags.Validate([]tags.Tag{
			{Key: strings.Repeat("键", 128), Value: strings.Repeat("值", 255)},
			{Key: "a b_c.d:e=f+g-h@i", Value: "a b_c.d:e/f=g+h-i@j"},
			{Key: "x", Value: ""},
		}))
	})
}
