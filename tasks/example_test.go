package tasks_test

import (
	"context"
	"fmt"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

// Resize answers a job_id: WaitForTask follows it to its end, and
// Progress lists the steps it went through.
func ExampleClient_WaitForTask() {
	srv := rocketmqtest.NewServer(rocketmqtest.WithTaskDelay(30 * time.Millisecond))
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders", BrokerNum: 2, StorageSpace: 600})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	ic, tc := instances.New(client), tasks.New(client)

	job, err := ic.Resize(ctx, id, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 800})
	if err != nil {
		fmt.Println(err)
		return
	}
	task, err := tc.WaitForTask(ctx, id, job.JobID, &tasks.WaitOptions{PollInterval: 5 * time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(task.Name, task.Status)

	p, err := tc.Progress(ctx, id, job.JobID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d%%\n", p.Percentage)
	for _, s := range p.Steps {
		fmt.Println(s.Name, s.Status)
	}

	inst, err := ic.WaitForStatus(ctx, id, instances.StatusRunning, &instances.WaitOptions{PollInterval: 5 * time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inst.TotalStorageSpace, "GB")
	// Output:
	// extendInstance SUCCESS
	// 100%
	// checkInstance COMPLETED
	// extendStorage COMPLETED
	// refreshInstance COMPLETED
	// 800 GB
}

// List an instance's scheduled tasks, then move one and cancel another.
func ExampleClient_ListScheduled() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	at := time.Date(2031, 5, 6, 2, 0, 0, 0, time.UTC)
	restart, _ := srv.AddScheduledTask(id, rocketmqtest.ScheduledTaskSeed{Name: "restartInstance", ScheduleAt: at})
	resize, _ := srv.AddScheduledTask(id, rocketmqtest.ScheduledTaskSeed{Name: "extendInstance", ScheduleAt: at.Add(24 * time.Hour)})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	tc := tasks.New(client)

	list := func() {
		page, err := tc.ListScheduled(ctx, id, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(page.JobCount, "scheduled task(s)")
		for _, j := range page.Jobs {
			fmt.Println(j.Name, j.Status, j.ScheduleAt)
		}
	}
	list()

	// Restart a week later; cancel the resize.
	if err := tc.UpdateScheduled(ctx, id, restart, &tasks.UpdateScheduledRequest{ExecuteAt: at.AddDate(0, 0, 7)}); err != nil {
		fmt.Println(err)
		return
	}
	if err := tc.UpdateScheduled(ctx, id, resize, &tasks.UpdateScheduledRequest{Cancel: true}); err != nil {
		fmt.Println(err)
		return
	}
	list()
	// Output:
	// 2 scheduled task(s)
	// restartInstance CREATED 2031-05-06T02:00:00.000Z
	// extendInstance CREATED 2031-05-07T02:00:00.000Z
	// 2 scheduled task(s)
	// extendInstance CANCELLED 2031-05-07T02:00:00.000Z
	// restartInstance CREATED 2031-05-13T02:00:00.000Z
}
