package topics_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

// TestOddBodies: odd success bodies never panic; each call either decodes
// something or returns an error.
func TestOddBodies(t *testing.T) {
	t.Parallel()
	bodies := []string{`[]`, `[{}]`, `"text"`, `123`, `null`, `{"groups":"x","topics":"y","brokers":7}`,
		`{"brokers":[{"queues":{"id":"x","min_offset":"?"}}],"topics":[[1]]}`, `not json`}
	ctx := context.Background()
	id := testutil.InstanceID
	for _, b := range bodies {
		t.Run(b, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			mt.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: nopCloser(b)}, nil
			})
			tc := topics.New(c)
			assert.NotPanics(t, func() {
				_, _ = tc.Create(ctx, id, &topics.CreateRequest{Name: "topic1"})
				_, _ = tc.BatchDelete(ctx, id, []string{"topic1"})
				_, _ = tc.Get(ctx, id, "topic1")
				_ = tc.Update(ctx, id, "topic1", &topics.UpdateRequest{})
				_ = tc.Delete(ctx, id, "topic1")
				_, _ = tc.ListGroups(ctx, id, "topic1", nil)
				for range tc.ListGroupsIter(ctx, id, "topic1", nil) {
				}
				st, err := tc.GetStatus(ctx, id, "topic1")
				if err == nil {
					_ = st.TotalMessages()
				}
				_, _ = tc.List(ctx, id, nil)
				for range tc.ListIter(ctx, id, nil) {
				}
			})
		})
	}
}
