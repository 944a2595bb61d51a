package rocketmqtest_test

import (
	"context"
	"errors"
	"fmt"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// A test seeds an instance, talks to the emulator through a client, and
// injects a failure the client must ride out.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()

	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", QueueNum: 4, Messages: 20}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders-created"}, Lag: 5}},
	})
	client, err := srv.Client()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	// One 503 first: the client retries it.
	srv.InjectFault(rocketmqtest.Fault{Method: "GET", Path: "/v2/{project_id}/instances/{instance_id}/groups/{group}/topics", Status: 503})

	var detail struct {
		Brokers []struct {
			Queues []struct {
				Lag int64 `json:"lag"`
			} `json:"queues"`
		} `json:"brokers"`
	}
	resp, err := client.Do(ctx, &rocketmq.Request{
		Method:     "GET",
		Path:       "/v2/{project_id}/instances/{instance_id}/groups/{group}/topics",
		PathParams: map[string]string{"instance_id": id, "group": "billing"},
		Query:      map[string]string{"topic": "orders-created"},
	}, &detail)
	if err != nil {
		panic(err)
	}
	var lag int64
	for _, b := range detail.Brokers {
		for _, q := range b.Queues {
			lag += q.Lag
		}
	}
	fmt.Println("attempts:", resp.Attempts, "lag:", lag)

	_, err = client.Do(ctx, &rocketmq.Request{
		Method:     "GET",
		Path:       "/v2/{project_id}/instances/{instance_id}/topics/{topic}",
		PathParams: map[string]string{"instance_id": id, "topic": "nope"},
	}, nil)
	var apiErr *rocketmq.APIError
	fmt.Println(rocketmq.IsNotFound(err), errors.As(err, &apiErr) && apiErr.Code == "DMS.00050004")
	// Output:
	// attempts: 2 lag: 5
	// true true
}
