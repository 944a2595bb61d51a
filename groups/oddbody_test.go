package groups_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// TestOddBodies: odd success bodies never panic; each call either decodes
// something or returns an error.
func TestOddBodies(t *testing.T) {
	t.Parallel()
	bodies := []string{`[]`, `[{}]`, `"text"`, `123`, `null`, `{"groups":"x","queues":"y","brokers":7,"topics":{"a":1}}`,
		`{"brokers":[{"queues":{"id":"x","lag":"?"}}],"queues":[{"timestamp_of_fset":[1]}]}`, `not json`}
	ctx := context.Background()
	id := testutil.InstanceID
	for _, b := range bodies {
		t.Run(b, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			mt.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: nopCloser(b)}, nil
			})
			gc := groups.New(c)
			assert.NotPanics(t, func() {
				_, _ = gc.List(ctx, id, nil)
				for range gc.ListIter(ctx, id, nil) {
				}
				_, _ = gc.Create(ctx, id, &groups.CreateRequest{Name: "group1"})
				_, _ = gc.BatchDelete(ctx, id, []string{"group1"})
				_, _ = gc.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: "group1"}}})
				_, _ = gc.Get(ctx, id, "group1")
				_ = gc.Update(ctx, id, "group1", &groups.UpdateRequest{})
				_ = gc.Delete(ctx, id, "group1")
				_, _ = gc.ListTopics(ctx, id, "group1", nil)
				for range gc.ListTopicsIter(ctx, id, "group1", nil) {
				}
				cons, err := gc.GetConsumption(ctx, id, "group1", "topic1")
				if err == nil {
					_ = cons.TotalLag()
				}
				_, _ = gc.ResetOffset(ctx, id, "group1", &groups.ResetOffsetRequest{Topic: "topic1"})
			})
		})
	}
}
