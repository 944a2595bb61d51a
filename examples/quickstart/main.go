// Command quickstart is a guided tour of the rocketmq-go SDK. In numbered
// steps it lists the availability zones, creates an instance and waits for
// it to be RUNNING, creates two topics, a consumer group and an ACL user
// (whose secret key is never printed), shows the topics' status and the
// group's lag, sends a test message (messages.Send), finds it again by
// its ID and key (messages.Query) and prints its trace (messages.Trace),
// tags the instance, and finally deletes everything it created and waits
// until the instance is gone.
//
// Run it from the module root:
//
//	go run ./examples/quickstart
//
// Without credentials it runs against the in-process emulator
// (rocketmqtest), with simulated traffic, in a few seconds. To use the
// real service, set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and
// HUAWEICLOUD_SDK_REGION (optionally HUAWEICLOUD_SDK_PROJECT_ID), and the
// network and flavour of the instance to create:
//
//	ROCKETMQ_VPC_ID             VPC of the instance
//	ROCKETMQ_SUBNET_ID          subnet (in that VPC)
//	ROCKETMQ_SECURITY_GROUP_ID  security group
//	ROCKETMQ_PRODUCT_ID         flavour, e.g. c6.4u8g.cluster
//	ROCKETMQ_STORAGE_SPEC_CODE  storage, e.g. dms.physical.storage.ultra.v2
//	ROCKETMQ_AVAILABLE_ZONE     optional AZ ID (default: the region's default zone)
//	ROCKETMQ_ENGINE_VERSION     optional, default 4.8.0
//	ROCKETMQ_BROKER_NUM         optional, default 1
//	ROCKETMQ_STORAGE_SPACE      optional, GB, default 300 per broker
//
// On the real service the instance is billed while it exists (creating
// one takes several minutes); the example deletes it at the end, and also
// when a step fails or the run is interrupted with Ctrl-C.
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
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/messages"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tags"
	"github.com/dms-rocketmq/rocketmq-go/topics"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

// The resources the tour creates inside its own instance.
var (
	topicNames = []string{"orders", "payments"}
	groupName  = "billing"
	userName   = "billing-app"
	tourTags   = []tags.Tag{{Key: "env", Value: "demo"}, {Key: "owner", Value: "quickstart"}}
)

// config is what run needs beyond the client.
type config struct {
	// Spec creates the instance. When it names no availability zone, the
	// zone is picked from the listing of step 1.
	Spec *instances.CreateRequest
	// Wait tunes the waits for RUNNING and for the deletion.
	Wait instances.WaitOptions
	// SecretKey is the ACL user's secret key. It is never printed.
	SecretKey string
}

func main() { exampleenv.Main("quickstart", start) }

// start runs the tour where exampleenv.Open says; emu are extra emulator
// options (tests shorten the lifecycle delays with them).
func start(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error {
	env, err := exampleenv.Open(out, "quickstart", append([]rocketmqtest.Option{rocketmqtest.WithSampleTraffic()}, emu...)...)
	if err != nil {
		return err
	}
	defer env.Close()
	spec, err := exampleenv.InstanceSpec(os.Getenv, env.Emulated(),
		"quickstart-"+exampleenv.Suffix(), "Created by the rocketmq-go quickstart example")
	if err != nil {
		return err
	}
	return run(ctx, env.Client, out, config{
		Spec:      spec,
		Wait:      instances.WaitOptions{PollInterval: env.PollInterval, Timeout: 30 * time.Minute},
		SecretKey: exampleenv.NewSecretKey(),
	})
}

// run is the tour. Everything it creates lives in the instance it
// creates, which it deletes before returning, also after an error.
func run(ctx context.Context, c *rocketmq.Client, out io.Writer, cfg config) (err error) {
	if cfg.Spec == nil {
		return errors.New("no instance spec")
	}
	steps := exampleenv.NewSteps(out)
	ic := instances.New(c)

	// 1. Availability zones.
	steps.Next("Availability zones")
	zones, err := azs.New(c).List(ctx)
	if err != nil {
		return fmt.Errorf("list availability zones: %w", err)
	}
	t := exampleenv.NewTable(out, "ID", "NAME", "CODE", "RESOURCES", "DEFAULT")
	for _, z := range zones.AvailableZones {
		res := "available"
		switch {
		case z.SoldOut:
			res = "sold out"
		case !z.HasResources():
			res = "none"
		}
		t.Row(z.ID, z.Name, z.Code, res, yesNo(z.DefaultAZ))
	}
	if err := t.Flush(); err != nil {
		return err
	}
	var want string
	if len(cfg.Spec.AvailableZones) > 0 {
		want = cfg.Spec.AvailableZones[0]
	}
	zone, err := exampleenv.PickZone(zones, want)
	if err != nil {
		return err
	}
	exampleenv.Printf(out, "Using %s (%s).", zone.Name, zone.ID)

	// 2. Create an instance and wait for it.
	steps.Next("Create an instance")
	req := *cfg.Spec
	req.AvailableZones = []string{zone.ID}
	created, err := ic.Create(ctx, &req)
	if err != nil {
		return fmt.Errorf("create instance %s: %w", req.Name, err)
	}
	id := created.InstanceID
	exampleenv.Printf(out, "Requested %s: instance ID %s.", req.Name, id)

	// From here on the instance exists: delete it whatever happens. The
	// clean-up step sets done; after an error or an interrupt this
	// deletes the instance, with a context that outlives ctx.
	done := false
	defer func() {
		if done {
			return
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Minute)
		defer cancel()
		fmt.Fprintf(out, "\nThe tour stopped early; deleting instance %s.\n", id)
		if derr := deleteInstance(cctx, ic, id, cfg.Wait); derr != nil {
			err = errors.Join(err, derr)
		}
	}()

	exampleenv.Printf(out, "Waiting for it to be RUNNING (checking every %s)...", cfg.Wait.PollInterval)
	began := time.Now()
	inst, err := ic.WaitForStatus(ctx, id, instances.StatusRunning, &cfg.Wait)
	if err != nil {
		return fmt.Errorf("wait for instance %s: %w", id, err)
	}
	exampleenv.Printf(out, "Status %s after %s.", inst.Status, since(began))
	if err := exampleenv.KV(out,
		"Name", inst.Name,
		"ID", inst.InstanceID,
		"Engine", inst.Engine+" "+inst.EngineVersion,
		"Flavour", inst.ProductID,
		"Brokers", inst.BrokerNum,
		"Storage", storage(inst),
		"ACL", onOff(inst.EnableACL),
		"Name server", exampleenv.OrDash(inst.NamesrvAddress),
	); err != nil {
		return err
	}

	// 3. Two topics and a consumer group, on every broker.
	steps.Next("Create two topics and a consumer group")
	bl, err := ic.ListBrokers(ctx, id)
	if err != nil {
		return fmt.Errorf("list brokers: %w", err)
	}
	brokers := make([]string, 0, len(bl.Brokers))
	for _, b := range bl.Brokers {
		brokers = append(brokers, b.BrokerName)
	}
	tc, gc := topics.New(c), groups.New(c)
	for _, name := range topicNames {
		if _, err := tc.Create(ctx, id, &topics.CreateRequest{
			Name:       name,
			Brokers:    brokers,
			QueueNum:   rocketmq.Int(4),
			Permission: topics.PermissionAll,
		}); err != nil {
			return fmt.Errorf("create topic %s: %w", name, err)
		}
		on := "on"
		if len(brokers) > 1 {
			on = "on each of"
		}
		exampleenv.Printf(out, "Topic %-9s created: 4 queues %s %s.", name, on, strings.Join(brokers, ", "))
	}
	if _, err := gc.Create(ctx, id, &groups.CreateRequest{
		Name:         groupName,
		Brokers:      brokers,
		RetryMaxTime: rocketmq.Int(16),
	}); err != nil {
		return fmt.Errorf("create consumer group %s: %w", groupName, err)
	}
	exampleenv.Printf(out, "Group %-9s created: up to 16 retries before a message is a dead letter.", groupName)

	// 4. An ACL user. Its secret key goes to the service and nowhere else.
	steps.Next("Create an ACL user")
	uc := users.New(c)
	u, err := uc.Create(ctx, id, &users.User{
		AccessKey:        userName,
		SecretKey:        cfg.SecretKey,
		Admin:            rocketmq.Bool(false),
		DefaultTopicPerm: users.PermDeny,
		DefaultGroupPerm: users.PermDeny,
		TopicPerms: []users.Permission{
			{Name: "orders", Perm: users.PermSub},
			{Name: "payments", Perm: users.PermPubSub},
		},
		GroupPerms: []users.Permission{{Name: groupName, Perm: users.PermSub}},
	})
	if err != nil {
		return fmt.Errorf("create user %s: %w", userName, err)
	}
	if err := exampleenv.KV(out,
		"Access key", u.AccessKey,
		"Secret key", "(generated locally and not shown)",
		"Default perms", "topics "+u.DefaultTopicPerm+", groups "+u.DefaultGroupPerm,
		"Topic perms", perms(u.TopicPerms),
		"Group perms", perms(u.GroupPerms),
	); err != nil {
		return err
	}

	// 5. What the topics hold and how far the group is behind.
	steps.Next("Topic status and consumer lag")
	t = exampleenv.NewTable(out, "TOPIC", "QUEUES", "MESSAGES", "LAST MESSAGE")
	for _, name := range topicNames {
		st, err := tc.GetStatus(ctx, id, name)
		if err != nil {
			return fmt.Errorf("topic %s status: %w", name, err)
		}
		queues, last := 0, int64(0)
		for _, b := range st.Brokers {
			for _, q := range b.Queues {
				queues++
				last = max(last, q.LastMessageTime)
			}
		}
		t.Row(name, queues, st.TotalMessages(), exampleenv.Millis(last))
	}
	if err := t.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out)
	t = exampleenv.NewTable(out, "GROUP", "TOPIC", "BROKER OFFSET", "CONSUMER OFFSET", "LAG")
	for _, name := range topicNames {
		cons, err := gc.GetConsumption(ctx, id, groupName, name)
		if err != nil {
			return fmt.Errorf("consumption of %s on %s: %w", groupName, name, err)
		}
		var brokerOff, consumerOff int64
		for _, b := range cons.Brokers {
			for _, q := range b.Queues {
				brokerOff += q.BrokerOffset
				consumerOff += q.ConsumerOffset
			}
		}
		t.Row(groupName, name, brokerOff, consumerOff, cons.TotalLag())
	}
	if err := t.Flush(); err != nil {
		return err
	}

	// 6. A test message: send it, find it, follow its trace.
	steps.Next("Send a test message, query it and trace it")
	if err := sendAndTrace(ctx, c, out, id); err != nil {
		return err
	}

	// 7. Tags.
	steps.Next("Tag the instance")
	tg := tags.New(c)
	if err := tg.Create(ctx, id, tourTags); err != nil {
		return fmt.Errorf("tag instance: %w", err)
	}
	tl, err := tg.List(ctx, id)
	if err != nil {
		return fmt.Errorf("list tags: %w", err)
	}
	t = exampleenv.NewTable(out, "KEY", "VALUE")
	for _, tag := range tl.Tags {
		t.Row(tag.Key, tag.Value)
	}
	if err := t.Flush(); err != nil {
		return err
	}

	// 8. Clean up, innermost first.
	steps.Next("Clean up")
	if err := tg.Delete(ctx, id, tourTags); err != nil {
		return fmt.Errorf("remove tags: %w", err)
	}
	exampleenv.Printf(out, "Removed %d tags.", len(tourTags))
	if err := uc.Delete(ctx, id, userName); err != nil {
		return fmt.Errorf("delete user %s: %w", userName, err)
	}
	exampleenv.Printf(out, "Deleted user %s.", userName)
	if err := gc.Delete(ctx, id, groupName); err != nil {
		return fmt.Errorf("delete group %s: %w", groupName, err)
	}
	exampleenv.Printf(out, "Deleted group %s.", groupName)
	for _, name := range topicNames {
		if err := tc.Delete(ctx, id, name); err != nil {
			return fmt.Errorf("delete topic %s: %w", name, err)
		}
		exampleenv.Printf(out, "Deleted topic %s.", name)
	}
	done = true
	if err := deleteInstance(ctx, ic, id, cfg.Wait); err != nil {
		return err
	}
	exampleenv.Printf(out, "Deleted instance %s; it is gone.", id)

	fmt.Fprintln(out, "\nDone: everything the tour created has been deleted.")
	return nil
}

// The test message of step 6.
const (
	sendTopic = "orders"
	sendKey   = "order-1001"
	sendTag   = "created"
	sendBody  = `{"order":1001,"total":"42.00"}`
)

// sendAndTrace sends a test message (messages.Send, no RocketMQ client
// needed), finds it by its ID and by its key (messages.Query) and prints
// its trace (messages.Trace, every page of it).
func sendAndTrace(ctx context.Context, c *rocketmq.Client, out io.Writer, id string) error {
	mc := messages.New(c)
	sent, err := mc.Send(ctx, id, &messages.SendRequest{
		Topic: sendTopic, Body: sendBody,
		PropertyList: []messages.Property{{Name: "KEYS", Value: sendKey}, {Name: "TAGS", Value: sendTag}},
	})
	if err != nil {
		return fmt.Errorf("send a message to %s: %w", sendTopic, err)
	}
	exampleenv.Printf(out, "Sent a message to %s.", sendTopic)
	if err := exampleenv.KV(out,
		"Message ID", sent.MsgID,
		"Stored on", fmt.Sprintf("%s, queue %d, offset %d", sent.BrokerName, sent.QueueID, sent.QueueOffset),
	); err != nil {
		return err
	}

	byID, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: sendTopic, MsgID: sent.MsgID})
	if err != nil {
		return fmt.Errorf("query message %s: %w", sent.MsgID, err)
	}
	// By key, within the last hour of store time.
	now := time.Now()
	byKey, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: sendTopic, Key: sendKey, StartTime: now.Add(-time.Hour), EndTime: now.Add(time.Minute)})
	if err != nil {
		return fmt.Errorf("query messages with key %s: %w", sendKey, err)
	}
	fmt.Fprintln(out)
	if len(byID.Messages) == 0 {
		// The real service indexes a message within moments of storing
		// it; a query right after the send may miss it.
		exampleenv.Printf(out, "Not found by ID yet (%d message(s) with key %s); the service may still be indexing it.", byKey.Total, sendKey)
	} else {
		m := byID.Messages[0]
		exampleenv.Printf(out, "Found by ID and by key %s (%d message(s)):", sendKey, byKey.Total)
		if err := exampleenv.KV(out,
			"Body", m.Body,
			"Stored at", exampleenv.Millis(m.StoreTimestamp),
			"Size", fmt.Sprintf("%d bytes", m.StoreSize),
			"Properties", properties(m.PropertyList),
		); err != nil {
			return err
		}
	}

	trace, err := mc.Trace(ctx, id, sent.MsgID)
	if err != nil {
		return fmt.Errorf("trace message %s: %w", sent.MsgID, err)
	}
	fmt.Fprintln(out)
	if len(trace) == 0 {
		exampleenv.Printf(out, "No trace records yet (message tracing may be off).")
		return nil
	}
	t := exampleenv.NewTable(out, "TRACE", "GROUP/PRODUCER", "SUCCESS", "COST (ms)", "TIME")
	for _, tr := range trace {
		t.Row(tr.TraceType, exampleenv.OrDash(tr.GroupName), yesNo(tr.Success), tr.CostTime, exampleenv.Millis(tr.Timestamp))
	}
	return t.Flush()
}

// properties prints a message's properties as name=value pairs, the
// ones RocketMQ sets itself included.
func properties(ps []messages.Property) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		parts = append(parts, p.Name+"="+p.Value)
	}
	return exampleenv.OrDash(strings.Join(parts, ", "))
}

// deleteInstance deletes an instance and waits until it is gone.
func deleteInstance(ctx context.Context, ic *instances.Client, id string, wait instances.WaitOptions) error {
	if err := ic.Delete(ctx, id); err != nil && !rocketmq.IsNotFound(err) {
		return fmt.Errorf("delete instance %s: %w", id, err)
	}
	if err := ic.WaitForDeletion(ctx, id, &wait); err != nil {
		return fmt.Errorf("wait for the deletion of instance %s: %w", id, err)
	}
	return nil
}

// storage describes an instance's disk: the service reports the usable
// part of the space bought as storage_space.
func storage(inst *instances.Instance) string {
	if inst.TotalStorageSpace > inst.StorageSpace {
		return fmt.Sprintf("%d GB usable of %d GB (%s)", inst.StorageSpace, inst.TotalStorageSpace, inst.StorageSpecCode)
	}
	return fmt.Sprintf("%d GB (%s)", inst.StorageSpace, inst.StorageSpecCode)
}

func perms(ps []users.Permission) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		parts = append(parts, p.Name+"="+p.Perm)
	}
	return exampleenv.OrDash(strings.Join(parts, ", "))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func onOff(b bool) string {
	if b {
		return "enabled"
	}
	return "disabled"
}

func since(t time.Time) time.Duration {
	return time.Since(t).Round(10 * time.Millisecond)
}
