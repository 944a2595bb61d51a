// The README's "Testing your service with rocketmqtest" example, kept
// compiling and passing. Keep the two in step.
package rocketmqtest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

// EnsureTopic is the code under test: it creates a topic unless it exists.
func EnsureTopic(ctx context.Context, tc *topics.Client, instanceID, name string) error {
	_, err := tc.Get(ctx, instanceID, name)
	if !errors.Is(err, rocketmq.ErrTopicNotFound) {
		// nil: it exists; or a real failure, a wrong instance
		// (rocketmq.ErrInstanceNotFound) included.
		return err
	}
	_, err = tc.Create(ctx, instanceID, &topics.CreateRequest{Name: name})
	if rocketmq.IsAlreadyExists(err) {
		return nil // created meanwhile by someone else
	}
	return err
}

func TestEnsureTopic(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created"}},
	})
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	tc := topics.New(c)

	// The service answers one 503 first: the client retries it.
	fault := srv.InjectFault(rocketmqtest.Fault{Method: http.MethodGet,
		Path: "/v2/{project_id}/instances/{instance_id}/topics/{topic}", Status: 503})

	ctx := context.Background()
	for _, name := range []string{"orders-created", "orders-paid"} {
		if err := EnsureTopic(ctx, tc, id, name); err != nil {
			t.Fatalf("EnsureTopic(%s): %v", name, err)
		}
	}
	list, err := tc.List(ctx, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	if list.Total != 2 {
		t.Fatalf("want 2 topics, got %d", list.Total)
	}
	if fault.Hits() != 1 {
		t.Fatalf("the 503 was met %d times, want 1", fault.Hits())
	}

	// A wrong instance is not "the topic is missing": nothing is created.
	err = EnsureTopic(ctx, tc, "00000000-0000-4000-8000-000000000000", "orders-paid")
	if !errors.Is(err, rocketmq.ErrInstanceNotFound) {
		t.Fatalf("want ErrInstanceNotFound, got %v", err)
	}
	if n := len(srv.Requests("POST /v2/")); n != 1 {
		t.Fatalf("want the one create of orders-paid, got %d creates", n)
	}
}
