// Command consumer-lag reports how far the consumer groups of an instance
// are behind: for every group, every topic it consumes and every queue,
// the broker offset (messages stored), the consumer offset (messages
// consumed), the lag between them and the time of the last consumed
// message (groups.GetConsumption), who consumes it (the group's consumer
// clients, their addresses, versions and subscriptions), then the total lag
// of each group; last it runs a diagnosis on the group with the largest
// lag (package diagnosis) and prints what it found.
//
// Run it from the module root:
//
//	go run ./examples/consumer-lag
//
// Without credentials it runs against the in-process emulator
// (rocketmqtest), on a seeded instance whose groups have consumed part of
// their topics. To report on a real instance, set HUAWEICLOUD_SDK_AK,
// HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION (optionally
// HUAWEICLOUD_SDK_PROJECT_ID) and:
//
//	ROCKETMQ_INSTANCE_ID  the instance to report on (required)
//	ROCKETMQ_GROUP        only this consumer group (optional)
//	ROCKETMQ_DIAGNOSE     "1" to diagnose the group with the largest lag
//	                      (optional; it leaves a diagnosis report behind)
//
// Without ROCKETMQ_DIAGNOSE the example only reads; it changes nothing.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/diagnosis"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// config is what run needs beyond the client.
type config struct {
	// InstanceID is the instance to report on.
	InstanceID string
	// Group limits the report to one consumer group ("": all of them).
	Group string
	// Diagnose runs a diagnosis on the group with the largest lag (it
	// creates a diagnosis report).
	Diagnose bool
}

// envDiagnose is the variable that turns the diagnosis on against the
// real service.
const envDiagnose = "ROCKETMQ_DIAGNOSE"

func main() { exampleenv.Main("consumer-lag", start) }

// start runs the example where exampleenv.Open says; emu are extra emulator
// options (tests shorten the lifecycle delays with them).
func start(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error {
	env, err := exampleenv.Open(out, "consumer-lag", emu...)
	if err != nil {
		return err
	}
	defer env.Close()
	var cfg config
	if env.Emulated() {
		if cfg.InstanceID, err = seed(env.Server); err != nil {
			return err
		}
		cfg.Diagnose = true
	} else {
		v, err := exampleenv.Require(os.Getenv, "reporting consumer lag", exampleenv.EnvInstanceID)
		if err != nil {
			return err
		}
		cfg.InstanceID = v[exampleenv.EnvInstanceID]
		cfg.Group = os.Getenv(exampleenv.EnvGroup)
		cfg.Diagnose = os.Getenv(envDiagnose) == "1"
	}
	return run(ctx, env.Client, out, cfg)
}

// seed gives the emulator an instance with two brokers, two topics and
// three groups, and some traffic after the groups caught up:
//
//	billing  consumes orders and payments, 3 messages behind on each,
//	         then 6 more orders arrive:          lag 9 + 3 = 12
//	         two clients: one takes both topics, the other (stuck in a
//	         deadlock) only orders
//	shipping consumes orders, caught up, then 6 more orders arrive and
//	         it consumes 2 of them:              lag 4
//	         one pop client
//	audit    subscribes to nothing:              lag 0, no client
func seed(srv *rocketmqtest.Server) (string, error) {
	id, err := srv.AddInstance(rocketmqtest.InstanceSeed{
		Name:      "shop",
		BrokerNum: 2,
		Topics: []rocketmqtest.TopicSeed{
			{Name: "orders", QueueNum: 2, Messages: 20},
			{Name: "payments", QueueNum: 2, Messages: 12},
		},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "billing", Topics: []string{"orders", "payments"}, Lag: 3, Clients: []rocketmqtest.ClientSeed{
				{ClientID: "10.0.1.15@4711#billing-1", Address: "10.0.1.15:51234"},
				{ClientID: "10.0.1.16@4712#billing-2", Address: "10.0.1.16:51388", DeadLock: true,
					Subscriptions: []rocketmqtest.SubscriptionSeed{{Topic: "orders", Expression: "TagA||TagC"}}},
			}},
			{Name: "shipping", Topics: []string{"orders"}, Clients: []rocketmqtest.ClientSeed{
				{ClientID: "10.0.2.7@801#shipping-1", Address: "10.0.2.7:40100", Language: "GO", Version: "v5.0.1", ConsumeType: rocketmqtest.ConsumePop},
			}},
			{Name: "audit"},
		},
	})
	if err != nil {
		return "", err
	}
	msgs := make([]rocketmqtest.Message, 6)
	for i := range msgs {
		msgs[i] = rocketmqtest.Message{Body: fmt.Sprintf(`{"order":%d}`, 2000+i), Tags: "TagC", Keys: fmt.Sprintf("OrderID%d", 2000+i)}
	}
	if _, err := srv.Produce(id, "orders", msgs...); err != nil {
		return "", err
	}
	if _, err := srv.Consume(id, "shipping", "orders", 2); err != nil {
		return "", err
	}
	return id, nil
}

// groupTotal is one line of the summary.
type groupTotal struct {
	name           string
	topics, queues int
	lag            int64
}

func run(ctx context.Context, c *rocketmq.Client, out io.Writer, cfg config) error {
	if cfg.InstanceID == "" {
		return errors.New("no instance ID")
	}
	inst, err := instances.New(c).Get(ctx, cfg.InstanceID)
	if err != nil {
		return fmt.Errorf("get instance %s: %w", cfg.InstanceID, err)
	}
	fmt.Fprintf(out, "\nConsumer lag on instance %s (%s), %s.\n", inst.Name, inst.InstanceID, inst.Status)

	gc := groups.New(c)
	var names []string
	if cfg.Group != "" {
		if _, err := gc.Get(ctx, cfg.InstanceID, cfg.Group); err != nil {
			return fmt.Errorf("get consumer group %s: %w", cfg.Group, err)
		}
		names = []string{cfg.Group}
	} else {
		for g, err := range gc.ListIter(ctx, cfg.InstanceID, nil) {
			if err != nil {
				return fmt.Errorf("list consumer groups: %w", err)
			}
			names = append(names, g.Name)
		}
	}
	if len(names) == 0 {
		fmt.Fprintln(out, "\nThe instance has no consumer groups.")
		return nil
	}

	totals := make([]groupTotal, 0, len(names))
	for _, name := range names {
		tot, err := reportGroup(ctx, c, gc, out, cfg.InstanceID, name)
		if err != nil {
			return err
		}
		totals = append(totals, tot)
	}

	fmt.Fprintln(out, "\nTotals per group")
	t := exampleenv.NewTable(out, "GROUP", "TOPICS", "QUEUES", "LAG")
	var all int64
	for _, g := range totals {
		t.Row(g.name, g.topics, g.queues, g.lag)
		all += g.lag
	}
	if err := t.Flush(); err != nil {
		return err
	}
	exampleenv.Printf(out, "Total lag: %d message(s) in %d group(s).", all, len(totals))
	if !cfg.Diagnose {
		return nil
	}
	worst := totals[0]
	for _, g := range totals[1:] {
		if g.lag > worst.lag {
			worst = g
		}
	}
	if worst.lag == 0 {
		fmt.Fprintln(out, "\nNo group lags: nothing to diagnose.")
		return nil
	}
	return diagnose(ctx, c, out, cfg.InstanceID, worst)
}

// reportGroup prints one group's table and returns its totals.
func reportGroup(ctx context.Context, c *rocketmq.Client, gc *groups.Client, out io.Writer, instanceID, group string) (groupTotal, error) {
	tot := groupTotal{name: group}
	var topicNames []string
	for name, err := range gc.ListTopicsIter(ctx, instanceID, group, nil) {
		if err != nil {
			return tot, fmt.Errorf("topics of consumer group %s: %w", group, err)
		}
		topicNames = append(topicNames, name)
	}
	tot.topics = len(topicNames)
	fmt.Fprintf(out, "\nGroup %s: %d topic(s)%s\n", group, len(topicNames), list(topicNames))
	if len(topicNames) == 0 {
		exampleenv.Printf(out, "Subscribes to no topic: nothing to consume.")
		return tot, reportClients(ctx, c, out, instanceID, group)
	}
	t := exampleenv.NewTable(out, "TOPIC", "BROKER", "QUEUE", "BROKER_OFFSET", "CONSUMER_OFFSET", "LAG", "LAST_MESSAGE_TIME")
	for _, topic := range topicNames {
		cons, err := gc.GetConsumption(ctx, instanceID, group, topic)
		if err != nil {
			return tot, fmt.Errorf("consumption of %s on %s: %w", group, topic, err)
		}
		for _, b := range cons.Brokers {
			for _, q := range b.Queues {
				t.Row(topic, b.BrokerName, q.ID, q.BrokerOffset, q.ConsumerOffset, q.Lag, exampleenv.Millis(q.LastMessageTime))
				tot.queues++
			}
		}
		tot.lag += cons.TotalLag()
	}
	if err := t.Flush(); err != nil {
		return tot, err
	}
	exampleenv.Printf(out, "Lag of %s: %d message(s).", group, tot.lag)
	return tot, reportClients(ctx, c, out, instanceID, group)
}

// reportClients prints who consumes a group: groups.ListClientsIter
// follows the pages of the detailed list (ShowConsumerConnections). The
// first page of groups.ListClients also says whether the group is online
// and its subscriptions consistent; the example derives both from the
// clients it listed instead, in one pass: online when a client is
// connected, consistent when every client subscribes to the same topics
// with the same expressions (what RocketMQ checks).
func reportClients(ctx context.Context, c *rocketmq.Client, out io.Writer, instanceID, group string) error {
	var clients []groups.ConsumerClient
	for cl, err := range groups.New(c).ListClientsIter(ctx, instanceID, group, &groups.ListClientsOptions{Detail: true}) {
		if err != nil {
			return fmt.Errorf("clients of consumer group %s: %w", group, err)
		}
		clients = append(clients, cl)
	}
	if len(clients) == 0 {
		fmt.Fprintf(out, "\nConsumers of %s: none connected.\n", group)
		return nil
	}
	consistent := "subscriptions consistent"
	for _, cl := range clients[1:] {
		if subscriptions(cl) != subscriptions(clients[0]) {
			consistent = "subscriptions INCONSISTENT"
			break
		}
	}
	fmt.Fprintf(out, "\nConsumers of %s: %d client(s), online, %s.\n", group, len(clients), consistent)
	t := exampleenv.NewTable(out, "CLIENT_ID", "ADDRESS", "LANGUAGE", "VERSION", "CONSUME_TYPE", "SUBSCRIPTIONS")
	for _, cl := range clients {
		t.Row(cl.ClientID, cl.ClientAddr, cl.Language, cl.Version, cl.ConsumeType, subscriptions(cl))
	}
	return t.Flush()
}

// subscriptions prints a client's subscriptions as topic:expression
// pairs, sorted (so that two clients can be compared by it).
func subscriptions(cl groups.ConsumerClient) string {
	subs := make([]string, 0, len(cl.Subscriptions))
	for _, s := range cl.Subscriptions {
		subs = append(subs, s.Topic+":"+s.Expression)
	}
	slices.Sort(subs)
	return strings.Join(subs, ",")
}

// diagnose runs a diagnosis on a group, waits for its report and prints
// it, with the stack of every deadlocked consumer thread.
func diagnose(ctx context.Context, c *rocketmq.Client, out io.Writer, instanceID string, g groupTotal) error {
	d := diagnosis.New(c)
	created, err := d.Create(ctx, instanceID, &diagnosis.CreateRequest{GroupName: g.name})
	if err != nil {
		return fmt.Errorf("diagnose %s: %w", g.name, err)
	}
	r, err := d.WaitForReport(ctx, created.ReportID, nil)
	if err != nil {
		return fmt.Errorf("diagnose %s: %w", g.name, err)
	}
	fmt.Fprintf(out, "\nDiagnosis of %s (the largest lag, %d message(s)): report %s, %s.\n", g.name, g.lag, r.ReportID, r.Status)
	if err := exampleenv.KV(out,
		"Consumers", r.ConsumerNums,
		"Online", yesNo(r.Online),
		"Message accumulation", r.MessageAccumulation,
		"Subscriptions consistent", yesNo(r.SubscriptionConsistency),
		"Duplicate client IDs", yesNo(r.DuplicateClientID),
		"Mixed consume types", yesNo(r.DifferentConsumerType),
		"Abnormal items", r.AbnormalItemSum,
		"Faulty nodes", r.FaultedNodeSum,
	); err != nil {
		return err
	}
	if len(r.Nodes) == 0 {
		return nil
	}
	fmt.Fprintln(out)
	t := exampleenv.NewTable(out, "NODE", "FAULTY", "ABNORMAL", "ACCUMULATION", "DEADLOCK", "CONSUME_TYPE")
	for _, n := range r.Nodes {
		t.Row(n.NodeID, yesNo(n.IsFaulted), n.AbnormalItemSum, n.MessageAccumulation, exampleenv.OrDash(n.DeadlockThread), n.ConsumeType)
	}
	if err := t.Flush(); err != nil {
		return err
	}
	for _, n := range r.Nodes {
		if !n.DeadLock || n.StackID == "" {
			continue
		}
		st, err := d.GetStack(ctx, n.StackID)
		if err != nil {
			return fmt.Errorf("stack %s of %s: %w", n.StackID, n.NodeID, err)
		}
		fmt.Fprintf(out, "\nStack of %s on %s:\n", st.ThreadName, n.NodeID)
		for _, line := range strings.Split(strings.TrimRight(st.Stack, "\n"), "\n") {
			exampleenv.Printf(out, "%s", line)
		}
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func list(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ")"
}
