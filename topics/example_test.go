package topics_test

import (
	"context"
	"fmt"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

// Create a topic, grow its queues, see which groups consume it, and
// delete it.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Groups: []rocketmqtest.GroupSeed{{Name: "billing"}, {Name: "shipping"}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	tc := topics.New(client)

	if _, err := tc.Create(ctx, id, &topics.CreateRequest{Name: "orders-created", QueueNum: rocketmq.Int(4)}); err != nil {
		fmt.Println(err)
		return
	}
	err = tc.Update(ctx, id, "orders-created", &topics.UpdateRequest{ReadQueueNum: rocketmq.Int(8), WriteQueueNum: rocketmq.Int(8)})
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := tc.Get(ctx, id, "orders-created")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Name, "queues:", t.TotalReadQueueNum, t.TotalWriteQueueNum)

	// The applications subscribe (simulated here by the emulator).
	for _, g := range []string{"billing", "shipping"} {
		if err := srv.Subscribe(id, g, "orders-created"); err != nil {
			fmt.Println(err)
			return
		}
	}
	for g, err := range tc.ListGroupsIter(ctx, id, "orders-created", nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("consumed by", g)
	}

	if err := tc.Delete(ctx, id, "orders-created"); err != nil {
		fmt.Println(err)
		return
	}
	_, err = tc.Get(ctx, id, "orders-created")
	fmt.Println("deleted:", rocketmq.IsNotFound(err))
	// Output:
	// orders-created queues: 8 8
	// consumed by billing
	// consumed by shipping
	// deleted: true
}

// Create creates a topic on the instance's brokers; fields left empty take
// the server's defaults (8 queues, permission "all").
func ExampleClient_Create() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	tc := topics.New(client)

	created, err := tc.Create(ctx, id, &topics.CreateRequest{
		Name:       "orders-created",
		Brokers:    []string{"broker-0"},
		QueueNum:   rocketmq.Int(3),
		Permission: topics.PermissionPub,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created", created.ID)

	t, err := tc.Get(ctx, id, created.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Name, t.Permission)
	for _, b := range t.Brokers {
		fmt.Println(b.BrokerName, "read:", b.ReadQueueNum, "write:", b.WriteQueueNum)
	}
	// Output:
	// created orders-created
	// orders-created pub
	// broker-0 read: 3 write: 3
}

// GetStatus reports a topic's queues with their offsets; TotalMessages sums
// the messages it holds.
func ExampleClient_GetStatus() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", QueueNum: 2, Messages: 10}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	// A producer sends one more message.
	if _, err := srv.Produce(id, "orders-created", rocketmqtest.Message{Body: `{"order":42}`}); err != nil {
		fmt.Println(err)
		return
	}

	st, err := topics.New(client).GetStatus(context.Background(), id, "orders-created")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range st.Brokers {
		for _, q := range b.Queues {
			fmt.Printf("%s queue %d: offsets %d..%d\n", b.BrokerName, q.ID, q.MinOffset, q.MaxOffset)
		}
	}
	fmt.Println("messages:", st.TotalMessages())
	// Output:
	// broker-0 queue 0: offsets 0..6
	// broker-0 queue 1: offsets 0..5
	// messages: 11
}

// ListIter walks all the topics of an instance, page by page.
func ExampleClient_ListIter() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "orders",
		Topics: []rocketmqtest.TopicSeed{
			{Name: "orders-created"}, {Name: "orders-paid", QueueNum: 4}, {Name: "orders-audit", Permission: topics.PermissionSub},
		},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	for t, err := range topics.New(client).ListIter(context.Background(), id, &topics.ListOptions{Limit: 2}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(t.Name, t.Permission, t.TotalWriteQueueNum)
	}
	// Output:
	// orders-audit sub 8
	// orders-created all 8
	// orders-paid all 4
}
