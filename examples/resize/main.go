// Command resize lists the RocketMQ flavours, creates an instance with one
// of them, checks that it can be resized, grows its storage and follows the
// resize task to its end, then deletes the instance.
//
// Run it from the module root:
//
//	go run ./examples/resize
//
// Without credentials it runs against the in-process emulator
// (rocketmqtest), whose resize task takes a couple of seconds. To use the
// real service, set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and
// HUAWEICLOUD_SDK_REGION (optionally HUAWEICLOUD_SDK_PROJECT_ID) and the
// instance's network and flavour: ROCKETMQ_VPC_ID, ROCKETMQ_SUBNET_ID,
// ROCKETMQ_SECURITY_GROUP_ID, ROCKETMQ_PRODUCT_ID (one of the flavours the
// first step lists, e.g. c6.4u8g.cluster) and ROCKETMQ_STORAGE_SPEC_CODE
// (e.g. dms.physical.storage.ultra.v2); optionally ROCKETMQ_AVAILABLE_ZONE,
// ROCKETMQ_ENGINE_VERSION, ROCKETMQ_BROKER_NUM and ROCKETMQ_STORAGE_SPACE.
//
// The products, resize and task operations are called with
// rocketmq.Client.Do, the SDK's raw request: each call names the method and
// path of the service's current API.
//
// On the real service the instance is billed while it exists (the resize
// adds 100 GB per broker to the bill); the example deletes it at the end,
// also when a step fails or on Ctrl-C. It changes no other instance.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// EmulatedTaskDelay is how long the emulator's resize task runs when the
// example runs with go run: long enough to see its steps advance.
const EmulatedTaskDelay = 2 * time.Second

// config is what run needs beyond the client.
type config struct {
	// Spec creates the instance; its ProductID must be a listed flavour,
	// and its storage is raised to the flavour's minimum when lower.
	// Without an availability zone, the region's default zone is used.
	Spec *instances.CreateRequest
	// Wait tunes the waits for RUNNING, for the task and for the deletion.
	Wait instances.WaitOptions
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := start(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "resize:", err)
		os.Exit(1)
	}
}

// start runs the example where exampleenv.Open says; emu are extra emulator
// options (tests shorten the delays with them).
func start(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error {
	env, err := exampleenv.Open(out, "resize", append([]rocketmqtest.Option{rocketmqtest.WithTaskDelay(EmulatedTaskDelay)}, emu...)...)
	if err != nil {
		return err
	}
	defer env.Close()
	spec, err := exampleenv.InstanceSpec(os.Getenv, env.Emulated(),
		"resize-"+exampleenv.Suffix(), "Created by the rocketmq-go resize example")
	if err != nil {
		return err
	}
	return run(ctx, env.Client, out, config{
		Spec: spec,
		Wait: instances.WaitOptions{PollInterval: env.PollInterval, Timeout: 60 * time.Minute},
	})
}

// product is an entry of GET /v2/{engine}/products and of the resize
// targets; the properties are strings on the wire.
type product struct {
	Type       string `json:"type"`
	ProductID  string `json:"product_id"`
	Properties struct {
		EngineVersions    string `json:"engine_versions"`
		MinBroker         string `json:"min_broker"`
		MaxBroker         string `json:"max_broker"`
		MinStoragePerNode string `json:"min_storage_per_node"`
		MaxStoragePerNode string `json:"max_storage_per_node"`
	} `json:"properties"`
}

type productList struct {
	Total    int64     `json:"total"`
	Products []product `json:"products"`
}

type task struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Status    string `json:"status"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

type progress struct {
	Percentage int `json:"progress_percentage"`
	RemainTime int `json:"remain_time"`
	Steps      []struct {
		Name   string `json:"name"`
		Status string `json:"statue"` // sic: the service spells it so
	} `json:"step_list"`
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func run(ctx context.Context, c *rocketmq.Client, out io.Writer, cfg config) (err error) {
	if cfg.Spec == nil {
		return errors.New("no instance spec")
	}
	steps := exampleenv.NewSteps(out)
	ic := instances.New(c)
	req := *cfg.Spec

	steps.Next("List the flavours")
	flavours, err := listProducts(ctx, c, req.EngineVersion)
	if err != nil {
		return err
	}
	t := exampleenv.NewTable(out, "PRODUCT", "TYPE", "BROKERS", "GB/BROKER")
	var chosen *product
	for i, p := range flavours {
		t.Row(p.ProductID, p.Type, p.Properties.MinBroker+"-"+p.Properties.MaxBroker,
			p.Properties.MinStoragePerNode+"-"+p.Properties.MaxStoragePerNode)
		if p.ProductID == req.ProductID {
			chosen = &flavours[i]
		}
	}
	if err := t.Flush(); err != nil {
		return err
	}
	if chosen == nil {
		return fmt.Errorf("flavour %s is not offered for RocketMQ %s", req.ProductID, req.EngineVersion)
	}
	if least := int64(atoi(chosen.Properties.MinStoragePerNode) * req.BrokerNum); req.StorageSpace < least {
		req.StorageSpace = least
	}
	exampleenv.Printf(out, "%d flavour(s) for RocketMQ %s; using %s.", len(flavours), req.EngineVersion, chosen.ProductID)

	steps.Next("Create an instance with it")
	if len(req.AvailableZones) == 0 {
		zones, err := azs.New(c).List(ctx)
		if err != nil {
			return fmt.Errorf("list availability zones: %w", err)
		}
		zone, err := exampleenv.PickZone(zones, "")
		if err != nil {
			return err
		}
		req.AvailableZones = []string{zone.ID}
	}
	created, err := ic.Create(ctx, &req)
	if err != nil {
		return fmt.Errorf("create instance %s: %w", req.Name, err)
	}
	id := created.InstanceID
	exampleenv.Printf(out, "Requested %s (%s, %d broker(s), %d GB); instance ID %s.", req.Name, req.ProductID, req.BrokerNum, req.StorageSpace, id)
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Minute)
		defer cancel()
		if err != nil {
			fmt.Fprintf(out, "\nStopped early; deleting instance %s.\n", id)
		} else {
			steps.Next("Delete the instance")
		}
		if derr := deleteAndWait(cctx, ic, id, cfg.Wait); derr != nil {
			err = errors.Join(err, derr)
		} else if err == nil {
			exampleenv.Printf(out, "Instance %s deleted.", id)
		}
	}()
	inst, err := ic.WaitForStatus(ctx, id, instances.StatusRunning, &cfg.Wait)
	if err != nil {
		return fmt.Errorf("wait for instance %s: %w", id, err)
	}
	exampleenv.Printf(out, "Status %s, %d GB.", inst.Status, inst.TotalStorageSpace)

	steps.Next("Check that it can be resized")
	var check struct {
		Name    string `json:"name"`
		Success bool   `json:"success"`
		Reason  string `json:"reason"`
		Risk    string `json:"risk"`
	}
	if _, err := c.Do(ctx, &rocketmq.Request{
		Path:       "/v2/{project_id}/rocketmq/instances/{instance_id}/extend-check",
		PathParams: map[string]string{"instance_id": id},
		Action:     "dms:instance:get",
	}, &check); err != nil {
		return fmt.Errorf("pre-check the resize of %s: %w", id, err)
	}
	if err := exampleenv.KV(out, "Check", check.Name, "Passed", check.Success, "Risk", exampleenv.OrDash(check.Risk)); err != nil {
		return err
	}
	if !check.Success {
		return fmt.Errorf("instance %s cannot be resized now: %s", id, check.Reason)
	}
	var targets productList
	if _, err := c.Do(ctx, &rocketmq.Request{
		Path:       "/v2/{engine}/{project_id}/instances/{instance_id}/extend",
		PathParams: map[string]string{"instance_id": id},
		Query:      map[string]string{"limit": "50"},
		Action:     "dms:instance:get",
	}, &targets); err != nil {
		return fmt.Errorf("list the resize targets of %s: %w", id, err)
	}
	names := make([]string, 0, len(targets.Products))
	for _, p := range targets.Products {
		names = append(names, p.ProductID)
	}
	exampleenv.Printf(out, "It could also change to: %s.", orNone(names))

	steps.Next("Grow the storage by 100 GB per broker")
	newSize := inst.TotalStorageSpace + int64(100*inst.BrokerNum)
	var job struct {
		JobID string `json:"job_id"`
	}
	if _, err := c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       "/v2/{engine}/{project_id}/instances/{instance_id}/extend",
		PathParams: map[string]string{"instance_id": id},
		Body:       map[string]any{"oper_type": "storage", "new_storage_space": newSize},
		Action:     "dms:instance:modify",
	}, &job); err != nil {
		return fmt.Errorf("resize instance %s: %w", id, err)
	}
	exampleenv.Printf(out, "Resize to %d GB requested; task %s.", newSize, job.JobID)

	steps.Next("Follow the task to its end")
	final, err := follow(ctx, c, out, id, job.JobID, cfg.Wait)
	if err != nil {
		return err
	}
	if final.Status != "SUCCESS" {
		return fmt.Errorf("resize task %s ended %s", job.JobID, final.Status)
	}
	exampleenv.Printf(out, "Task %s: %s (started %s, ended %s).", final.Name, final.Status, exampleenv.OrDash(final.CreatedAt), exampleenv.OrDash(final.UpdatedAt))
	inst, err = ic.WaitForStatus(ctx, id, instances.StatusRunning, &cfg.Wait)
	if err != nil {
		return fmt.Errorf("wait for instance %s: %w", id, err)
	}
	exampleenv.Printf(out, "Instance %s is %s with %d GB.", id, inst.Status, inst.TotalStorageSpace)
	if inst.TotalStorageSpace != newSize {
		return fmt.Errorf("instance %s has %d GB after the resize, want %d", id, inst.TotalStorageSpace, newSize)
	}
	return nil
}

// listProducts returns every flavour of the engine version, paging with
// limit/offset.
func listProducts(ctx context.Context, c *rocketmq.Client, version string) ([]product, error) {
	var all []product
	for offset := 0; ; {
		var page productList
		if _, err := c.Do(ctx, &rocketmq.Request{
			Path:   "/v2/{engine}/products",
			Query:  map[string]string{"limit": "50", "offset": strconv.Itoa(offset)},
			Action: "dms:instance:get",
		}, &page); err != nil {
			return nil, fmt.Errorf("list the products: %w", err)
		}
		for _, p := range page.Products {
			if p.Properties.EngineVersions == version || p.Properties.EngineVersions == "" {
				all = append(all, p)
			}
		}
		offset += len(page.Products)
		if len(page.Products) == 0 || int64(offset) >= page.Total {
			return all, nil
		}
	}
}

// follow polls the task and its progress until it is no longer running,
// printing the progress whenever the current step changes.
func follow(ctx context.Context, c *rocketmq.Client, out io.Writer, id, taskID string, wait instances.WaitOptions) (task, error) {
	if wait.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, wait.Timeout)
		defer cancel()
	}
	params := map[string]string{"instance_id": id, "task_id": taskID}
	last := ""
	for {
		var tl struct {
			Tasks []task `json:"tasks"`
		}
		if _, err := c.Do(ctx, &rocketmq.Request{Path: "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}", PathParams: params, Action: "dms:instance:get"}, &tl); err != nil {
			return task{}, fmt.Errorf("get task %s: %w", taskID, err)
		}
		if len(tl.Tasks) == 0 {
			return task{}, fmt.Errorf("task %s of instance %s not found", taskID, id)
		}
		var pr progress
		if _, err := c.Do(ctx, &rocketmq.Request{Path: "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress", PathParams: params, Action: "dms:instance:get"}, &pr); err != nil {
			return task{}, fmt.Errorf("get the progress of task %s: %w", taskID, err)
		}
		step := "all steps completed"
		for _, s := range pr.Steps {
			if s.Status != "COMPLETED" {
				step = s.Name + " " + s.Status
				break
			}
		}
		if step != last {
			exampleenv.Printf(out, "%3d%%  %s", pr.Percentage, step)
			last = step
		}
		if st := tl.Tasks[0].Status; st != "EXECUTING" && st != "CREATED" {
			return tl.Tasks[0], nil
		}
		select {
		case <-ctx.Done():
			return task{}, fmt.Errorf("follow task %s: %w", taskID, ctx.Err())
		case <-time.After(wait.PollInterval):
		}
	}
}

func deleteAndWait(ctx context.Context, ic *instances.Client, id string, wait instances.WaitOptions) error {
	if err := ic.Delete(ctx, id); err != nil && !rocketmq.IsNotFound(err) {
		return fmt.Errorf("delete instance %s: %w", id, err)
	}
	if err := ic.WaitForDeletion(ctx, id, &wait); err != nil {
		return fmt.Errorf("wait for the deletion of instance %s: %w", id, err)
	}
	return nil
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	s := names[0]
	for _, n := range names[1:] {
		s += ", " + n
	}
	return s
}
