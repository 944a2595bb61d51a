package users_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

func TestOddBodiesDoNotPanic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	for _, body := range []string{"", "null", "[]", "{}", "[null]", `"x"`, "123", "plain", `{"users":null,"total":"x"}`,
		`{"users":[null,1]}`, `{"policies":"x"}`, `{"admin":"maybe","topic_perms":"x"}`} {
		c, mt := testutil.NewClient(t)
		mt.RegisterNoResponder(httpmock.NewStringResponder(200, body))
		u := users.New(c)
		got, _ := u.Create(ctx, id, validUser())
		_ = fmt.Sprint(got)
		_, _ = u.List(ctx, id, nil)
		for range u.ListIter(ctx, id, nil) {
		}
		got, _ = u.Get(ctx, id, "user_name")
		_ = fmt.Sprintf("%#v", got)
		_, _ = u.Update(ctx, id, "user_name", &users.User{})
		_ = u.Delete(ctx, id, "user_name")
		_, _ = u.ListTopicPolicies(ctx, id, "t", nil)
		_, _ = u.ListGroupPolicies(ctx, id, "g", nil)
	}
}

func TestNilClient(t *testing.T) {
	t.Parallel()
	for _, c := range []*users.Client{users.New(nil)} {
		err := c.Delete(context.Background(), testutil.InstanceID, "u")
		var ve *rocketmq.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "client", ve.Field)
	}
}
