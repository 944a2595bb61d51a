// Command instance-lifecycle walks an instance through its whole life:
// create it, wait until it is RUNNING, read it, rename it and change its
// description, list its brokers, find it among the project's instances
// with instances.ListIter, then delete it and wait until it is gone.
//
// Run it from the module root:
//
//	go run ./examples/instance-lifecycle
//
// Without credentials it runs against the in-process emulator
// (rocketmqtest). To use the real service, set HUAWEICLOUD_SDK_AK,
// HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION (optionally
// HUAWEICLOUD_SDK_PROJECT_ID) and the instance's network and flavour:
// ROCKETMQ_VPC_ID, ROCKETMQ_SUBNET_ID, ROCKETMQ_SECURITY_GROUP_ID,
// ROCKETMQ_PRODUCT_ID (e.g. c6.4u8g.cluster) and ROCKETMQ_STORAGE_SPEC_CODE
// (e.g. dms.physical.storage.ultra.v2); optionally ROCKETMQ_AVAILABLE_ZONE,
// ROCKETMQ_ENGINE_VERSION, ROCKETMQ_BROKER_NUM and ROCKETMQ_STORAGE_SPACE.
//
// On the real service the instance is billed while it exists; the example
// deletes it at the end, also when a step fails or on Ctrl-C. It changes no
// other instance: the listing only reads.
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
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// config is what run needs beyond the client.
type config struct {
	// Spec creates the instance; without an availability zone, the
	// region's default zone is used.
	Spec *instances.CreateRequest
	// Wait tunes the waits for RUNNING and for the deletion.
	Wait instances.WaitOptions
	// PageSize is the page size of the listing (0: the SDK's default).
	PageSize int
}

func main() { exampleenv.Main("instance-lifecycle", start) }

// start runs the example where exampleenv.Open says; emu are extra emulator
// options (tests shorten the lifecycle delays with them).
func start(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error {
	env, err := exampleenv.Open(out, "instance-lifecycle", emu...)
	if err != nil {
		return err
	}
	defer env.Close()
	spec, err := exampleenv.InstanceSpec(os.Getenv, env.Emulated(),
		"lifecycle-"+exampleenv.Suffix(), "Created by the rocketmq-go instance-lifecycle example")
	if err != nil {
		return err
	}
	if env.Emulated() {
		if err := seedNeighbours(env.Server); err != nil {
			return err
		}
	}
	return run(ctx, env.Client, out, config{
		Spec:     spec,
		Wait:     instances.WaitOptions{PollInterval: env.PollInterval, Timeout: 30 * time.Minute},
		PageSize: 2,
	})
}

func run(ctx context.Context, c *rocketmq.Client, out io.Writer, cfg config) (err error) {
	if cfg.Spec == nil {
		return errors.New("no instance spec")
	}
	steps := exampleenv.NewSteps(out)
	ic := instances.New(c)

	steps.Next("Create")
	req := *cfg.Spec
	if err := exampleenv.FillZone(ctx, c, &req); err != nil {
		return err
	}
	created, err := ic.Create(ctx, &req)
	if err != nil {
		return fmt.Errorf("create instance %s: %w", req.Name, err)
	}
	id := created.InstanceID
	exampleenv.Printf(out, "Requested %s (%s, %d broker(s), %d GB) in zone %s.", req.Name, req.ProductID, req.BrokerNum, req.StorageSpace, req.AvailableZones[0])
	exampleenv.Printf(out, "Instance ID: %s", id)

	deleted := false
	defer func() {
		if deleted {
			return
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Minute)
		defer cancel()
		fmt.Fprintf(out, "\nStopped early; deleting instance %s.\n", id)
		if derr := deleteAndWait(cctx, ic, id, cfg.Wait); derr != nil {
			err = errors.Join(err, derr)
		}
	}()

	steps.Next("Wait until it is RUNNING")
	began := time.Now()
	inst, err := ic.WaitForStatus(ctx, id, instances.StatusRunning, &cfg.Wait)
	if err != nil {
		return fmt.Errorf("wait for instance %s: %w", id, err)
	}
	exampleenv.Printf(out, "Status %s after %s.", inst.Status, time.Since(began).Round(10*time.Millisecond))

	steps.Next("Get")
	inst, err = ic.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("get instance %s: %w", id, err)
	}
	created0 := "-"
	if t, ok := inst.CreatedTime(); ok {
		created0 = t.Local().Format("2006-01-02 15:04:05")
	}
	if err := exampleenv.KV(out,
		"Name", inst.Name,
		"Description", exampleenv.OrDash(inst.Description),
		"Status", inst.Status,
		"Engine", inst.Engine+" "+inst.EngineVersion,
		"Flavour", inst.ProductID,
		"Specification", exampleenv.OrDash(inst.Specification),
		"Brokers", inst.BrokerNum,
		"Zones", strings.Join(inst.AvailableZones, ", "),
		"VPC", inst.VPCID,
		"Created", created0,
		"Name server", exampleenv.OrDash(inst.NamesrvAddress),
	); err != nil {
		return err
	}

	steps.Next("Update the name and description")
	newName := req.Name + "-renamed"
	newDesc := "Renamed by the instance-lifecycle example"
	if err := ic.Update(ctx, id, &instances.UpdateRequest{Name: newName, Description: rocketmq.String(newDesc)}); err != nil {
		return fmt.Errorf("update instance %s: %w", id, err)
	}
	inst, err = ic.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("get instance %s: %w", id, err)
	}
	if err := exampleenv.KV(out, "Name", inst.Name, "Description", inst.Description); err != nil {
		return err
	}

	steps.Next("List its brokers")
	bl, err := ic.ListBrokers(ctx, id)
	if err != nil {
		return fmt.Errorf("list brokers of %s: %w", id, err)
	}
	t := exampleenv.NewTable(out, "BROKER", "NODE IDS")
	for _, b := range bl.Brokers {
		ids := make([]string, len(b.IDs))
		for i, n := range b.IDs {
			ids[i] = fmt.Sprint(n)
		}
		t.Row(b.BrokerName, exampleenv.OrDash(strings.Join(ids, ",")))
	}
	if err := t.Flush(); err != nil {
		return err
	}

	steps.Next("List the project's instances")
	exampleenv.Printf(out, "instances.ListIter fetches pages of %s as the loop goes; * marks ours.", pageSize(cfg.PageSize))
	t = exampleenv.NewTable(out, "", "NAME", "STATUS", "ID")
	found, total := false, 0
	for in, err := range ic.ListIter(ctx, &instances.ListOptions{Limit: cfg.PageSize}) {
		if err != nil {
			return fmt.Errorf("list instances: %w", err)
		}
		mark := " "
		if in.InstanceID == id {
			mark, found = "*", true
		}
		t.Row(mark, in.Name, in.Status, in.InstanceID)
		total++
	}
	if err := t.Flush(); err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("instance %s is missing from the listing", id)
	}
	exampleenv.Printf(out, "%d instance(s).", total)

	steps.Next("Delete and wait until it is gone")
	deleted = true
	began = time.Now()
	if err := deleteAndWait(ctx, ic, id, cfg.Wait); err != nil {
		return err
	}
	exampleenv.Printf(out, "Instance %s deleted; gone after %s.", id, time.Since(began).Round(10*time.Millisecond))
	if _, err := ic.Get(ctx, id); rocketmq.IsNotFound(err) {
		exampleenv.Printf(out, "Get now answers: not found.")
	} else {
		return fmt.Errorf("get after deletion: want not found, got %v", err)
	}
	return nil
}

// neighbours are instances the emulator starts with, so that the listing
// has something to page through.
var neighbours = []string{"orders-prod", "orders-staging", "payments-prod"}

func seedNeighbours(srv *rocketmqtest.Server) error {
	for _, name := range neighbours {
		if _, err := srv.AddInstance(rocketmqtest.InstanceSeed{Name: name}); err != nil {
			return err
		}
	}
	return nil
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

func pageSize(n int) string {
	if n <= 0 {
		return "the default size"
	}
	return fmt.Sprintf("%d", n)
}
