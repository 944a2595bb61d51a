package instances_test

import (
	"context"
	"fmt"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

// Check that an instance can be resized, see which flavours it could move
// to, then add a broker; the instance is EXTENDING while the resize task
// runs (300ms here; tens of minutes in the cloud).
func ExampleClient_Resize() {
	srv := rocketmqtest.NewServer(rocketmqtest.WithTaskDelay(time.Second)) // long enough to see EXTENDING
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders", ProductID: "c6.8u16g.cluster", BrokerNum: 1, StorageSpace: 300})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	ic := instances.New(client)

	check, err := ic.CheckResize(ctx, id)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("pre-check passed:", check.Success)
	targets, err := ic.ListResizeProducts(ctx, id, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range targets.Products {
		fmt.Println("could change to", p.ProductID)
	}

	job, err := ic.Resize(ctx, id, &instances.ResizeRequest{OperType: instances.ResizeHorizontal, NewBrokerNum: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	inst, err := ic.Get(ctx, id)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inst.Status, inst.BrokerNum, "broker(s)")

	if _, err := tasks.New(client).WaitForTask(ctx, id, job.JobID, &tasks.WaitOptions{PollInterval: 5 * time.Millisecond}); err != nil {
		fmt.Println(err)
		return
	}
	inst, err = ic.WaitForStatus(ctx, id, instances.StatusRunning, &instances.WaitOptions{PollInterval: 5 * time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inst.Status, inst.BrokerNum, "broker(s),", inst.TotalStorageSpace, "GB")
	// Output:
	// pre-check passed: true
	// could change to c6.12u24g.cluster
	// could change to c6.16u32g.cluster
	// EXTENDING 1 broker(s)
	// RUNNING 2 broker(s), 600 GB
}

// With the recycle bin on, a deleted instance goes to the recycle bin,
// from where Restore brings it back.
func ExampleClient_ListRecycleBin() {
	srv := rocketmqtest.NewServer(rocketmqtest.WithDeleteDelay(10*time.Millisecond), rocketmqtest.WithTaskDelay(10*time.Millisecond))
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	ic := instances.New(client)
	wait := &instances.WaitOptions{PollInterval: 5 * time.Millisecond}

	if _, err := ic.UpdateRecyclePolicy(ctx, &instances.RecyclePolicy{RetentionDays: 3, DefaultUseRecycle: rocketmq.Bool(true)}); err != nil {
		fmt.Println(err)
		return
	}
	if err := ic.Delete(ctx, id); err != nil {
		fmt.Println(err)
		return
	}
	if err := ic.WaitForDeletion(ctx, id, wait); err != nil {
		fmt.Println(err)
		return
	}

	bin, err := ic.ListRecycleBin(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("recycle bin on:", bin.DefaultUseRecycle, "for", bin.RetentionDays, "days")
	for _, r := range bin.Instances {
		fmt.Println(r.Name, r.Status, "kept", r.SaveTime, "days")
	}

	res, err := ic.Restore(ctx, []string{id})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := tasks.New(client).WaitForTask(ctx, id, res.Results[0].JobID, &tasks.WaitOptions{PollInterval: 5 * time.Millisecond}); err != nil {
		fmt.Println(err)
		return
	}
	inst, err := ic.WaitForStatus(ctx, id, instances.StatusRunning, wait)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inst.Name, inst.Status)
	// Output:
	// recycle bin on: true for 3 days
	// orders FROZEN kept 3 days
	// orders RUNNING
}
