package messages_test

import (
	"context"
	"fmt"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/messages"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Send produces a test message without a RocketMQ client; Query finds it
// again by its key (or its ID), and Trace follows it.
func ExampleClient_Send() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", QueueNum: 1}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	mc := messages.New(client)

	sent, err := mc.Send(ctx, id, &messages.SendRequest{
		Topic: "orders-created",
		Body:  `{"order":1001}`,
		PropertyList: []messages.Property{
			{Name: "KEYS", Value: "order-1001"},
			{Name: "TAGS", Value: "created"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("sent to", sent.BrokerName, "queue", sent.QueueID, "offset", sent.QueueOffset)

	now := time.Now()
	found, err := mc.Query(ctx, id, &messages.QueryOptions{
		Topic: "orders-created", Key: "order-1001",
		StartTime: now.Add(-time.Hour), EndTime: now.Add(time.Minute),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range found.Messages {
		fmt.Println("found", m.Body, "same ID:", m.MsgID == sent.MsgID)
	}

	trace, err := mc.Trace(ctx, id, sent.MsgID)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range trace {
		fmt.Println("trace:", t.TraceType, t.Tags, t.Keys, t.Success)
	}
	// Output:
	// sent to broker-0 queue 0 offset 0
	// found {"order":1001} same ID: true
	// trace: Pub created order-1001 true
}
