package metadata_test

import (
	"context"
	"fmt"

	"github.com/dms-rocketmq/rocketmq-go/metadata"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// BatchDeleteTasks deletes migration tasks by ID and answers with the ones
// it deleted; an ID it does not know is left out of the answer.
func ExampleClient_BatchDeleteTasks() {
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

	export := []byte(`{"topicConfigTable": {"orders-created": {"topicName": "orders-created", "readQueueNums": 4, "writeQueueNums": 4, "perm": 6}}}`)
	var ids []string
	for _, name := range []string{"import-1", "import-2"} {
		created, err := mc.CreateTask(ctx, id, &metadata.CreateTaskRequest{
			Name: name, Type: metadata.TypeRocketMQ, Overwrite: true, Metadata: export,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		ids = append(ids, created.ID)
	}

	res, err := mc.BatchDeleteTasks(ctx, id, []string{ids[0], "no-such-task"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("deleted the first:", len(res.SuccessTaskList) == 1 && res.SuccessTaskList[0] == ids[0])

	left, err := mc.ListTasks(ctx, id, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range left.Tasks {
		fmt.Println("left:", t.Name, t.Status)
	}
	// Output:
	// deleted the first: true
	// left: import-2 finished
}
