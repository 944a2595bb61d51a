package users_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

func TestPoliciesOfBrokerCreatedNames(t *testing.T) {
	t.Parallel()
	// "t1" and "g" are names the broker itself may create: RocketMQ's own
	// rules (not the 3–64 creation rule) accept them.
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base + "/topics/t1/accesspolicy", Query: "limit=1&offset=0",
			Response: `{"policies":[{"access_key":"a_user","perm":"SUB"}],"total":1,"name":"t1"}`},
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/groups/g/accesspolicy",
			Response: `{"policies":[],"total":0,"name":"g"}`},
	)
	var captured rocketmq.Response
	got, err := c.ListTopicPolicies(context.Background(), testutil.InstanceID, "t1", &users.ListOptions{Limit: 1}, rocketmq.CaptureResponse(&captured))
	require.NoError(t, err)
	assert.Equal(t, &users.PolicyList{Policies: []users.Policy{{AccessKey: "a_user", Perm: users.PermSub}}, Total: 1, Name: "t1"}, got)
	assert.Equal(t, "req-1", captured.RequestID)
	got, err = c.ListGroupPolicies(context.Background(), testutil.InstanceID, "g", nil)
	require.NoError(t, err)
	assert.Equal(t, &users.PolicyList{Policies: []users.Policy{}, Name: "g"}, got)
}

func TestGroupPermissionsAreSubOrDeny(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base + "/users",
		Body:     `{"access_key":"user_name","secret_key":"` + secret + `","default_group_perm":"DENY","group_perms":[{"name":"g1","perm":"SUB"},{"name":"g2","perm":"DENY"}]}`,
		Response: `{"access_key":"user_name"}`,
	})
	u := &users.User{AccessKey: "user_name", SecretKey: secret, DefaultGroupPerm: users.PermDeny,
		GroupPerms: []users.Permission{{Name: "g1", Perm: users.PermSub}, {Name: "g2", Perm: users.PermDeny}}}
	_, err := c.Create(context.Background(), testutil.InstanceID, u)
	require.NoError(t, err)
	// The reference's example gives a group "PUB|SUB": refused, nothing sent.
	u.GroupPerms[0].Perm = users.PermPubSub
	_, err = c.Create(context.Background(), testutil.InstanceID, u)
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "group_perms[0].perm", ve.Field)
}
