package rocketmq_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

var testCreds = auth.AKSK{AccessKey: testutil.AccessKey, SecretKey: testutil.SecretKey}

const pid = testutil.ProjectID

// ---------------------------------------------------------------- NewClient

func TestNewClientRefusesIncompleteConfig(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		opts []rocketmq.Option
		want string
	}{
		{"no endpoint or region", []rocketmq.Option{rocketmq.WithCredentials(testCreds)}, "no endpoint"},
		{"blank region", []rocketmq.Option{rocketmq.WithRegion("  "), rocketmq.WithCredentials(testCreds)}, "no endpoint"},
		{"no credentials", []rocketmq.Option{rocketmq.WithRegion("cn-north-4")}, "no credentials"},
		{"nil credentials", []rocketmq.Option{rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(nil)}, "no credentials"},
		{"AK without SK", []rocketmq.Option{rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(auth.AKSK{AccessKey: "AK"})}, "secret key"},
		{"SK without AK", []rocketmq.Option{rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(auth.AKSK{SecretKey: "SK"})}, "access key"},
		{"empty token", []rocketmq.Option{rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(auth.Token(""))}, "empty token"},
		{"endpoint without scheme", []rocketmq.Option{rocketmq.WithEndpoint("dms.example.com"), rocketmq.WithCredentials(testCreds)}, "invalid endpoint"},
		{"endpoint with other scheme", []rocketmq.Option{rocketmq.WithEndpoint("ftp://dms.example.com"), rocketmq.WithCredentials(testCreds)}, "invalid endpoint"},
		{"endpoint without host", []rocketmq.Option{rocketmq.WithEndpoint("https://"), rocketmq.WithCredentials(testCreds)}, "invalid endpoint"},
		{"unparsable endpoint", []rocketmq.Option{rocketmq.WithEndpoint("https://dms example.com:x/"), rocketmq.WithCredentials(testCreds)}, "invalid endpoint"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := rocketmq.NewClient(tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), testutil.SecretKey)
		})
	}
}

func TestNewClientRegionEndpoints(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"cn-north-4":     "https://dms.cn-north-4.myhuaweicloud.com",
		"ap-southeast-1": "https://dms.ap-southeast-1.myhuaweicloud.com",
		"eu-west-101":    "https://dms.eu-west-101.myhuaweicloud.eu",
		// No allow-list: a region the SDK has never heard of works.
		"xx-nowhere-99": "https://dms.xx-nowhere-99.myhuaweicloud.com",
	}
	for region, want := range cases {
		c, err := rocketmq.NewClient(rocketmq.WithRegion(region), rocketmq.WithCredentials(testCreds))
		require.NoError(t, err, region)
		assert.Equal(t, want, c.Endpoint(), region)
		assert.Equal(t, want, rocketmq.RegionEndpoint(region))
	}
	assert.Equal(t, "https://iam.eu-west-101.myhuaweicloud.eu", rocketmq.RegionIAMEndpoint("eu-west-101"))
	assert.Equal(t, "https://iam.cn-north-4.myhuaweicloud.com", rocketmq.RegionIAMEndpoint("cn-north-4"))
}

func TestNewClientAccessors(t *testing.T) {
	t.Parallel()
	c, err := rocketmq.NewClient(
		rocketmq.WithRegion("cn-north-4"),
		rocketmq.WithEndpoint("https://emulator.local:8443/base/"),
		rocketmq.WithProjectID(" p-1 "),
		rocketmq.WithCredentials(testCreds),
	)
	require.NoError(t, err)
	assert.Equal(t, "https://emulator.local:8443/base", c.Endpoint(), "WithEndpoint wins, trailing slash trimmed")
	assert.Equal(t, "p-1", c.ProjectID())
	assert.Equal(t, "reliability", c.Engine(), "default engine")
	assert.Equal(t, "cn-north-4", c.Region())
	assert.NotContains(t, c.String(), testutil.SecretKey)

	c, err = rocketmq.NewClient(rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(testCreds), rocketmq.WithEngine("rocketmq"))
	require.NoError(t, err)
	assert.Equal(t, "rocketmq", c.Engine())
	assert.Equal(t, "", c.ProjectID(), "no project ID before discovery")
	assert.NotNil(t, c.HTTPClient())
}

func TestNewClientFromEnv(t *testing.T) {
	t.Setenv(rocketmq.EnvAccessKey, testutil.AccessKey)
	t.Setenv(rocketmq.EnvSecretKey, testutil.SecretKey)
	t.Setenv(rocketmq.EnvSecurityToken, "env-security-token")
	t.Setenv(rocketmq.EnvProjectID, "env-project")
	t.Setenv(rocketmq.EnvRegion, "eu-west-101")
	t.Setenv(rocketmq.EnvEndpoint, "")
	t.Setenv(rocketmq.EnvIAMEndpoint, "https://iam.env.example")

	t.Run("every variable is read", func(t *testing.T) {
		mt := httpmock.NewMockTransport()
		c, err := rocketmq.NewClientFromEnv(rocketmq.WithHTTPClient(&http.Client{Transport: mt}))
		require.NoError(t, err)
		assert.Equal(t, "https://dms.eu-west-101.myhuaweicloud.eu", c.Endpoint(), "from the region")
		assert.Equal(t, "env-project", c.ProjectID())

		// The AK/SK and security token sign the request.
		rec := record(t, mt, reply(200, `{}`))
		_, err = c.Do(bg, &rocketmq.Request{Method: http.MethodGet, Path: "/v2/{project_id}/instances"}, nil)
		require.NoError(t, err)
		got := rec.requests()[0]
		assert.Equal(t, "env-security-token", got.Header.Get("X-Security-Token"))
		assert.Contains(t, got.Header.Get("Authorization"), "Access="+testutil.AccessKey+",")
		assert.Equal(t, "env-project", got.Header.Get("X-Project-Id"))
		assert.Equal(t, "/v2/env-project/instances", got.Path)
	})

	t.Run("endpoint variable", func(t *testing.T) {
		t.Setenv(rocketmq.EnvEndpoint, "https://env.example/base")
		c, err := rocketmq.NewClientFromEnv()
		require.NoError(t, err)
		assert.Equal(t, "https://env.example/base", c.Endpoint())
	})

	t.Run("IAM endpoint variable is used for discovery", func(t *testing.T) {
		t.Setenv(rocketmq.EnvProjectID, "")
		mt := httpmock.NewMockTransport()
		c, err := rocketmq.NewClientFromEnv(rocketmq.WithHTTPClient(&http.Client{Transport: mt}))
		require.NoError(t, err)
		rec := record(t, mt,
			reply(200, `{"projects":[{"id":"discovered","name":"eu-west-101"}]}`),
			reply(200, `{}`))
		_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		require.NoError(t, err)
		reqs := rec.requests()
		require.Len(t, reqs, 2)
		assert.Equal(t, "iam.env.example", reqs[0].Host)
		assert.Equal(t, "name=eu-west-101", reqs[0].Query)
		assert.Equal(t, "/v2/discovered/instances", reqs[1].Path)
	})

	t.Run("explicit options win", func(t *testing.T) {
		mt := httpmock.NewMockTransport()
		c, err := rocketmq.NewClientFromEnv(
			rocketmq.WithHTTPClient(&http.Client{Transport: mt}),
			rocketmq.WithEndpoint("https://explicit.example"),
			rocketmq.WithProjectID("explicit-project"),
			rocketmq.WithCredentials(auth.Token("explicit-token")),
		)
		require.NoError(t, err)
		assert.Equal(t, "https://explicit.example", c.Endpoint())
		assert.Equal(t, "explicit-project", c.ProjectID())
		rec := record(t, mt, reply(200, `{}`))
		_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		require.NoError(t, err)
		got := rec.requests()[0]
		assert.Equal(t, "explicit-token", got.Header.Get("X-Auth-Token"))
		assert.Empty(t, got.Header.Get("Authorization"))
		assert.Empty(t, got.Header.Get("X-Security-Token"))
	})

	t.Run("half an AK/SK pair is an error", func(t *testing.T) {
		t.Setenv(rocketmq.EnvSecretKey, "")
		_, err := rocketmq.NewClientFromEnv()
		require.Error(t, err)
		assert.NotContains(t, err.Error(), testutil.AccessKey)
	})

	t.Run("nothing set", func(t *testing.T) {
		for _, k := range []string{rocketmq.EnvAccessKey, rocketmq.EnvSecretKey, rocketmq.EnvRegion, rocketmq.EnvEndpoint} {
			t.Setenv(k, "")
		}
		_, err := rocketmq.NewClientFromEnv()
		require.Error(t, err)
		assert.Contains(t, err.Error(), rocketmq.EnvRegion)
	})
}

// ---------------------------------------------------------------- Do: paths

func TestDoFillsProjectAndEngine(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodGet,
		Path:   "/v2/reliability/" + pid + "/instances/" + testutil.InstanceID,
	})
	resp, err := c.Do(bg, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       "/v2/{engine}/{project_id}/instances/{instance_id}",
		PathParams: map[string]string{"instance_id": testutil.InstanceID},
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "req-1", resp.RequestID)
	assert.Equal(t, 1, resp.Attempts)
}

func TestDoEscapesPathParamsPerSegment(t *testing.T) {
	t.Parallel()
	cases := []struct{ value, escaped string }{
		{"CID%order|v2", "CID%25order%7Cv2"},
		{"my group", "my%20group"},
		{"订单组", "%E8%AE%A2%E5%8D%95%E7%BB%84"},
		{"a/b", "a%2Fb"},
		{"a?b#c", "a%3Fb%23c"},
		{"a+b", "a+b"},
		{"%2F", "%252F"},
		{"{x}", "%7Bx%7D"},
	}
	for _, tc := range cases {
		t.Run(tc.value, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt, testutil.Call{
				Method: http.MethodDelete,
				Path:   "/v2/" + pid + "/instances/" + testutil.InstanceID + "/groups/" + tc.escaped,
			})
			_, err := c.Do(bg, &rocketmq.Request{
				Method:     http.MethodDelete,
				Path:       "/v2/{project_id}/instances/{instance_id}/groups/{group}",
				PathParams: map[string]string{"instance_id": testutil.InstanceID, "group": tc.value},
			}, nil)
			require.NoError(t, err)
		})
	}
}

func TestDoRefusesEmptyPathParams(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		params map[string]string
		field  string
	}{
		{"missing", map[string]string{"instance_id": "i"}, "group"},
		{"nil map", nil, "instance_id"},
		{"empty", map[string]string{"instance_id": "i", "group": ""}, "group"},
		{"blank", map[string]string{"instance_id": " \t", "group": "g"}, "instance_id"},
		{"dot", map[string]string{"instance_id": "i", "group": "."}, "group"},
		{"dot dot", map[string]string{"instance_id": "..", "group": "g"}, "instance_id"},
		{"empty project override", map[string]string{"project_id": "", "instance_id": "i", "group": "g"}, "project_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			_, err := c.Do(bg, &rocketmq.Request{
				Method:     http.MethodGet,
				Path:       "/v2/{project_id}/instances/{instance_id}/groups/{group}",
				PathParams: tc.params,
			}, nil)
			var ve *rocketmq.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
		})
	}

	c, mt := testutil.NewClient(t)
	_, err := c.Do(bg, nil, nil)
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id/instances"}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Zero(t, mt.GetTotalCallCount())
}

// ---------------------------------------------------------------- Do: query

type listQuery struct {
	Engine string `url:"engine,omitempty"`
	Name   string `url:"name,omitempty"`
	Limit  int    `url:"limit,omitempty"`
	Offset int    `url:"offset,omitempty"`
	Exact  bool   `url:"exact_match_name,omitempty"`
}

func TestDoEncodesQuery(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		query any
		want  string
	}{
		{"struct", listQuery{Engine: "reliability", Name: "a b+c&d=e", Limit: 10, Exact: true}, "engine=reliability&exact_match_name=true&limit=10&name=a%20b%2Bc%26d%3De"},
		{"pointer to struct", &listQuery{Offset: 20}, "offset=20"},
		{"omitempty leaves out zeros", listQuery{}, ""},
		{"nil pointer", (*listQuery)(nil), ""},
		{"nil", nil, ""},
		{"url.Values repeated keys", url.Values{"tag": {"k 1", "k2"}, "a": {"x"}}, "a=x&tag=k%201&tag=k2"},
		{"empty url.Values", url.Values{}, ""},
		{"unicode", url.Values{"name": {"订单"}}, "name=%E8%AE%A2%E5%8D%95"},
		{"empty value", url.Values{"name": {""}}, "name="},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: "/v2/" + pid + "/instances", Query: tc.want})
			_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodGet, Path: "/v2/{project_id}/instances", Query: tc.query}, nil)
			require.NoError(t, err)
			assert.NotContains(t, tc.want, "+", "spaces are %20, never +")
		})
	}
}

func TestDoRefusesUnencodableQuery(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances", Query: 42}, nil)
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "query", ve.Field)
	assert.Zero(t, mt.GetTotalCallCount())
}

// ---------------------------------------------------------------- Do: bodies

type createBody struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	QueueNum    int      `json:"queue_num,omitempty"`
	Brokers     []string `json:"brokers"`
	Enabled     *bool    `json:"enabled,omitempty"`
}

func TestDoSendsJSONBody(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	f := false
	rec := record(t, mt, reply(200, `{"id":"t1"}`))
	var out struct{ ID string }
	_, err := c.Do(bg, &rocketmq.Request{
		Method:     "post",
		Path:       "/v2/{project_id}/instances/{instance_id}/topics",
		PathParams: map[string]string{"instance_id": testutil.InstanceID},
		Body:       createBody{Name: "t <1>", Brokers: []string{"broker-0"}, Enabled: &f},
	}, &out)
	require.NoError(t, err)
	assert.Equal(t, "t1", out.ID)
	got := rec.requests()[0]
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Equal(t, testutil.BasePath+"/v2/"+pid+"/instances/"+testutil.InstanceID+"/topics", got.Path)
	assert.JSONEq(t, `{"name":"t <1>","description":"","brokers":["broker-0"],"enabled":false}`, string(got.Body))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	verifySignature(t, got)
}

func TestDoSendsRawBodiesByteForByte(t *testing.T) {
	t.Parallel()
	raw := "{\"b\": 1,\n  \"a\": [2, 3] }\n"
	cases := map[string]any{
		"[]byte":          []byte(raw),
		"json.RawMessage": json.RawMessage(raw),
		"string":          raw,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt, testutil.Call{Method: http.MethodPost, Path: "/v2/" + pid + "/instances/i/metadata", RawBody: raw})
			_, err := c.Do(bg, &rocketmq.Request{
				Method:     http.MethodPost,
				Path:       "/v2/{project_id}/instances/{instance_id}/metadata",
				PathParams: map[string]string{"instance_id": "i"},
				Body:       body,
			}, nil)
			require.NoError(t, err)
		})
	}
}

func TestDoNoBodyForNil(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	rec := record(t, mt, reply(204, ""))
	_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodDelete, Path: "/v2/{project_id}/x", Body: (*createBody)(nil)}, nil)
	require.NoError(t, err)
	got := rec.requests()[0]
	assert.Empty(t, got.Body)
	assert.Empty(t, got.Header.Get("Content-Type"))
	verifySignature(t, got)
}

func TestDoRefusesUnmarshalableBody(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/x", Body: map[string]any{"f": func() {}}}, nil)
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "body", ve.Field)
	assert.Zero(t, mt.GetTotalCallCount())
}

// ---------------------------------------------------------------- Do: decoding

func TestDoDecodes(t *testing.T) {
	t.Parallel()
	type item struct {
		Name     string `json:"name"`
		QueueNum int    `json:"queue_num"`
	}
	type list struct {
		Items []item `json:"items"`
		Total int64  `json:"total"`
	}

	t.Run("struct", func(t *testing.T) {
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: "/v2/" + pid + "/t",
			Response: `{"items":[{"name":"a","queue_num":3},{"name":"b","queue_num":"4"}],"total":"2","unknown":true}`})
		var out list
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/t"}, &out)
		require.NoError(t, err)
		assert.Equal(t, list{Items: []item{{"a", 3}, {"b", 4}}, Total: 2}, out)
	})

	t.Run("plain text into *string", func(t *testing.T) {
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: "/v2/" + pid + "/t",
			Response: "  success, task 42 \n", Header: http.Header{"Content-Type": {"text/plain"}}})
		var out string
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/t"}, &out)
		require.NoError(t, err)
		assert.Equal(t, "success, task 42", out)
	})

	t.Run("quoted JSON string into *string", func(t *testing.T) {
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: "/v2/" + pid + "/t", Response: `"a \"quoted\" \u00e9"`})
		var out string
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/t"}, &out)
		require.NoError(t, err)
		assert.Equal(t, `a "quoted" é`, out)
	})

	t.Run("raw into *json.RawMessage and *[]byte", func(t *testing.T) {
		body := "{\"x\": [1, 2],\n \"y\": null}"
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt,
			testutil.Call{Method: http.MethodGet, Path: "/v2/" + pid + "/t", Response: body},
			testutil.Call{Method: http.MethodGet, Path: "/v2/" + pid + "/t", Response: body})
		var raw json.RawMessage
		resp, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/t"}, &raw)
		require.NoError(t, err)
		assert.Equal(t, body, string(raw))
		assert.Equal(t, body, string(resp.Body))
		var b []byte
		_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/t"}, &b)
		require.NoError(t, err)
		assert.Equal(t, body, string(b))
	})

	for _, tc := range []struct {
		name   string
		status int
		body   string
	}{
		{"204", http.StatusNoContent, ""},
		{"empty 200", http.StatusOK, ""},
		{"blank 200", http.StatusOK, " \n"},
	} {
		t.Run(tc.name+" leaves out untouched", func(t *testing.T) {
			c, mt := testutil.NewClient(t)
			call := testutil.Call{Method: http.MethodDelete, Path: "/v2/" + pid + "/t", Status: tc.status, Response: tc.body}
			testutil.Expect(t, mt, call, call)
			out := list{Items: []item{{"keep", 1}}, Total: 7}
			resp, err := c.Do(bg, &rocketmq.Request{Method: http.MethodDelete, Path: "/v2/{project_id}/t"}, &out)
			require.NoError(t, err)
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Equal(t, list{Items: []item{{"keep", 1}}, Total: 7}, out)
			s := "keep"
			_, err = c.Do(bg, &rocketmq.Request{Method: http.MethodDelete, Path: "/v2/{project_id}/t"}, &s)
			require.NoError(t, err)
			assert.Equal(t, "keep", s)
		})
	}

	t.Run("undecodable body is an error with a snippet", func(t *testing.T) {
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: "/v2/" + pid + "/t", Response: `<html>oops</html>`})
		var out list
		resp, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/t"}, &out)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "<html>oops</html>")
		require.NotNil(t, resp)
		assert.Equal(t, "<html>oops</html>", string(resp.Body))
	})
}

// ---------------------------------------------------------------- Do: headers

func TestDoHeaders(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithUserAgent("my-service/1.2"))
	rec := record(t, mt, reply(200, `{}`, "X-Request-Id", "abc-123"))
	resp, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.NoError(t, err)
	assert.Equal(t, "abc-123", resp.RequestID)
	assert.Equal(t, "abc-123", resp.Header.Get("X-Request-Id"))
	got := rec.requests()[0]
	assert.Equal(t, pid, got.Header.Get("X-Project-Id"))
	ua := got.Header.Get("User-Agent")
	assert.True(t, strings.HasPrefix(ua, "rocketmq-go/"+rocketmq.Version+" ("+runtime.Version()), ua)
	assert.True(t, strings.HasSuffix(ua, ") my-service/1.2"), ua)
	assert.Equal(t, "application/json", got.Header.Get("Accept"))
	auth := got.Header.Get("Authorization")
	assert.True(t, strings.HasPrefix(auth, "SDK-HMAC-SHA256 Access="+testutil.AccessKey+", SignedHeaders="), auth)
	assert.Contains(t, auth, "x-project-id")
	_, err = time.Parse("20060102T150405Z", got.Header.Get("X-Sdk-Date"))
	assert.NoError(t, err)
	verifySignature(t, got)
}

func TestDoTokenAuth(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token("tok-abc")))
	rec := record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances", Body: map[string]int{"a": 1}}, nil)
	require.NoError(t, err)
	got := rec.requests()[0]
	assert.Equal(t, "tok-abc", got.Header.Get("X-Auth-Token"))
	assert.Empty(t, got.Header.Get("Authorization"))
	assert.Empty(t, got.Header.Get("X-Sdk-Date"))
	assert.Equal(t, pid, got.Header.Get("X-Project-Id"))
}

func TestDoSecurityTokenIsSentAndSigned(t *testing.T) {
	t.Parallel()
	creds := testCreds
	creds.SecurityToken = "sts-token-value"
	c, mt := testutil.NewClient(t, rocketmq.WithCredentials(creds))
	rec := record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.NoError(t, err)
	got := rec.requests()[0]
	assert.Equal(t, "sts-token-value", got.Header.Get("X-Security-Token"))
	assert.Contains(t, got.Header.Get("Authorization"), "x-security-token")
	verifySignature(t, got)
}

func TestDoRefusesOversizedSignedBody(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/x", Body: make([]byte, auth.MaxSignedBody+1)}, nil)
	require.ErrorIs(t, err, auth.ErrBodyTooLarge)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestDoConcurrentUse(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	rec := record(t, mt, reply(200, `{"n":1}`))
	errs := make(chan error, 16)
	for range 16 {
		go func() {
			var out struct{ N int }
			_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/x"}, &out)
			if err == nil && out.N != 1 {
				err = errors.New("bad decode")
			}
			errs <- err
		}()
	}
	for range 16 {
		require.NoError(t, <-errs)
	}
	for _, s := range rec.requests() {
		verifySignature(t, s)
	}
}

func TestDoEngineAndContentTypeOverrides(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithEngine("rocketmq"))
	rec := record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{
		Method:      http.MethodPost,
		Path:        "/v2/{engine}/{project_id}/instances/{instance_id}/metadata",
		PathParams:  map[string]string{"instance_id": "i"},
		Body:        "task body",
		ContentType: "text/plain; charset=utf-8",
	}, nil)
	require.NoError(t, err)
	got := rec.requests()[0]
	assert.Equal(t, testutil.BasePath+"/v2/rocketmq/"+pid+"/instances/i/metadata", got.Path)
	assert.Equal(t, "text/plain; charset=utf-8", got.Header.Get("Content-Type"))
	assert.Equal(t, "task body", string(got.Body))
	verifySignature(t, got)

	// A PathParams entry for {project_id} or {engine} wins over the client's.
	rec = record(t, mt, reply(200, `{}`))
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{engine}/{project_id}/x",
		PathParams: map[string]string{"engine": "reliability", "project_id": "other"}}, nil)
	require.NoError(t, err)
	assert.Equal(t, testutil.BasePath+"/v2/reliability/other/x", rec.requests()[0].Path)
}

func TestNewClientFromEnvExplicitRegionWinsOverEnvEndpoints(t *testing.T) {
	t.Setenv(rocketmq.EnvAccessKey, testutil.AccessKey)
	t.Setenv(rocketmq.EnvSecretKey, testutil.SecretKey)
	t.Setenv(rocketmq.EnvRegion, "eu-west-101")
	t.Setenv(rocketmq.EnvEndpoint, "https://env.example/base")
	t.Setenv(rocketmq.EnvIAMEndpoint, "https://iam.env.example")
	t.Setenv(rocketmq.EnvProjectID, "p")
	c, err := rocketmq.NewClientFromEnv(rocketmq.WithRegion("cn-north-4"))
	require.NoError(t, err)
	assert.Equal(t, "https://dms.cn-north-4.myhuaweicloud.com", c.Endpoint())
	assert.Equal(t, "cn-north-4", c.Region())

	c, err = rocketmq.NewClientFromEnv(rocketmq.WithRegion("cn-north-4"), rocketmq.WithEndpoint("https://explicit.example"))
	require.NoError(t, err)
	assert.Equal(t, "https://explicit.example", c.Endpoint())
}

func TestNewClientRefusesBadRegionsAndNilCredentials(t *testing.T) {
	t.Parallel()
	for _, r := range []string{"x.evil.com/", "a/b", "cn north", "cn-north-4?x=1"} {
		_, err := rocketmq.NewClient(rocketmq.WithRegion(r), rocketmq.WithCredentials(testCreds))
		require.Error(t, err, r)
		assert.Contains(t, err.Error(), "invalid region")
	}
	_, err := rocketmq.NewClient(rocketmq.WithRegion("ap-southeast-1"), rocketmq.WithCredentials(testCreds))
	require.NoError(t, err, "any well-formed region: there is no allow-list")

	_, err = rocketmq.NewClient(rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials((*auth.PasswordCredentials)(nil)))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no credentials")
}

// Printing a client, with any verb or through slog, shows no credential.
func TestClientPrintsNoCredentials(t *testing.T) {
	t.Parallel()
	creds := auth.AKSK{AccessKey: "HPUAEXAMPLE", SecretKey: "SKSECRETSECRET", SecurityToken: "SECTOKEN123"}
	c, err := rocketmq.NewClient(rocketmq.WithRegion("cn-north-4"), rocketmq.WithProjectID("p"), rocketmq.WithCredentials(creds))
	require.NoError(t, err)
	var out strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%q"} {
		fmt.Fprintf(&out, verb+"\n", c)
	}
	slog.New(slog.NewJSONHandler(&out, nil)).Info("client", "c", c)
	s := out.String()
	assert.NotContains(t, s, "SKSECRETSECRET")
	assert.NotContains(t, s, "SECTOKEN123")
	assert.Contains(t, s, "dms.cn-north-4.myhuaweicloud.com")
}

// The caller's http.Client is used, not modified, and a mock installed in
// it after NewClient (httpmock.ActivateNonDefault) takes effect.
func TestHTTPClientIsNotModifiedAndMocksInstalledLaterWork(t *testing.T) {
	t.Parallel()
	hc := &http.Client{}
	c, err := rocketmq.NewClient(rocketmq.WithEndpoint(testutil.Endpoint), rocketmq.WithProjectID(testutil.ProjectID),
		rocketmq.WithCredentials(testCreds), rocketmq.WithHTTPClient(hc))
	require.NoError(t, err)
	assert.Nil(t, hc.Transport, "not modified")
	assert.Nil(t, hc.CheckRedirect, "not modified")
	assert.Same(t, hc, c.HTTPClient())

	mt := httpmock.NewMockTransport()
	hc.Transport = mt // what httpmock.ActivateNonDefault(hc) does
	rec := record(t, mt, reply(200, `{"instances":[]}`))
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, rec.count())
}

// A redirect is not followed: it would carry the credential headers to
// wherever it points. It is an *APIError with the 3xx status.
func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	const token = "TOKEN-SECRET-VALUE"
	c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token(token)))
	var elsewhere []string
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		if req.URL.Host == "attacker.example" {
			elsewhere = append(elsewhere, req.Header.Get("X-Auth-Token"))
			return reply(200, `{}`)(req)
		}
		return reply(307, "", "Location", "https://attacker.example/steal")(req)
	})
	_, err := doGet(bg, c)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusTemporaryRedirect, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "redirect")
	assert.Contains(t, apiErr.Message, "attacker.example")
	assert.Empty(t, elsewhere, "nothing was sent to the redirect's host")
}
