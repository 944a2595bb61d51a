package diagnosis_test

import (
	"context"
	"fmt"

	"github.com/dms-rocketmq/rocketmq-go/diagnosis"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Diagnose a lagging consumer group, wait for the report and read the
// stack of the thread it found deadlocked.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "shop",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 1, Messages: 50}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders"}, Lag: 20, Clients: []rocketmqtest.ClientSeed{
			{ClientID: "10.0.0.1@100#1"},
			{ClientID: "10.0.0.2@200#1", DeadLock: true},
		}}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	d := diagnosis.New(client)

	created, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "billing"})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := d.WaitForReport(ctx, created.ReportID, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %s, %d consumers, %d messages behind\n", r.GroupName, r.Status, r.ConsumerNums, r.MessageAccumulation)
	for _, n := range r.Nodes {
		if !n.DeadLock {
			continue
		}
		st, err := d.GetStack(ctx, n.StackID)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("deadlock on %s: %v\n", n.NodeID, st.ThreadName == n.DeadlockThread)
	}
	// Output:
	// billing: finished, 2 consumers, 20 messages behind
	// deadlock on 10.0.0.2@200#1: true
}
