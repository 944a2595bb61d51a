package instances_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Find an instance by name, look at its brokers and change its description.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders", BrokerNum: 2, StorageSpace: 600})
	srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders-archive"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	ic := instances.New(client)

	list, err := ic.List(ctx, &instances.ListOptions{Name: "orders", ExactMatchName: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	if len(list.Instances) != 1 {
		fmt.Println("orders not found")
		return
	}
	inst := list.Instances[0]
	fmt.Println(inst.Name, inst.Status, inst.Specification)

	brokers, err := ic.ListBrokers(ctx, inst.InstanceID)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range brokers.Brokers {
		fmt.Println(b.BrokerName)
	}

	err = ic.Update(ctx, inst.InstanceID, &instances.UpdateRequest{Description: rocketmq.String("order events")})
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := ic.Get(ctx, inst.InstanceID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Description)
	// Output:
	// orders RUNNING c6.4u8g.cluster * 2 broker
	// broker-0
	// broker-1
	// order events
}

// Create starts the creation of an instance; WaitForStatus polls until it
// is RUNNING (creation takes minutes in the cloud, milliseconds here).
func ExampleClient_Create() {
	srv := rocketmqtest.NewServer(rocketmqtest.WithCreateDelay(20 * time.Millisecond))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	zones, err := azs.New(client).List(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	zone, ok := zones.Default()
	if !ok {
		fmt.Println("no default availability zone")
		return
	}

	ic := instances.New(client)
	created, err := ic.Create(ctx, &instances.CreateRequest{
		Name:            "orders-mq",
		Engine:          "reliability",
		EngineVersion:   "4.8.0",
		StorageSpace:    600,
		VPCID:           "vpc-1",
		SubnetID:        "subnet-1",
		SecurityGroupID: "sg-1",
		AvailableZones:  []string{zone.ID},
		ProductID:       "c6.4u8g.cluster",
		StorageSpecCode: "dms.physical.storage.ultra.v2",
		BrokerNum:       2,
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	// nil options: poll at once, then back off from 100ms to every 10s,
	// for at most 30 minutes (on the emulator the wait ends in ~100ms).
	inst, err := ic.WaitForStatus(ctx, created.InstanceID, instances.StatusRunning, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inst.Name, inst.Status)
	fmt.Println(inst.Specification, inst.TotalStorageSpace, "GB")
	// Output:
	// orders-mq RUNNING
	// c6.4u8g.cluster * 2 broker 600 GB
}

// WaitForStatus gives up at once, with a *TerminalStatusError, when the
// instance reaches a failure status instead.
func ExampleClient_WaitForStatus() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders", Status: rocketmqtest.StatusCreateFailed})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	_, err = instances.New(client).WaitForStatus(context.Background(), id, instances.StatusRunning,
		&instances.WaitOptions{PollInterval: 5 * time.Millisecond, Timeout: 10 * time.Second})
	var terr *instances.TerminalStatusError
	if errors.As(err, &terr) {
		fmt.Println("ended in", terr.Status)
	}
	// Output:
	// ended in CREATEFAILED
}

// ListIter walks every matching instance, fetching pages as needed (newest
// instances first).
func ExampleClient_ListIter() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	for _, name := range []string{"orders", "payments", "audit"} {
		srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: name})
	}
	srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "broken", Status: rocketmqtest.StatusFaulty})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	opts := &instances.ListOptions{Status: instances.StatusRunning, Limit: 2}
	for inst, err := range instances.New(client).ListIter(context.Background(), opts) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(inst.Name, inst.Status)
	}
	// Output:
	// audit RUNNING
	// payments RUNNING
	// orders RUNNING
}

// Delete starts the deletion of an instance; WaitForDeletion polls until it
// is gone.
func ExampleClient_WaitForDeletion() {
	srv := rocketmqtest.NewServer(rocketmqtest.WithDeleteDelay(20 * time.Millisecond))
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	ic := instances.New(client)

	if err := ic.Delete(ctx, id); err != nil {
		fmt.Println(err)
		return
	}
	err = ic.WaitForDeletion(ctx, id, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = ic.Get(ctx, id)
	fmt.Println("deleted:", rocketmq.IsNotFound(err))
	// Output:
	// deleted: true
}
