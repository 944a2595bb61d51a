package users_test

import (
	"context"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

// TestOddBodiesOutcome: what each odd success body decodes to: nothing
// readable is an empty answer, values of the wrong type are unreadable
// (empty) items where a list is documented, and text that is not JSON a
// decoding error. The numbers are the users of List and the policies of
// ListTopicPolicies; Get's user, the TopicPerms aside, is always empty.
func TestOddBodiesOutcome(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	for _, tc := range []struct {
		body          string
		users, polics int
		topicPerms    int
		decodeErr     bool
	}{
		{body: ""}, {body: "null"}, {body: "[]"}, {body: "{}"}, {body: "[null]"}, {body: `"x"`}, {body: "123"},
		{body: "plain", decodeErr: true},
		{body: `{"users":null,"total":"x"}`},
		{body: `{"users":[null,1]}`, users: 2},
		{body: `{"policies":"x"}`, polics: 1},
		{body: `{"admin":"maybe","topic_perms":"x"}`, topicPerms: 1},
	} {
		t.Run(tc.body, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			mt.RegisterNoResponder(httpmock.NewStringResponder(200, tc.body))
			u := users.New(c)
			created, cErr := u.Create(ctx, id, validUser())
			got, gErr := u.Get(ctx, id, "user_name")
			l, lErr := u.List(ctx, id, nil)
			p, pErr := u.ListTopicPolicies(ctx, id, "t", nil)
			var n int
			var iErr error
			for _, err := range u.ListIter(ctx, id, nil) {
				if err != nil {
					iErr = err
					break
				}
				n++
			}
			if tc.decodeErr {
				for _, err := range []error{cErr, gErr, lErr, pErr, iErr} {
					require.Error(t, err)
					assert.Contains(t, err.Error(), "decoding the response")
				}
				return
			}
			for _, err := range []error{cErr, gErr, lErr, pErr, iErr} {
				require.NoError(t, err)
			}
			assert.Equal(t, created, got)
			require.Len(t, got.TopicPerms, tc.topicPerms)
			got.TopicPerms = nil
			assert.Equal(t, &users.User{}, got)
			require.Len(t, l.Users, tc.users)
			assert.Equal(t, tc.users, n)
			assert.Zero(t, l.Total)
			require.Len(t, p.Policies, tc.polics)
			for _, pol := range p.Policies {
				assert.Equal(t, users.Policy{}, pol)
			}
		})
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
