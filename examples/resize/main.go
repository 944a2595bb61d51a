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
// It uses the typed operations of the service's current API:
// products.ListIter (the flavours), instances.CheckResize,
// instances.ListResizeProducts and instances.Resize, and tasks.Progress and
// tasks.WaitForTask to follow the job_id the resize answers.
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
	"os"
	"strings"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/products"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
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

func main() { exampleenv.Main("resize", start) }

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

func run(ctx context.Context, c *rocketmq.Client, out io.Writer, cfg config) (err error) {
	if cfg.Spec == nil {
		return errors.New("no instance spec")
	}
	steps := exampleenv.NewSteps(out)
	ic, tc := instances.New(c), tasks.New(c)
	req := *cfg.Spec

	steps.Next("List the flavours")
	flavours, err := listProducts(ctx, products.New(c), req.EngineVersion)
	if err != nil {
		return err
	}
	t := exampleenv.NewTable(out, "PRODUCT", "TYPE", "BROKERS", "GB/BROKER")
	var chosen *products.Product
	for i, p := range flavours {
		pp := p.Properties
		t.Row(p.ProductID, p.Type, fmt.Sprintf("%d-%d", pp.MinBroker, pp.MaxBroker),
			fmt.Sprintf("%d-%d", pp.MinStoragePerNode, pp.MaxStoragePerNode))
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
	if least := chosen.Properties.MinStoragePerNode * int64(req.BrokerNum); req.StorageSpace < least {
		req.StorageSpace = least
	}
	exampleenv.Printf(out, "%d flavour(s) for RocketMQ %s; using %s.", len(flavours), req.EngineVersion, chosen.ProductID)

	steps.Next("Create an instance with it")
	if err := exampleenv.FillZone(ctx, c, &req); err != nil {
		return err
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
	check, err := ic.CheckResize(ctx, id)
	if err != nil {
		return fmt.Errorf("pre-check the resize of %s: %w", id, err)
	}
	if err := exampleenv.KV(out, "Check", check.Name, "Passed", check.Success, "Risk", exampleenv.OrDash(check.Risk)); err != nil {
		return err
	}
	if !check.Success {
		return fmt.Errorf("instance %s cannot be resized now: %s", id, check.Reason)
	}
	targets, err := ic.ListResizeProducts(ctx, id, &instances.ListResizeProductsOptions{Limit: instances.MaxListLimit})
	if err != nil {
		return fmt.Errorf("list the resize targets of %s: %w", id, err)
	}
	names := make([]string, 0, len(targets.Products))
	for _, p := range targets.Products {
		names = append(names, p.ProductID)
	}
	exampleenv.Printf(out, "It could also change to: %s.", orNone(names))

	steps.Next("Grow the storage by 100 GB per broker")
	newSize := inst.TotalStorageSpace + int64(100*inst.BrokerNum)
	job, err := ic.Resize(ctx, id, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: newSize})
	if err != nil {
		return fmt.Errorf("resize instance %s: %w", id, err)
	}
	exampleenv.Printf(out, "Resize to %d GB requested; task %s.", newSize, job.JobID)

	steps.Next("Follow the task to its end")
	first, err := progressLine(ctx, tc, id, job.JobID)
	if err != nil {
		return err
	}
	exampleenv.Printf(out, "%s", first)
	final, err := tc.WaitForTask(ctx, id, job.JobID, &tasks.WaitOptions{PollInterval: cfg.Wait.PollInterval, Timeout: cfg.Wait.Timeout})
	if err != nil {
		return fmt.Errorf("follow the resize task: %w", err)
	}
	if last, err := progressLine(ctx, tc, id, job.JobID); err != nil {
		return err
	} else if last != first {
		exampleenv.Printf(out, "%s", last)
	}
	exampleenv.Printf(out, "Task %s: %s (started %s, ended %s).", final.Name, final.Status, exampleenv.OrDash(final.CreatedAt), exampleenv.OrDash(final.UpdatedAt))

	inst, err = ic.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("get instance %s: %w", id, err)
	}
	if inst.Status != instances.StatusRunning {
		// The task is done; the instance may still be finishing.
		if inst, err = ic.WaitForStatus(ctx, id, instances.StatusRunning, &cfg.Wait); err != nil {
			return fmt.Errorf("wait for instance %s: %w", id, err)
		}
	}
	exampleenv.Printf(out, "Instance %s is %s with %d GB (%d resize(s)).", id, inst.Status, inst.TotalStorageSpace, inst.ExtendTimes)
	if inst.TotalStorageSpace != newSize {
		return fmt.Errorf("instance %s has %d GB after the resize, want %d", id, inst.TotalStorageSpace, newSize)
	}
	return nil
}

// listProducts returns every flavour of the engine version (ListIter pages
// through the catalogue).
func listProducts(ctx context.Context, pc *products.Client, version string) ([]products.Product, error) {
	var all []products.Product
	for p, err := range pc.ListIter(ctx, nil) {
		if err != nil {
			return nil, fmt.Errorf("list the products: %w", err)
		}
		if v := p.Properties.EngineVersions; v == version || v == "" {
			all = append(all, p)
		}
	}
	return all, nil
}

// progressLine describes the task's progress: the percentage, the
// current step and the steps done.
func progressLine(ctx context.Context, tc *tasks.Client, id, taskID string) (string, error) {
	p, err := tc.Progress(ctx, id, taskID)
	if err != nil {
		return "", fmt.Errorf("get the progress of task %s: %w", taskID, err)
	}
	step := "all steps completed"
	var done []string
	for _, s := range p.Steps {
		if s.Status != tasks.StepCompleted {
			step = s.Name + " " + s.Status
			break
		}
		done = append(done, s.Name)
	}
	line := fmt.Sprintf("%3d%%  %s", p.Percentage, step)
	if len(done) > 0 && step != "all steps completed" {
		line += " (done: " + strings.Join(done, ", ") + ")"
	}
	return line, nil
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
