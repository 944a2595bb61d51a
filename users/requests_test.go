package users_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

const (
	base       = "/v2/" + testutil.ProjectID + "/instances/" + testutil.InstanceID
	engineBase = "/v2/reliability/" + testutil.ProjectID + "/instances/" + testutil.InstanceID
	// secret is a valid secret key; the reference's examples mask theirs
	// ("*****"), which the secret-key rules refuse.
	secret = "Dms@2024pass"
)

func newClient(t *testing.T, calls ...testutil.Call) *users.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return users.New(c)
}

// unmask replaces the example's masked secret key with a valid one.
func unmask(doc string) string { return strings.Replace(doc, `"*****"`, `"`+secret+`"`, 1) }

// groupPermRe is the example's permission on group1.
var groupPermRe = regexp.MustCompile(`("name" ?: "group1",\s*"perm" ?: )"PUB\|SUB"`)

// subOnGroup replaces the examples' "PUB|SUB" on group1 with "SUB": the
// current definitions allow only SUB and DENY on a group, and the SDK
// refuses the rest (TestGroupPermissionsAreSubOrDeny).
func subOnGroup(t *testing.T, doc string) string {
	t.Helper()
	require.Regexp(t, groupPermRe, doc)
	return groupPermRe.ReplaceAllString(doc, `${1}"SUB"`)
}

// assertExampleUser checks the response example shared by 5.5.1–5.5.4.
func assertExampleUser(t *testing.T, u *users.User) {
	t.Helper()
	require.NotNil(t, u)
	assert.Equal(t, "test_01", u.AccessKey)
	assert.Equal(t, "*****", u.SecretKey)
	require.NotNil(t, u.Admin)
	assert.False(t, *u.Admin)
	require.NotNil(t, u.WhiteRemoteAddress)
	assert.Equal(t, "", *u.WhiteRemoteAddress)
	assert.Equal(t, "DENY", u.DefaultGroupPerm)
	assert.Equal(t, "SUB", u.DefaultTopicPerm)
	assert.Equal(t, []users.Permission{}, u.GroupPerms)
	assert.Equal(t, []users.Permission{}, u.TopicPerms)
}

func TestExamplesRoundTrip(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"create.request.json", "update.request.json", "create.response.json", "update.response.json", "get.response.json"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var u users.User
			testutil.RoundTrip(t, testutil.Fixture(t, name), &u)
		})
	}
}

func TestCreateReplaysExample(t *testing.T) {
	t.Parallel()
	doc := subOnGroup(t, unmask(testutil.Fixture(t, "create.request.json")))
	var u users.User
	testutil.RoundTrip(t, doc, &u)
	assert.Equal(t, users.User{
		AccessKey:          "user_name",
		SecretKey:          secret,
		WhiteRemoteAddress: rocketmq.String(""),
		Admin:              rocketmq.Bool(false),
		DefaultTopicPerm:   users.PermDeny,
		DefaultGroupPerm:   users.PermDeny,
		TopicPerms:         []users.Permission{{Name: "topic1", Perm: users.PermPubSub}},
		GroupPerms:         []users.Permission{{Name: "group1", Perm: users.PermSub}},
	}, u)
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base + "/users",
		Body:     doc,
		Response: testutil.Fixture(t, "create.response.json"),
	})
	got, err := c.Create(context.Background(), testutil.InstanceID, &u)
	require.NoError(t, err)
	assertExampleUser(t, got)
}

func TestListReplaysExample(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/users",
		Query:    "limit=10&offset=0",
		Response: testutil.Fixture(t, "list.response.json"),
	})
	resp, err := c.List(context.Background(), testutil.InstanceID, &users.ListOptions{Offset: 0, Limit: 10})
	require.NoError(t, err)
	assert.Equal(t, int64(1), resp.Total)
	require.Len(t, resp.Users, 1)
	assertExampleUser(t, &resp.Users[0])
}

func TestListNilOptionsAndStrings(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/users",
		Response: `{"users":{"access_key":"solo_user","admin":"true","topic_perms":{"name":"t","perm":"SUB"}},"total":"1"}`,
	})
	resp, err := c.List(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), resp.Total)
	require.Len(t, resp.Users, 1)
	assert.Equal(t, "solo_user", resp.Users[0].AccessKey)
	assert.Equal(t, rocketmq.Bool(true), resp.Users[0].Admin)
	assert.Equal(t, []users.Permission{{Name: "t", Perm: "SUB"}}, resp.Users[0].TopicPerms)
}

func TestGetReplaysExample(t *testing.T) {
	t.Parallel()
	// QUIRKS row 29: the example appends ?offset=0&limit=10; Get sends no
	// query (the table documents none).
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/users/test_01",
		Response: testutil.Fixture(t, "get.response.json"),
	})
	u, err := c.Get(context.Background(), testutil.InstanceID, "test_01")
	require.NoError(t, err)
	assertExampleUser(t, u)
}

func TestGetEscapesName(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: base + "/users/CID%25order%7Cv2",
		Status: http.StatusBadRequest, Response: `{"error_code":"DMS.00500972","error_msg":"The user does not exist."}`,
	})
	_, err := c.Get(context.Background(), testutil.InstanceID, "CID%order|v2")
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, rocketmq.CodeUserNotFound, apiErr.Code)
	assert.Equal(t, "req-1", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))
}

func TestUpdateReplaysExample(t *testing.T) {
	t.Parallel()
	doc := subOnGroup(t, unmask(testutil.Fixture(t, "update.request.json")))
	var u users.User
	testutil.RoundTrip(t, doc, &u)
	c := newClient(t, testutil.Call{
		Method:   http.MethodPut,
		Path:     base + "/users/user_name",
		Body:     doc,
		Response: testutil.Fixture(t, "update.response.json"),
	})
	got, err := c.Update(context.Background(), testutil.InstanceID, "user_name", &u)
	require.NoError(t, err)
	assertExampleUser(t, got)
}

func TestUpdatePartialAndClear(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPut,
		Path:     base + "/users/user_name",
		Body:     `{"admin":false,"white_remote_address":"","topic_perms":[]}`,
		Response: `{"access_key":"user_name"}`,
	})
	got, err := c.Update(context.Background(), testutil.InstanceID, "user_name", &users.User{
		Admin: rocketmq.Bool(false), WhiteRemoteAddress: rocketmq.String(""), TopicPerms: []users.Permission{},
	})
	require.NoError(t, err)
	assert.Equal(t, "user_name", got.AccessKey)
	assert.Nil(t, got.Admin)
}

func TestDeleteAnswers(t *testing.T) {
	t.Parallel()
	// QUIRKS row 21: 200 with the table's {message} body, 200 with none;
	// also 204.
	c := newClient(t,
		testutil.Call{Method: http.MethodDelete, Path: base + "/users/test_01", Response: `{"message":"success"}`},
		testutil.Call{Method: http.MethodDelete, Path: base + "/users/test_01"},
		testutil.Call{Method: http.MethodDelete, Path: base + "/users/test_01", Status: http.StatusNoContent},
		testutil.Call{Method: http.MethodDelete, Path: base + "/users/test_01", Response: `success`},
		testutil.Call{Method: http.MethodDelete, Path: base + "/users/test_01", Status: http.StatusNotFound, Response: `{"error_code":"DMS.00404022","error_msg":"no instance"}`},
	)
	for range 4 {
		require.NoError(t, c.Delete(context.Background(), testutil.InstanceID, "test_01"))
	}
	err := c.Delete(context.Background(), testutil.InstanceID, "test_01")
	assert.True(t, rocketmq.IsNotFound(err))
}

func TestListTopicPoliciesReplaysExample(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/topics/CID%25order%7Cv2/accesspolicy",
		Query:    "limit=10&offset=20",
		Response: testutil.Fixture(t, "topic_policies.response.json"),
	})
	resp, err := c.ListTopicPolicies(context.Background(), testutil.InstanceID, "CID%order|v2", &users.ListOptions{Limit: 10, Offset: 20})
	require.NoError(t, err)
	assert.Equal(t, &users.PolicyList{Policies: []users.Policy{}, Total: 0, Name: "test"}, resp)
}

func TestListGroupPoliciesReplaysExample(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     engineBase + "/groups/CID%25order%7Cv2/accesspolicy",
		Response: testutil.Fixture(t, "group_policies.response.json"),
	})
	resp, err := c.ListGroupPolicies(context.Background(), testutil.InstanceID, "CID%order|v2", nil)
	require.NoError(t, err)
	// QUIRKS row 22: policies is one object in the example.
	assert.Equal(t, &users.PolicyList{
		Policies: []users.Policy{{AccessKey: "test_01", SecretKey: "*****", WhiteRemoteAddress: "", Admin: false, Perm: ""}},
		Total:    1,
		Name:     "test",
	}, resp)
}

func TestListGroupPoliciesTableForm(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithEngine("rocketmq"))
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodGet,
		Path:   "/v2/rocketmq/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/groups/g1/accesspolicy",
		Query:  "offset=5",
		Response: `{"policies":[{"access_key":"a_user_1","admin":"false","perm":"SUB","white_remote_address":"10.0.0.0/8"},
			{"access_key":"a_user_2","admin":true,"perm":"PUB|SUB"}],"total":"2","name":"g1"}`,
	})
	resp, err := users.New(c).ListGroupPolicies(context.Background(), testutil.InstanceID, "g1", &users.ListOptions{Offset: 5})
	require.NoError(t, err)
	assert.Equal(t, &users.PolicyList{
		Policies: []users.Policy{
			{AccessKey: "a_user_1", Perm: "SUB", WhiteRemoteAddress: "10.0.0.0/8"},
			{AccessKey: "a_user_2", Admin: true, Perm: "PUB|SUB"},
		},
		Total: 2,
		Name:  "g1",
	}, resp)
}

func validUser() *users.User {
	return &users.User{AccessKey: "user_name", SecretKey: secret}
}

func TestValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	with := func(f func(u *users.User)) *users.User { u := validUser(); f(u); return u }
	create := func(u *users.User) func(c *users.Client) error {
		return func(c *users.Client) error { _, err := c.Create(ctx, id, u); return err }
	}
	update := func(name string, u *users.User) func(c *users.Client) error {
		return func(c *users.Client) error { _, err := c.Update(ctx, id, name, u); return err }
	}
	cases := []struct {
		name  string
		field string
		call  func(c *users.Client) error
	}{
		{"create nil", "request", create(nil)},
		{"create no instance", "instance_id", func(c *users.Client) error { _, err := c.Create(ctx, "", validUser()); return err }},
		{"create no access key", "access_key", create(with(func(u *users.User) { u.AccessKey = "" }))},
		{"access key too short", "access_key", create(with(func(u *users.User) { u.AccessKey = "abcdef" }))},
		{"access key too long", "access_key", create(with(func(u *users.User) { u.AccessKey = "a" + strings.Repeat("b", 64) }))},
		{"access key digit first", "access_key", create(with(func(u *users.User) { u.AccessKey = "1abcdefg" }))},
		{"access key bad char", "access_key", create(with(func(u *users.User) { u.AccessKey = "abc.defg" }))},
		{"create no secret", "secret_key", create(with(func(u *users.User) { u.SecretKey = "" }))},
		{"secret too short", "secret_key", create(with(func(u *users.User) { u.SecretKey = "Ab1!xyz" }))},
		{"secret too long", "secret_key", create(with(func(u *users.User) { u.SecretKey = "Ab1!" + strings.Repeat("x", 29) }))},
		{"secret two kinds", "secret_key", create(with(func(u *users.User) { u.SecretKey = "abcdefgh12" }))},
		{"secret masked", "secret_key", create(with(func(u *users.User) { u.SecretKey = "*****!!!" }))},
		{"secret with space", "secret_key", create(with(func(u *users.User) { u.SecretKey = "Abc 1234!" }))},
		{"secret non-ascii", "secret_key", create(with(func(u *users.User) { u.SecretKey = "Abc1234é" }))},
		{"secret equals name", "secret_key", create(with(func(u *users.User) { u.AccessKey, u.SecretKey = "Abcd_12x", "Abcd_12x" }))},
		{"secret equals reversed name", "secret_key", create(with(func(u *users.User) { u.AccessKey, u.SecretKey = "Abcd_12x", "x21_dcbA" }))},
		{"bad white list", "white_remote_address", create(with(func(u *users.User) { u.WhiteRemoteAddress = rocketmq.String("10.0.0.1,nope") }))},
		{"empty white list entry", "white_remote_address", create(with(func(u *users.User) { u.WhiteRemoteAddress = rocketmq.String("10.0.0.1,,10.0.0.2") }))},
		{"bad default topic perm", "default_topic_perm", create(with(func(u *users.User) { u.DefaultTopicPerm = "SUB|PUB" }))},
		{"bad default group perm", "default_group_perm", create(with(func(u *users.User) { u.DefaultGroupPerm = "ALL" }))},
		{"topic perm no name", "topic_perms[1].name", create(with(func(u *users.User) {
			u.TopicPerms = []users.Permission{{Name: "t", Perm: "SUB"}, {Perm: "SUB"}}
		}))},
		{"topic perm bad", "topic_perms[0].perm", create(with(func(u *users.User) { u.TopicPerms = []users.Permission{{Name: "t", Perm: "pub"}} }))},
		{"default group perm PUB", "default_group_perm", create(with(func(u *users.User) { u.DefaultGroupPerm = users.PermPub }))},
		{"default group perm PUB|SUB", "default_group_perm", create(with(func(u *users.User) { u.DefaultGroupPerm = users.PermPubSub }))},
		{"group perm PUB|SUB", "group_perms[0].perm", create(with(func(u *users.User) {
			u.GroupPerms = []users.Permission{{Name: "g", Perm: users.PermPubSub}}
		}))},
		{"group perm PUB on update", "group_perms[1].perm", update("user_name", &users.User{
			GroupPerms: []users.Permission{{Name: "g1", Perm: users.PermDeny}, {Name: "g2", Perm: users.PermPub}},
		})},
		{"topic perm name rule", "topic_perms[0].name", create(with(func(u *users.User) {
			u.TopicPerms = []users.Permission{{Name: "t/1", Perm: users.PermSub}}
		}))},
		{"group perm name rule", "group_perms[0].name", create(with(func(u *users.User) {
			u.GroupPerms = []users.Permission{{Name: strings.Repeat("g", 256), Perm: users.PermSub}}
		}))},
		{"topic policies topic rule", "topic", func(c *users.Client) error {
			_, err := c.ListTopicPolicies(ctx, id, strings.Repeat("t", 128), nil)
			return err
		}},
		{"group policies group rule", "group", func(c *users.Client) error {
			_, err := c.ListGroupPolicies(ctx, id, "g g", nil)
			return err
		}},
		{"group perm empty", "group_perms[0].perm", create(with(func(u *users.User) { u.GroupPerms = []users.Permission{{Name: "g"}} }))},
		{"update nil", "request", update("user_name", nil)},
		{"update no name", "user_name", update("", &users.User{})},
		{"update bad access key", "access_key", update("user_name", &users.User{AccessKey: "x"})},
		{"update weak secret", "secret_key", update("user_name", &users.User{SecretKey: "password"})},
		{"update secret equals path name", "secret_key", update("Abcd_12x", &users.User{SecretKey: "Abcd_12x"})},
		{"update secret equals reversed path name", "secret_key", update("Abcd_12x", &users.User{SecretKey: "x21_dcbA"})},
		{"update bad perm", "default_topic_perm", update("user_name", &users.User{DefaultTopicPerm: "X"})},
		{"get no instance", "instance_id", func(c *users.Client) error { _, err := c.Get(ctx, "", "u"); return err }},
		{"get no name", "user_name", func(c *users.Client) error { _, err := c.Get(ctx, id, " "); return err }},
		{"delete no name", "user_name", func(c *users.Client) error { return c.Delete(ctx, id, "") }},
		{"delete no instance", "instance_id", func(c *users.Client) error { return c.Delete(ctx, "", "u") }},
		{"list limit", "limit", func(c *users.Client) error {
			_, err := c.List(ctx, id, &users.ListOptions{Limit: 51})
			return err
		}},
		{"list offset", "offset", func(c *users.Client) error {
			_, err := c.List(ctx, id, &users.ListOptions{Offset: -1})
			return err
		}},
		{"list no instance", "instance_id", func(c *users.Client) error { _, err := c.List(ctx, "", nil); return err }},
		{"topic policies no topic", "topic", func(c *users.Client) error { _, err := c.ListTopicPolicies(ctx, id, "", nil); return err }},
		{"topic policies limit", "limit", func(c *users.Client) error {
			_, err := c.ListTopicPolicies(ctx, id, "t", &users.ListOptions{Limit: -1})
			return err
		}},
		{"group policies no group", "group", func(c *users.Client) error { _, err := c.ListGroupPolicies(ctx, id, "", nil); return err }},
		{"group policies offset", "offset", func(c *users.Client) error {
			_, err := c.ListGroupPolicies(ctx, id, "g", &users.ListOptions{Offset: -3})
			return err
		}},
		{"iter limit", "limit", func(c *users.Client) error {
			for _, err := range c.ListIter(ctx, id, &users.ListOptions{Limit: 100}) {
				return err
			}
			return nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t) // fails on any request
			err := tc.call(c)
			var ve *rocketmq.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			if ve.Field == "secret_key" {
				assert.NotContains(t, err.Error(), "Abcd_12x")
				assert.NotContains(t, err.Error(), "x21_dcbA")
				assert.NotContains(t, err.Error(), "abcdefgh12")
			}
		})
	}
}

func TestValidInputs(t *testing.T) {
	t.Parallel()
	ok := []*users.User{
		{AccessKey: "abcdefg", SecretKey: "abcDEF12"},                     // 7 chars; lower, upper, digit
		{AccessKey: "a" + strings.Repeat("-", 63), SecretKey: "abc!@#12"}, // 64 chars; lower, special, digit
		{AccessKey: "Abc_def", SecretKey: "ABC!@#ab" + strings.Repeat("c", 24), WhiteRemoteAddress: rocketmq.String("10.0.0.1, 192.168.0.0/16,::1")},
		{AccessKey: "Abc_def", SecretKey: "ABC`~|\\ab", DefaultTopicPerm: "PUB", DefaultGroupPerm: "SUB", Admin: rocketmq.Bool(true)},
	}
	calls := make([]testutil.Call, 0, len(ok))
	for _, u := range ok {
		b, err := jsonMarshal(u)
		require.NoError(t, err)
		calls = append(calls, testutil.Call{Method: http.MethodPost, Path: base + "/users", Body: b, Response: `{}`})
	}
	c := newClient(t, calls...)
	for _, u := range ok {
		_, err := c.Create(context.Background(), testutil.InstanceID, u)
		require.NoError(t, err, "%s", u)
	}
}

func TestSecretKeyRedacted(t *testing.T) {
	t.Parallel()
	const sk = "Sup3r$ecretValue"
	u := users.User{
		AccessKey: "user_name", SecretKey: sk, WhiteRemoteAddress: rocketmq.String("10.0.0.1"), Admin: rocketmq.Bool(true),
		DefaultTopicPerm: "DENY", TopicPerms: []users.Permission{{Name: "t", Perm: "SUB"}},
	}
	p := users.Policy{AccessKey: "user_name", SecretKey: sk, Perm: "SUB"}
	values := []any{
		u, &u, []users.User{u}, users.ListResponse{Users: []users.User{u}}, &users.ListResponse{Users: []users.User{u}},
		p, &p, users.PolicyList{Policies: []users.Policy{p}}, &users.PolicyList{Policies: []users.Policy{p}},
	}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10v"} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, sk, "%s of %T", verb, v)
			assert.NotContains(t, out, "53757033", "%s of %T: hex of the secret", verb, v)
		}
		assert.Contains(t, fmt.Sprintf("%v", v), "[REDACTED]")
	}
	assert.Contains(t, u.String(), "AccessKey:user_name")
	assert.Contains(t, u.String(), "Admin:true")
	assert.Contains(t, u.String(), "TopicPerms:[{Name:t Perm:SUB}]")
	assert.Equal(t, `users.User{AccessKey:"user_name", SecretKey:"[REDACTED]", WhiteRemoteAddress:rocketmq.String("10.0.0.1"), Admin:rocketmq.Bool(true), DefaultTopicPerm:"DENY", DefaultGroupPerm:"", TopicPerms:[]users.Permission{users.Permission{Name:"t", Perm:"SUB"}}, GroupPerms:[]users.Permission(nil)}`, fmt.Sprintf("%#v", u))
	assert.Equal(t, "{AccessKey: SecretKey: WhiteRemoteAddress:<nil> Admin:<nil> DefaultTopicPerm: DefaultGroupPerm: TopicPerms:[] GroupPerms:[]}", users.User{}.String())
	assert.Contains(t, users.User{}.GoString(), "WhiteRemoteAddress:nil, Admin:nil")
	// The value itself keeps the secret (it is sent on the wire).
	assert.Equal(t, sk, u.SecretKey)
}

func TestSecretKeyNotLogged(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	var mu syncWriter
	mu.w = &buf
	logger := slog.New(slog.NewTextHandler(&mu, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := testutil.NewClient(t, rocketmq.WithLogger(logger))
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodPost, Path: base + "/users",
		Body:     `{"access_key":"user_name","secret_key":"` + secret + `"}`,
		Response: `{"access_key":"user_name","secret_key":"*****"}`,
	})
	_, err := users.New(c).Create(context.Background(), testutil.InstanceID, validUser())
	require.NoError(t, err)
	mu.Lock()
	defer mu.Unlock()
	assert.Contains(t, buf.String(), "user_name")
	assert.NotContains(t, buf.String(), secret)
}

func TestListIterPages(t *testing.T) {
	t.Parallel()
	page := func(total int, names ...string) string {
		s := fmt.Sprintf(`{"total":%d,"users":[`, total)
		for i, n := range names {
			if i > 0 {
				s += ","
			}
			s += `{"access_key":"` + n + `"}`
		}
		return s + "]}"
	}
	t.Run("to total", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: base + "/users", Query: "limit=2&offset=1", Response: page(5, "u1", "u2")},
			testutil.Call{Method: http.MethodGet, Path: base + "/users", Query: "limit=2&offset=3", Response: page(5, "u3", "u4")},
		)
		opts := &users.ListOptions{Limit: 2, Offset: 1}
		var got []string
		for u, err := range c.ListIter(context.Background(), testutil.InstanceID, opts) {
			require.NoError(t, err)
			got = append(got, u.AccessKey)
		}
		assert.Equal(t, []string{"u1", "u2", "u3", "u4"}, got)
		assert.Equal(t, &users.ListOptions{Limit: 2, Offset: 1}, opts)
	})
	t.Run("nil options, short page", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: base + "/users", Query: "limit=50&offset=0", Response: `{"users":[{"access_key":"only_one"}]}`},
		)
		var got []string
		for u, err := range c.ListIter(context.Background(), testutil.InstanceID, nil) {
			require.NoError(t, err)
			got = append(got, u.AccessKey)
		}
		assert.Equal(t, []string{"only_one"}, got)
	})
	t.Run("break", func(t *testing.T) {
		t.Parallel()
		c := newClient(t, testutil.Call{Method: http.MethodGet, Path: base + "/users", Query: "limit=2&offset=0", Response: page(9, "u1", "u2")})
		for range c.ListIter(context.Background(), testutil.InstanceID, &users.ListOptions{Limit: 2}) {
			break
		}
	})
	t.Run("error once", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: base + "/users", Query: "limit=2&offset=0", Response: page(9, "u1", "u2")},
			testutil.Call{Method: http.MethodGet, Path: base + "/users", Query: "limit=2&offset=2", Status: http.StatusNotFound, Response: `{"error_code":"DMS.00404022","error_msg":"gone"}`},
		)
		var errs []error
		n := 0
		for _, err := range c.ListIter(context.Background(), testutil.InstanceID, &users.ListOptions{Limit: 2}) {
			if err != nil {
				errs = append(errs, err)
			} else {
				n++
			}
		}
		assert.Equal(t, 2, n)
		require.Len(t, errs, 1)
		var apiErr *rocketmq.APIError
		assert.True(t, errors.As(errs[0], &apiErr))
		assert.True(t, rocketmq.IsNotFound(errs[0]))
	})
}

// slog's JSON handler marshals values with encoding/json: LogValue keeps
// the secret key out of it.
func TestSecretKeyNotInSlogJSON(t *testing.T) {
	t.Parallel()
	const sk = "Zq9#secretXYZ"
	u := users.User{AccessKey: "app_user", SecretKey: sk, Admin: rocketmq.Bool(true), TopicPerms: []users.Permission{{Name: "t", Perm: "SUB"}}}
	p := users.Policy{AccessKey: "app_user", SecretKey: sk, Perm: "PUB"}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("user", "user", u, "policy", p, "ptr", &u)
	out := buf.String()
	assert.NotContains(t, out, sk)
	assert.Contains(t, out, `"access_key":"app_user"`)
	assert.Contains(t, out, `"secret_key":"[REDACTED]"`)
}
