// Command dead-letters finds the dead letters of a consumer group (the
// messages that exhausted their retries and landed in the group's
// dead-letter topic %DLQ%group), exports them with
// messages.ExportDeadLetters, resends them to the group with
// messages.ResendDeadLetters and shows the result for each message.
//
// Run it from the module root:
//
//	go run ./examples/dead-letters
//
// Without credentials it runs against the in-process emulator
// (rocketmqtest), on a seeded instance whose group "billing" has dead
// letters. To use a real instance, set HUAWEICLOUD_SDK_AK,
// HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION (optionally
// HUAWEICLOUD_SDK_PROJECT_ID) and:
//
//	ROCKETMQ_INSTANCE_ID  the instance (required)
//	ROCKETMQ_GROUP        the consumer group whose dead letters to resend (required)
//	ROCKETMQ_DLQ_SINCE    how far back to look, a Go duration (optional, default 72h)
//
// Resending delivers the messages to the group's consumers again: run it
// on the real service only when they are ready for that. At most 50 dead
// letters are handled per run.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/messages"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// EnvSince is how far back the example looks for dead letters.
const EnvSince = "ROCKETMQ_DLQ_SINCE"

// maxLetters bounds how many dead letters one run handles.
const maxLetters = 50

// config is what run needs beyond the client.
type config struct {
	InstanceID string
	Group      string
	// Since is how far back to look for dead letters (0: 72h).
	Since time.Duration
}

func main() { exampleenv.Main("dead-letters", start) }

// start runs the example where exampleenv.Open says; emu are extra emulator
// options (tests shorten the lifecycle delays with them).
func start(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error {
	env, err := exampleenv.Open(out, "dead-letters", emu...)
	if err != nil {
		return err
	}
	defer env.Close()
	var cfg config
	if s := os.Getenv(EnvSince); s != "" {
		if cfg.Since, err = time.ParseDuration(s); err != nil || cfg.Since <= 0 {
			return fmt.Errorf("%s must be a positive Go duration such as 24h, not %q", EnvSince, s)
		}
	}
	if env.Emulated() {
		cfg.Group = "billing"
		if cfg.InstanceID, _, err = seed(env.Server); err != nil {
			return err
		}
	} else {
		v, err := exampleenv.Require(os.Getenv, "resending dead letters", exampleenv.EnvInstanceID, exampleenv.EnvGroup)
		if err != nil {
			return err
		}
		cfg.InstanceID, cfg.Group = v[exampleenv.EnvInstanceID], v[exampleenv.EnvGroup]
	}
	return run(ctx, env.Client, out, cfg)
}

// seed gives the emulator an instance where billing has 3 dead letters
// from orders and 1 from payments, and shipping 2 from orders (which the
// example leaves alone). It returns the instance ID and billing's dead
// letters.
func seed(srv *rocketmqtest.Server) (string, []string, error) {
	id, err := srv.AddInstance(rocketmqtest.InstanceSeed{
		Name: "shop",
		Topics: []rocketmqtest.TopicSeed{
			{Name: "orders", QueueNum: 4, Messages: 12},
			{Name: "payments", QueueNum: 2, Messages: 6},
		},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "billing", Topics: []string{"orders", "payments"}},
			{Name: "shipping", Topics: []string{"orders"}, DeadLetters: 2},
		},
	})
	if err != nil {
		return "", nil, err
	}
	a, err := srv.AddDeadLetters(id, "billing", "orders", 3)
	if err != nil {
		return "", nil, err
	}
	b, err := srv.AddDeadLetters(id, "billing", "payments", 1)
	if err != nil {
		return "", nil, err
	}
	return id, append(a, b...), nil
}

func run(ctx context.Context, c *rocketmq.Client, out io.Writer, cfg config) error {
	if cfg.InstanceID == "" || cfg.Group == "" {
		return errors.New("an instance ID and a consumer group are required")
	}
	since := cfg.Since
	if since <= 0 {
		since = 72 * time.Hour
	}
	inst, err := instances.New(c).Get(ctx, cfg.InstanceID)
	if err != nil {
		return fmt.Errorf("get instance %s: %w", cfg.InstanceID, err)
	}
	fmt.Fprintf(out, "\nDead letters of group %s on instance %s (%s).\n", cfg.Group, inst.Name, inst.InstanceID)
	steps := exampleenv.NewSteps(out)
	mc := messages.New(c)
	dlq := "%DLQ%" + cfg.Group

	steps.Next("Find them")
	end := time.Now()
	var ids []string
	for m, err := range mc.QueryIter(ctx, cfg.InstanceID, &messages.QueryOptions{
		Topic:     dlq,
		StartTime: end.Add(-since),
		EndTime:   end,
	}) {
		if err != nil {
			if rocketmq.IsNotFound(err) {
				exampleenv.Printf(out, "Topic %s does not exist: the group has never had a dead letter.", dlq)
				return nil
			}
			return fmt.Errorf("query %s: %w", dlq, err)
		}
		ids = append(ids, m.MsgID)
		if len(ids) == maxLetters {
			break
		}
	}
	exampleenv.Printf(out, "%d dead letter(s) in %s stored in the last %s.", len(ids), dlq, duration(since))
	if len(ids) == 0 {
		return nil
	}

	steps.Next("Export them")
	letters, err := mc.ExportDeadLetters(ctx, cfg.InstanceID, &messages.ExportDeadLettersRequest{Topic: dlq, MsgIDList: ids})
	if err != nil {
		return fmt.Errorf("export dead letters: %w", err)
	}
	t := exampleenv.NewTable(out, "MSG_ID", "FROM TOPIC", "RETRIES", "STORED", "KEYS", "BODY")
	for _, m := range letters {
		from, _ := m.Property("RETRY_TOPIC")
		keys, _ := m.Property("KEYS")
		t.Row(m.MsgID, exampleenv.OrDash(from), m.ReconsumeTimes, exampleenv.Millis(m.StoreTimestamp), exampleenv.OrDash(keys), clip(m.Body, 40))
	}
	if err := t.Flush(); err != nil {
		return err
	}
	exampleenv.Printf(out, "Exported %d message(s).", len(letters))

	steps.Next("Resend them to the group")
	res, err := mc.ResendDeadLetters(ctx, cfg.InstanceID, &messages.ResendDeadLettersRequest{Topic: dlq, MsgIDList: ids})
	if err != nil {
		return fmt.Errorf("resend dead letters: %w", err)
	}
	t = exampleenv.NewTable(out, "MSG_ID", "RESULT")
	for _, r := range res.ResendResults {
		result := "resent"
		if r.ErrorCode != "" && r.ErrorCode != messages.ResendOK {
			result = "failed: " + r.ErrorCode + " " + r.ErrorMessage
		}
		t.Row(r.MsgID, result)
	}
	if err := t.Flush(); err != nil {
		return err
	}
	failed := len(res.Failed())
	exampleenv.Printf(out, "%d resent, %d failed.", len(res.ResendResults)-failed, failed)
	return nil
}

// duration renders d without zero minutes and seconds ("72h", not
// "72h0m0s").
func duration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// clip shortens s to n runes, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return exampleenv.OrDash(s)
	}
	r := []rune(s)
	return string(r[:n-3]) + "..."
}
