package rocketmq_test

// Fuzz tests of the client's request and response paths. Their seed
// corpora run in every `go test`; fuzz one with e.g.
//
//	go test -run '^$' -fuzz '^FuzzErrorBody$' -fuzztime 30s .

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/messages"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
	"github.com/dms-rocketmq/rocketmq-go/tags"
	"github.com/dms-rocketmq/rocketmq-go/topics"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

// ------------------------------------------------------------ decoders

// responseTypes are the families' response types, as factories of a
// pointer to a zero value.
var responseTypes = []func() any{
	func() any { return new(instances.Instance) },
	func() any { return new(instances.ListResponse) },
	func() any { return new(instances.CreateResponse) },
	func() any { return new(instances.BatchDeleteResponse) },
	func() any { return new(instances.ListBrokersResponse) },
	func() any { return new(groups.Group) },
	func() any { return new(groups.ListResponse) },
	func() any { return new(groups.CreateResponse) },
	func() any { return new(groups.BatchDeleteResponse) },
	func() any { return new(groups.BatchUpdateResponse) },
	func() any { return new(groups.Consumption) },
	func() any { return new(groups.ListTopicsResponse) },
	func() any { return new(groups.ResetOffsetResponse) },
	func() any { return new(groups.ResetQueue) },
	func() any { return new(topics.Topic) },
	func() any { return new(topics.ListResponse) },
	func() any { return new(topics.CreateResponse) },
	func() any { return new(topics.BatchDeleteResponse) },
	func() any { return new(topics.ListGroupsResponse) },
	func() any { return new(topics.Status) },
	func() any { return new(messages.Message) },
	func() any { return new(messages.QueryResponse) },
	func() any { return new([]messages.Trace) },
	func() any { return new(messages.ResendResponse) },
	func() any { return new(users.User) },
	func() any { return new(users.ListResponse) },
	func() any { return new(users.PolicyList) },
	func() any { return new(metadata.Task) },
	func() any { return new(metadata.ListTasksResponse) },
	func() any { return new(metadata.CreateTaskResponse) },
	func() any { return new(tags.ListResponse) },
	func() any { return new(azs.ListResponse) },
}

// addResponseSeeds adds the families' response fixtures and documents in
// the shapes the service really sends (numbers as strings, an object where
// an array is documented, the examples' field names, huge integers).
func addResponseSeeds(f *testing.F) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("*", "testdata", "*.response.json"))
	require.NoError(f, err)
	require.NotEmpty(f, files)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(b)
	}
	for _, s := range []string{
		``,
		`null`,
		`{}`,
		`[]`,
		`{"instances":[{"name":"a","broker_address":"192.168.0.1:10911","storage_space":"300","enable_acl":"true","tags":{"key":"k","value":"v"}}],"instance_num":"1"}`,
		`{"name":"a","broker_address":"x","broker_addresses":"y","node_num":3.0,"available_zones":"az1"}`,
		`{"queues":[{"broker_name":"broker-0","queue_id":"0","timestamp_of_fset":"1700000000000"},{"broker_name":"b","queue_id":1,"timestamp_offset":5,"timestamp_of_fset":6}]}`,
		`{"brokers":{"broker_name":"broker-0","queues":[{"id":"1","min_offset":"0","max_offset":9223372036854775808,"last_message_time":"1,"}]}}`,
		`{"messages":[{"msg_id":"m","reconsume_times":"2","queue_id":"1","queue_offset":"3","property_list":{"name":"KEYS","value":"k"}}],"total":"1"}`,
		`[{"success":"true","trace_type":"Pub","timestamp":"1700000000000","cost_time":"3"}]`,
		`{"policies":{"access_key":"u","admin":"false","perm":"PUB|SUB"},"total":1,"name":"topic"}`,
		`{"users":[{"access_key":"u","white_remote_address":null,"admin":1,"topic_perms":{"name":"t","perm":"PUB"}}]}`,
		`{"region_id":"r","available_zones":[{"soldOut":"false","remain_time":9223372036854776000,"default_az":"true"}]}`,
		`{"task":[{"id":1,"name":{"a":[1,2]},"status":true}],"total":"1e2"}`,
		`{"topics":["a",1,null,true],"total":-1,"max":"9e18","groups":{"name":"g","brokers":"broker-0"}}`,
		`{"name":"\ud800x\u0000","brokers":[{"broker_name":"\xff","read_queue_num":-2147483649}]}`,
		// Larger than the fuzzer's own inputs: numbers around and far past
		// jsonx.MaxDigits where totals, sizes and counts are expected.
		`{"total":` + strings.Repeat("9", jsonx.MaxDigits) + `,"instance_num":"` + strings.Repeat("1", jsonx.MaxDigits+1) + `"}`,
		`{"total":` + strings.Repeat("7", 200000) + `,"topics":[],"max":-` + strings.Repeat("8", 50000) + `}`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzResponseDecoding decodes arbitrary documents into every family
// response type, with encoding/json (what users call, reaching the types'
// own UnmarshalJSON) and with the client's tolerant decoder (what
// Client.Do uses). Neither panics, and a value that decodes encodes to a
// document that decodes, strictly and tolerantly, to an equal value.
func FuzzResponseDecoding(f *testing.F) {
	addResponseSeeds(f)
	decoders := map[string]func([]byte, any) error{
		"encoding/json": json.Unmarshal,
		"jsonx":         jsonx.Unmarshal,
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, newT := range responseTypes {
			for name, decode := range decoders {
				v1 := newT()
				if err := decode(data, v1); err != nil {
					continue
				}
				enc, err := json.Marshal(v1)
				require.NoError(t, err, "%T: encoding a decoded value", v1)
				for name2, decode2 := range decoders {
					v2 := newT()
					require.NoError(t, decode2(enc, v2), "%T: %s re-decoding %s (first decoded with %s from %q)", v1, name2, enc, name, data)
					assertSameValue(t, v1, v2, "%T: %s then %s via %s (from %q)", v1, name, name2, enc, data)
				}
			}
		}
	})
}

// assertSameValue compares two decoded values, taking an empty slice or
// map and a missing one as the same (omitempty drops the first).
func assertSameValue(t *testing.T, a, b any, msgAndArgs ...any) {
	t.Helper()
	dropEmpty(reflect.ValueOf(a))
	dropEmpty(reflect.ValueOf(b))
	if !reflect.DeepEqual(a, b) {
		assert.Fail(t, "values differ:\n"+sprintValue(a)+"\n"+sprintValue(b), msgAndArgs...)
	}
}

func sprintValue(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// dropEmpty sets every empty slice and map reachable from v to nil.
func dropEmpty(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			dropEmpty(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				dropEmpty(f)
			}
		}
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			if !v.IsNil() && v.CanSet() {
				v.Set(reflect.Zero(v.Type()))
			}
			return
		}
		if v.Kind() == reflect.Slice {
			for i := range v.Len() {
				dropEmpty(v.Index(i))
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			dropEmpty(v.Index(i))
		}
	}
}

// familyCall is one family operation whose result is the document the
// service sends, so that serving the encoded result again must give the
// same result.
type familyCall struct {
	name string
	call func(ctx context.Context, c *rocketmq.Client) (any, error)
}

const (
	fuzzInstance = testutil.InstanceID
	fuzzGroup    = "billing"
	fuzzTopic    = "orders"
)

var familyCalls = []familyCall{
	{"instances.Get", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return instances.New(c).Get(ctx, fuzzInstance)
	}},
	{"instances.List", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return instances.New(c).List(ctx, nil)
	}},
	{"instances.ListBrokers", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return instances.New(c).ListBrokers(ctx, fuzzInstance)
	}},
	{"groups.Get", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return groups.New(c).Get(ctx, fuzzInstance, fuzzGroup)
	}},
	{"groups.List", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return groups.New(c).List(ctx, fuzzInstance, nil)
	}},
	{"groups.ListTopics", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return groups.New(c).ListTopics(ctx, fuzzInstance, fuzzGroup, nil)
	}},
	{"groups.GetConsumption", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return groups.New(c).GetConsumption(ctx, fuzzInstance, fuzzGroup, fuzzTopic)
	}},
	{"topics.Get", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return topics.New(c).Get(ctx, fuzzInstance, fuzzTopic)
	}},
	{"topics.List", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return topics.New(c).List(ctx, fuzzInstance, nil)
	}},
	{"topics.GetStatus", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return topics.New(c).GetStatus(ctx, fuzzInstance, fuzzTopic)
	}},
	{"topics.ListGroups", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return topics.New(c).ListGroups(ctx, fuzzInstance, fuzzTopic, nil)
	}},
	{"messages.Trace", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		tr, err := messages.New(c).Trace(ctx, fuzzInstance, "msg-1")
		return &tr, err
	}},
	{"users.Get", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return users.New(c).Get(ctx, fuzzInstance, "app_user")
	}},
	{"users.List", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return users.New(c).List(ctx, fuzzInstance, nil)
	}},
	{"users.ListTopicPolicies", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return users.New(c).ListTopicPolicies(ctx, fuzzInstance, fuzzTopic, nil)
	}},
	{"metadata.ListTasks", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return metadata.New(c).ListTasks(ctx, fuzzInstance, nil)
	}},
	{"tags.List", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return tags.New(c).List(ctx, fuzzInstance)
	}},
	{"azs.List", func(ctx context.Context, c *rocketmq.Client) (any, error) {
		return azs.New(c).List(ctx)
	}},
}

// FuzzFamilyResponses serves arbitrary 200 bodies to the families' read
// operations through the real request path (Client.Do and the families'
// own wire types). A body is either decoded or refused with a decoding
// error (never an *APIError or a *ValidationError, never a panic); a
// decoded result, encoded and served again, gives an equal result.
func FuzzFamilyResponses(f *testing.F) {
	addResponseSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, mt := testutil.NewClient(t, fast(1))
		var serve []byte
		mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
			resp := httpmock.NewBytesResponse(http.StatusOK, serve)
			resp.Header.Set("Content-Type", "application/json")
			resp.Request = req
			return resp, nil
		})
		for _, fc := range familyCalls {
			serve = data
			r1, err := fc.call(bg, c)
			if err != nil {
				var apiErr *rocketmq.APIError
				var vErr *rocketmq.ValidationError
				require.False(t, errors.As(err, &apiErr) || errors.As(err, &vErr), "%s: a 200 body gave %T: %v", fc.name, err, err)
				continue
			}
			enc, err := json.Marshal(r1)
			require.NoError(t, err, fc.name)
			serve = enc
			r2, err := fc.call(bg, c)
			require.NoError(t, err, "%s: serving the encoded result %s (from %q)", fc.name, enc, data)
			assertSameValue(t, r1, r2, "%s: result of %q, then of its encoding %s", fc.name, data, enc)
		}
	})
}

// ------------------------------------------------------------ error bodies

// maxMessage bounds APIError.Message: the snippet of an unrecognised body
// is 256 bytes and an ellipsis; a service message is cut at 1 KiB and an
// ellipsis (TestLongErrorMessageIsCapped).
const maxMessage = 1024 + len("…")

const fuzzSecurityToken = "FuzzSecurityTokenValue-0123456789abcdef"

// FuzzErrorBody answers a call with an arbitrary status ≥ 400, body and
// X-Request-Id. The error is always exactly an *APIError carrying that
// status and request ID, its Message is bounded, and neither the secret
// key nor the security token (which the request carries and a gateway may
// echo, when echo is set) appears in the error.
func FuzzErrorBody(f *testing.F) {
	for _, s := range []struct {
		status uint16
		body   string
		reqID  string
	}{
		{0, ``, ``},
		{4, `{"error_code":"DMS.00404022","error_msg":"The instance does not exist."}`, `req-1`},
		{0, `{"error_code":"DMS.00400060","error_msg":"Duplicate name.","request_id":"body-id"}`, ``},
		{1, `{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: verify aksk signature fail"}`, `r`},
		{29, `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}`, ``},
		{3, `{"error":{"code":403,"message":"Forbidden","title":"Forbidden"}}`, ``},
		{100, `{"code":"DMS.00500000","message":"Internal error"}`, ``},
		{103, `<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>`, ``},
		{102, "upstream connect error or disconnect/reset before headers\n", `gw`},
		{0, `{"error_code":12345,"error_msg":null}`, ``},
		{0, `{"error_code":{"a":[1,2]},"error_msg":"nested"}`, ``},
		{0, `{"error":"plain string"}`, ``},
		{0, `{}`, ``},
		{0, `[]`, ``},
		{0, `null`, ``},
		{4, `{"error_code":"DMS.00404022","error_msg":"` + strings.Repeat("é", 100) + `"}`, ``},
		{0, "\xff\xfe" + strings.Repeat("\xe2\x80", 200), ``},
		{0, `{"error_code":"x","error_msg":"\ud800\udfff"}`, strings.Repeat("i", 300)},
	} {
		f.Add(s.status, []byte(s.body), s.reqID, false)
	}
	// Larger than the fuzzer's own inputs: an echoed token in the middle of
	// a message around the 1 KiB cap (it straddles the cut), a body over
	// the 1 MiB error cap, a huge number where a code is expected.
	for _, n := range []int{1000, 1024, 2040, 2100} {
		f.Add(uint16(0), []byte(`{"error_code":"DMS.00400000","error_msg":"`+strings.Repeat("m", n)+`"}`), "", true)
	}
	f.Add(uint16(100), []byte(`{"error_code":"DMS.00500000","error_msg":"`+strings.Repeat("é", 600<<10)+`"}`), "", true)
	f.Add(uint16(0), []byte(`{"error_code":`+strings.Repeat("9", 100000)+`,"error_msg":"huge code"}`), "", false)
	f.Fuzz(func(t *testing.T, status uint16, body []byte, reqID string, echo bool) {
		code := 400 + int(status)%200
		creds := auth.AKSK{AccessKey: testutil.AccessKey, SecretKey: testutil.SecretKey, SecurityToken: fuzzSecurityToken}
		c, mt := testutil.NewClient(t, fast(1), rocketmq.WithCredentials(creds))
		var sentBody []byte
		mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
			b := body
			if echo {
				// A gateway echoing the request's security token.
				tok := req.Header.Get(auth.HeaderSecurityToken)
				b = append(append(append([]byte(nil), body[:len(body)/2]...), tok...), body[len(body)/2:]...)
			}
			sentBody = b
			resp := httpmock.NewBytesResponse(code, b)
			if reqID != "" {
				resp.Header["X-Request-Id"] = []string{reqID}
			}
			resp.Request = req
			return resp, nil
		})
		resp, err := c.Do(bg, &rocketmq.Request{
			Method:     http.MethodGet,
			Path:       "/v2/{project_id}/instances/{instance_id}",
			PathParams: map[string]string{"instance_id": testutil.InstanceID},
		}, nil)
		require.Error(t, err)
		apiErr, ok := err.(*rocketmq.APIError)
		require.True(t, ok, "want exactly an *APIError, got %T: %v", err, err)
		msg := err.Error()
		assert.Equal(t, code, apiErr.StatusCode)
		assert.Equal(t, http.MethodGet, apiErr.Method)
		assert.Equal(t, testutil.BasePath+"/v2/"+testutil.ProjectID+"/instances/"+testutil.InstanceID, apiErr.Path)
		require.NotNil(t, resp)
		assert.Equal(t, code, resp.StatusCode)
		assert.Equal(t, sentBody[:min(len(sentBody), 1<<20)], resp.Body, "the raw body is kept (up to the 1 MiB cap)")
		if reqID != "" {
			assert.Equal(t, reqID, apiErr.RequestID)
			assert.Equal(t, reqID, resp.RequestID)
		}
		if len(bytes.TrimSpace(sentBody)) == 0 {
			assert.Equal(t, http.StatusText(code), apiErr.Message)
		}
		var doc struct {
			ErrorCode string `json:"error_code"`
			ErrorMsg  string `json:"error_msg"`
		}
		if json.Unmarshal(sentBody, &doc) == nil && doc.ErrorCode != "" && !strings.Contains(doc.ErrorCode, " ") && len(doc.ErrorMsg) <= 256 && !echo {
			assert.Equal(t, doc.ErrorCode, apiErr.Code)
			assert.Equal(t, doc.ErrorMsg, apiErr.Message)
		}
		assert.LessOrEqual(t, len(apiErr.Message), maxMessage, "Message is bounded (%d bytes of body)", len(sentBody))
		if utf8.Valid(sentBody) {
			assert.True(t, utf8.ValidString(apiErr.Message), "a valid UTF-8 body gives a valid UTF-8 message: %q", apiErr.Message)
		}
		for name, secret := range map[string]string{"secret key": testutil.SecretKey, "security token": fuzzSecurityToken} {
			if !bytes.Contains(body, []byte(secret)) {
				assert.NotContains(t, msg, secret, "the %s leaks into the error", name)
				assert.NotContains(t, apiErr.Message, secret, "the %s leaks into the error", name)
			}
		}
		_ = rocketmq.IsNotFound(err)
	})
}

// ------------------------------------------------------------ escaping

// FuzzPathAndQueryEscaping sends an arbitrary path parameter and query
// key and value through Client.Do. A blank, "." or ".." parameter is a
// *ValidationError with nothing sent; anything else arrives as exactly one
// path segment that decodes to the input, the query decodes to the input,
// and the signature verifies.
func FuzzPathAndQueryEscaping(f *testing.F) {
	for _, s := range [][3]string{
		{"orders", "name", "x"},
		{"", "k", "v"},
		{" ", "k", "v"},
		{".", "k", "v"},
		{"..", "k", "v"},
		{"...", "", ""},
		{"./..", "a b", "c d"},
		{"a/b", "a+b", "c+d"},
		{"%2F", "%", "%zz"},
		{"%", "&", "="},
		{"?x=1#frag", "k;v", "a;b"},
		{"{topic}", "{project_id}", "{engine}"},
		{"CID%a|b", "~", "-_.~"},
		{"名前", "ключ", "值 "},
		{"\xff\xfe", "\x00", "\x7f"},
		{"a\r\nb", "\t", "\n"},
		{" lead", "trail ", " "},
		{"+ +", "[]", "@:"},
		{"%%25", "%2525", "%252F"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	const prefix = "/v2/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/topics/"
	f.Fuzz(func(t *testing.T, param, qk, qv string) {
		c, mt := testutil.NewClient(t, fast(1))
		type got struct {
			req  *http.Request
			body []byte
		}
		var sent []got
		mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
			var b []byte
			if req.Body != nil {
				b, _ = io.ReadAll(req.Body)
			}
			sent = append(sent, got{req, b})
			return httpmock.NewStringResponse(http.StatusOK, `{}`), nil
		})
		_, err := c.Do(bg, &rocketmq.Request{
			Method:     http.MethodGet,
			Path:       "/v2/{project_id}/instances/{instance_id}/topics/{topic}",
			PathParams: map[string]string{"instance_id": testutil.InstanceID, "topic": param},
			Query:      url.Values{qk: {qv}},
		}, nil)
		if strings.TrimSpace(param) == "" || param == "." || param == ".." {
			var vErr *rocketmq.ValidationError
			require.ErrorAs(t, err, &vErr)
			assert.Equal(t, "topic", vErr.Field)
			assert.Empty(t, sent, "nothing is sent")
			return
		}
		require.NoError(t, err)
		require.Len(t, sent, 1)
		req := sent[0].req

		escaped := req.URL.EscapedPath()
		require.True(t, strings.HasPrefix(escaped, testutil.BasePath+prefix), "escaped path %q", escaped)
		seg := strings.TrimPrefix(escaped, testutil.BasePath+prefix)
		assert.NotContains(t, seg, "/", "the parameter is one segment")
		dec, err := url.PathUnescape(seg)
		require.NoError(t, err, "segment %q", seg)
		assert.Equal(t, param, dec, "the segment decodes to the parameter")
		assert.Equal(t, testutil.BasePath+prefix+param, req.URL.Path, "the decoded path ends with the parameter")

		// What goes on the wire parses back to the same path.
		again, err := url.Parse(req.URL.String())
		require.NoError(t, err)
		assert.Equal(t, escaped, again.EscapedPath())
		assert.Equal(t, req.URL.Path, again.Path)

		q, err := url.ParseQuery(req.URL.RawQuery)
		require.NoError(t, err, "query %q", req.URL.RawQuery)
		assert.Equal(t, url.Values{qk: {qv}}, q)
		assert.NotContains(t, req.URL.RawQuery, "+", "spaces are %%20, a plus is %%2B")

		_, err = signer.Verify(req, sent[0].body, func(ak string) (string, bool) {
			return testutil.SecretKey, ak == testutil.AccessKey
		}, time.Now())
		assert.NoError(t, err, "signature of %s", req.URL.String())
	})
}
