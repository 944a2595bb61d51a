package messages_test

import (
	"context"
	"fmt"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/messages"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Find a message by id and follow its trace: who produced it and which
// consumer groups consumed it.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created"}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing"}, {Name: "shipping"}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	// An application produces a message and both groups consume it
	// (simulated by the emulator).
	ids, err := srv.Produce(id, "orders-created", rocketmqtest.Message{Body: `{"order":42}`, Keys: "order-42", Tags: "created"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range []string{"billing", "shipping"} {
		if _, err := srv.Consume(id, g, "orders-created", 1); err != nil {
			fmt.Println(err)
			return
		}
	}
	msgID := ids[0]
	ctx := context.Background()
	mc := messages.New(client)

	resp, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders-created", MsgID: msgID})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range resp.Messages {
		keys, _ := m.Property("KEYS")
		fmt.Println(m.Topic, m.Body, keys)
	}

	trace, err := mc.Trace(ctx, id, msgID)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range trace {
		fmt.Println(t.TraceType, t.GroupName, t.Success)
	}
	// Output:
	// orders-created {"order":42} order-42
	// Pub PID_orders-created true
	// SubBefore billing true
	// SubAfter billing true
	// SubBefore shipping true
	// SubAfter shipping true
}

// Query finds the messages a topic stored in a time window (or the one with
// a given id), a page at a time; QueryIter walks every page.
func ExampleClient_Query() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", QueueNum: 2, Messages: 12}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	now := time.Now()
	resp, err := messages.New(client).Query(context.Background(), id, &messages.QueryOptions{
		Topic:     "orders-created",
		StartTime: now.Add(-time.Hour),
		EndTime:   now,
		Limit:     3,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("total:", resp.Total)
	for _, m := range resp.Messages {
		tags, _ := m.Property("TAGS")
		fmt.Println(tags, m.Body)
	}
	// Output:
	// total: 12
	// TagC {"id":1000,"event":"created","source":"orders-created"}
	// TagP {"id":1001,"event":"paid","source":"orders-created"}
	// TagS {"id":1002,"event":"shipped","source":"orders-created"}
}

// ExportDeadLetters returns the messages that exhausted their retries in a
// consumer group: its dead-letter topic is "%DLQ%" + the group's name.
func ExampleClient_ExportDeadLetters() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created"}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", RetryMaxTime: 3}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	// The billing application fails to process two messages, again and again.
	now := time.Now()
	if _, err := srv.Produce(id, "orders-created",
		rocketmqtest.Message{Body: `{"order":41}`, Keys: "order-41", BornTime: now.Add(-2 * time.Minute)},
		rocketmqtest.Message{Body: `{"order":42}`, Keys: "order-42", BornTime: now.Add(-time.Minute)},
	); err != nil {
		fmt.Println(err)
		return
	}
	dead, err := srv.AddDeadLetters(id, "billing", "orders-created", 2)
	if err != nil {
		fmt.Println(err)
		return
	}

	msgs, err := messages.New(client).ExportDeadLetters(context.Background(), id, &messages.ExportDeadLettersRequest{
		Topic:     "%DLQ%billing",
		MsgIDList: dead,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range msgs {
		keys, _ := m.Property("KEYS")
		from, _ := m.Property("RETRY_TOPIC")
		fmt.Println(m.Topic, keys, "from", from, "after", m.ReconsumeTimes, "retries")
	}
	// Output:
	// %DLQ%billing order-42 from orders-created after 3 retries
	// %DLQ%billing order-41 from orders-created after 3 retries
}

// ResendDeadLetters sends dead letters back to their topic once the
// consumer is fixed.
func ExampleClient_ResendDeadLetters() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", Messages: 5}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders-created"}, DeadLetters: 2}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	mc := messages.New(client)

	// The dead-letter topic is queried like any other.
	req := &messages.ResendDeadLettersRequest{Topic: "%DLQ%billing"}
	now := time.Now()
	for m, err := range mc.QueryIter(ctx, id, &messages.QueryOptions{Topic: "%DLQ%billing", StartTime: now.Add(-24 * time.Hour), EndTime: now}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		req.MsgIDList = append(req.MsgIDList, m.MsgID)
	}
	resp, err := mc.ResendDeadLetters(ctx, id, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("resent:", len(resp.ResendResults), "failed:", len(resp.Failed()))

	// The messages are back in orders-created, for billing to consume again.
	st, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders-created", StartTime: now.Add(-24 * time.Hour), EndTime: time.Now()})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("orders-created holds", st.Total, "messages")
	// Output:
	// resent: 2 failed: 0
	// orders-created holds 7 messages
}
