package groups_test

import (
	"context"
	"fmt"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Create a consumer group, read its settings back and disable it.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	gc := groups.New(client)

	created, err := gc.Create(ctx, id, &groups.CreateRequest{
		Name:         "billing",
		Brokers:      []string{"broker-0"},
		RetryMaxTime: rocketmq.Int(5),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created", created.Name)

	// Only the fields set are sent: here, enabled=false.
	if err := gc.Update(ctx, id, "billing", &groups.UpdateRequest{Enabled: rocketmq.Bool(false)}); err != nil {
		fmt.Println(err)
		return
	}
	g, err := gc.Get(ctx, id, "billing")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Name, "enabled:", g.Enabled, "retries:", g.RetryMaxTime, "brokers:", g.Brokers)
	// Output:
	// created billing
	// billing enabled: false retries: 5 brokers: [broker-0]
}

// GetConsumption reports a group's progress on one topic, queue by queue;
// TotalLag sums what is left to consume.
func ExampleClient_GetConsumption() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", QueueNum: 4, Messages: 20}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders-created"}, Lag: 6}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	cons, err := groups.New(client).GetConsumption(context.Background(), id, "billing", "orders-created")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range cons.Brokers {
		for _, q := range b.Queues {
			fmt.Printf("%s queue %d: offset %d of %d, lag %d\n", b.BrokerName, q.ID, q.ConsumerOffset, q.BrokerOffset, q.Lag)
		}
	}
	fmt.Println("total lag:", cons.TotalLag())
	// Output:
	// broker-0 queue 0: offset 4 of 5, lag 1
	// broker-0 queue 1: offset 4 of 5, lag 1
	// broker-0 queue 2: offset 3 of 5, lag 2
	// broker-0 queue 3: offset 3 of 5, lag 2
	// total lag: 6
}

// ListIter walks all the consumer groups of an instance, page by page.
func ExampleClient_ListIter() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "orders",
		Groups: []rocketmqtest.GroupSeed{
			{Name: "billing"}, {Name: "shipping", Broadcast: true}, {Name: "audit", Disabled: true},
		},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	for g, err := range groups.New(client).ListIter(context.Background(), id, &groups.ListOptions{Limit: 2}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(g.Name, "enabled:", g.Enabled, "broadcast:", g.Broadcast)
	}
	// Output:
	// audit enabled: false broadcast: false
	// billing enabled: true broadcast: false
	// shipping enabled: true broadcast: true
}

// ResetOffset moves a group's offsets on a topic back to a point in time,
// so that it consumes again every message stored since.
func ExampleClient_ResetOffset() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", QueueNum: 4, Messages: 20}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders-created"}}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	gc := groups.New(client)

	before, err := gc.GetConsumption(ctx, id, "billing", "orders-created")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("lag before:", before.TotalLag())

	// Replay the last two hours.
	reset, err := gc.ResetOffset(ctx, id, "billing", &groups.ResetOffsetRequest{
		Topic:     "orders-created",
		Timestamp: time.Now().Add(-2 * time.Hour).UnixMilli(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range reset.Queues {
		fmt.Printf("%s queue %d reset to %d\n", q.BrokerName, q.QueueID, q.TimestampOffset)
	}

	after, err := gc.GetConsumption(ctx, id, "billing", "orders-created")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("lag after:", after.TotalLag())
	// Output:
	// lag before: 0
	// broker-0 queue 0 reset to 0
	// broker-0 queue 1 reset to 0
	// broker-0 queue 2 reset to 0
	// broker-0 queue 3 reset to 0
	// lag after: 20
}
