// Command consumer-lag reports how far the consumer groups of an instance
// are behind: for every group, every topic it consumes and every queue,
// the broker offset (messages stored), the consumer offset (messages
// consumed), the lag between them and the time of the last consumed
// message (groups.GetConsumption), then the total lag of each group.
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
//
// The example only reads; it changes nothing.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
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
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := start(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "consumer-lag:", err)
		os.Exit(1)
	}
}

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
	} else {
		v, err := exampleenv.Require(os.Getenv, "reporting consumer lag", exampleenv.EnvInstanceID)
		if err != nil {
			return err
		}
		cfg.InstanceID = v[exampleenv.EnvInstanceID]
		cfg.Group = os.Getenv(exampleenv.EnvGroup)
	}
	return run(ctx, env.Client, out, cfg)
}

// seed gives the emulator an instance with two brokers, two topics and
// three groups, and some traffic after the groups caught up:
//
//	billing  consumes orders and payments, 3 messages behind on each,
//	         then 6 more orders arrive:          lag 9 + 3 = 12
//	shipping consumes orders, caught up, then 6 more orders arrive and
//	         it consumes 2 of them:              lag 4
//	audit    subscribes to nothing:              lag 0
func seed(srv *rocketmqtest.Server) (string, error) {
	id, err := srv.AddInstance(rocketmqtest.InstanceSeed{
		Name:      "shop",
		BrokerNum: 2,
		Topics: []rocketmqtest.TopicSeed{
			{Name: "orders", QueueNum: 2, Messages: 20},
			{Name: "payments", QueueNum: 2, Messages: 12},
		},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "billing", Topics: []string{"orders", "payments"}, Lag: 3},
			{Name: "shipping", Topics: []string{"orders"}},
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
		tot, err := reportGroup(ctx, gc, out, cfg.InstanceID, name)
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
	return nil
}

// reportGroup prints one group's table and returns its totals.
func reportGroup(ctx context.Context, gc *groups.Client, out io.Writer, instanceID, group string) (groupTotal, error) {
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
		return tot, nil
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
	return tot, nil
}

func list(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ")"
}
