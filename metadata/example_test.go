package metadata_test

import (
	"context"
	"fmt"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

// Import the topics and consumer groups of a self-built RocketMQ cluster
// (the JSON its brokers keep in topics.json and subscriptionGroup.json),
// check how the task ended, and clean it up.
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
	mc := metadata.New(client)

	doc := []byte(`{
		"topicConfigTable": {
			"orders-created": {"topicName": "orders-created", "readQueueNums": 4, "writeQueueNums": 4, "perm": 6}
		},
		"subscriptionGroupTable": {
			"billing": {"groupName": "billing", "retryMaxTimes": 5}
		}
	}`)
	created, err := mc.CreateTask(ctx, id, &metadata.CreateTaskRequest{
		Name:     "import-legacy",
		Type:     metadata.TypeRocketMQ,
		Metadata: doc,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	task, err := mc.GetTask(ctx, id, created.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(task.Name, task.Type, task.Status)

	t, err := topics.New(client).Get(ctx, id, "orders-created")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("topic", t.Name, "queues:", t.TotalWriteQueueNum)

	if err := mc.DeleteTasks(ctx, id, []string{created.ID}); err != nil {
		fmt.Println(err)
		return
	}
	_, err = mc.GetTask(ctx, id, created.ID)
	fmt.Println("task deleted:", rocketmq.IsNotFound(err))
	// Output:
	// import-legacy rocketmq finished
	// topic orders-created queues: 4
	// task deleted: true
}

// CreateTask imports a RabbitMQ definitions export: exchanges become
// topics, queues consumer groups, and bindings subscriptions.
func ExampleClient_CreateTask() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	definitions := []byte(`{
		"exchanges": [{"name": "orders", "vhost": "/", "type": "topic"}],
		"queues": [{"name": "billing", "vhost": "/"}, {"name": "shipping", "vhost": "/"}],
		"bindings": [
			{"source": "orders", "destination": "billing", "destination_type": "queue", "routing_key": "order.*"},
			{"source": "orders", "destination": "shipping", "destination_type": "queue", "routing_key": "order.paid"}
		]
	}`)
	mc := metadata.New(client)
	created, err := mc.CreateTask(ctx, id, &metadata.CreateTaskRequest{
		Name:      "import-rabbit",
		Type:      metadata.TypeRabbitToRocket,
		Overwrite: true,
		Metadata:  definitions,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	task, err := mc.GetTask(ctx, id, created.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(task.Name, task.Status)

	for g, err := range topics.New(client).ListGroupsIter(ctx, id, "orders", nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("topic orders, consumed by", g)
	}
	// Output:
	// import-rabbit finished
	// topic orders, consumed by billing
	// topic orders, consumed by shipping
}

// ListTasksIter walks an instance's migration tasks, newest first. A task
// that could not apply its metadata is listed as failed.
func ExampleClient_ListTasksIter() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	mc := metadata.New(client)

	doc := []byte(`{"subscriptionGroupTable": {"billing": {"groupName": "billing"}}}`)
	for _, name := range []string{"import-first", "import-again"} {
		// Without Overwrite, the second import finds billing already there.
		if _, err := mc.CreateTask(ctx, id, &metadata.CreateTaskRequest{Name: name, Type: metadata.TypeRocketMQ, Metadata: doc}); err != nil {
			fmt.Println(err)
			return
		}
	}
	for task, err := range mc.ListTasksIter(ctx, id, &metadata.ListTasksOptions{Limit: 1}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(task.Name, task.Status)
	}
	// Output:
	// import-again failed
	// import-first finished
}
