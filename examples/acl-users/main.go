// Command acl-users manages the ACL users of an instance: it creates a
// producer and a consumer user with permissions on a topic and a consumer
// group, shows who may use the topic and the group
// (users.ListTopicPolicies, users.ListGroupPolicies), changes the users'
// permissions, lists the instance's users and deletes what it created.
// Secret keys are generated locally and never printed.
//
// Run it from the module root:
//
//	go run ./examples/acl-users
//
// Without credentials it runs against the in-process emulator
// (rocketmqtest). To use a real instance (it must have ACL enabled), set
// HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION
// (optionally HUAWEICLOUD_SDK_PROJECT_ID) and:
//
//	ROCKETMQ_INSTANCE_ID  the instance (required)
//
// On a real instance the example creates a topic, a consumer group and two
// users with names ending in a random suffix, and deletes them at the end
// (also when a step fails or on Ctrl-C). It changes nothing else.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

// config is what run needs beyond the client.
type config struct {
	InstanceID string
	// Suffix ends the names of everything the example creates.
	Suffix string
	// Secrets are the secret keys of the producer and the consumer user.
	// They are never printed.
	Secrets [2]string
}

func main() { exampleenv.Main("acl-users", start) }

// start runs the example where exampleenv.Open says; emu are extra emulator
// options (tests shorten the lifecycle delays with them).
func start(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error {
	env, err := exampleenv.Open(out, "acl-users", emu...)
	if err != nil {
		return err
	}
	defer env.Close()
	cfg := config{
		Suffix:  exampleenv.Suffix(),
		Secrets: [2]string{exampleenv.NewSecretKey(), exampleenv.NewSecretKey()},
	}
	if env.Emulated() {
		if cfg.InstanceID, err = seed(env.Server); err != nil {
			return err
		}
	} else {
		v, err := exampleenv.Require(os.Getenv, "managing ACL users", exampleenv.EnvInstanceID)
		if err != nil {
			return err
		}
		cfg.InstanceID = v[exampleenv.EnvInstanceID]
	}
	return run(ctx, env.Client, out, cfg)
}

// seed gives the emulator an instance with ACL enabled and an
// administrator who is already there.
func seed(srv *rocketmqtest.Server) (string, error) {
	return srv.AddInstance(rocketmqtest.InstanceSeed{
		Name:      "shop",
		EnableACL: true,
		Users: []rocketmqtest.UserSeed{{
			AccessKey:        "ops-admin",
			SecretKey:        exampleenv.NewSecretKey(),
			Admin:            true,
			DefaultTopicPerm: users.PermPubSub,
			DefaultGroupPerm: users.PermSub,
		}},
	})
}

func run(ctx context.Context, c *rocketmq.Client, out io.Writer, cfg config) (err error) {
	if cfg.InstanceID == "" || cfg.Suffix == "" {
		return errors.New("an instance ID and a name suffix are required")
	}
	id := cfg.InstanceID
	ic, tc, gc, uc := instances.New(c), topics.New(c), groups.New(c), users.New(c)
	topic := "acl-orders-" + cfg.Suffix
	group := "acl-billing-" + cfg.Suffix
	producer := "acl-producer-" + cfg.Suffix
	consumer := "acl-consumer-" + cfg.Suffix

	var cleanup exampleenv.Cleanup
	defer cleanup.RunAfterError(ctx, out, &err)
	steps := exampleenv.NewSteps(out)

	steps.Next("Check the instance")
	inst, err := ic.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("get instance %s: %w", id, err)
	}
	exampleenv.Printf(out, "Instance %s (%s): %s, ACL %s.", inst.Name, inst.InstanceID, inst.Status, map[bool]string{true: "enabled", false: "disabled"}[inst.EnableACL])
	if !inst.EnableACL {
		return fmt.Errorf("instance %s has ACL disabled; enable it first (instances.Update with EnableACL)", id)
	}

	steps.Next("Create a topic and a consumer group to grant access to")
	bl, err := ic.ListBrokers(ctx, id)
	if err != nil {
		return fmt.Errorf("list brokers: %w", err)
	}
	var brokers []string
	for _, b := range bl.Brokers {
		brokers = append(brokers, b.BrokerName)
	}
	if _, err := tc.Create(ctx, id, &topics.CreateRequest{Name: topic, Brokers: brokers, QueueNum: rocketmq.Int(2)}); err != nil {
		return fmt.Errorf("create topic %s: %w", topic, err)
	}
	cleanup.Add("topic "+topic, func(ctx context.Context) error { return tc.Delete(ctx, id, topic) })
	exampleenv.Printf(out, "Topic %s created.", topic)
	if _, err := gc.Create(ctx, id, &groups.CreateRequest{Name: group, Brokers: brokers}); err != nil {
		return fmt.Errorf("create consumer group %s: %w", group, err)
	}
	cleanup.Add("consumer group "+group, func(ctx context.Context) error { return gc.Delete(ctx, id, group) })
	exampleenv.Printf(out, "Consumer group %s created.", group)

	steps.Next("Create two users")
	newUsers := []*users.User{
		{
			AccessKey:        producer,
			SecretKey:        cfg.Secrets[0],
			Admin:            rocketmq.Bool(false),
			DefaultTopicPerm: users.PermDeny,
			DefaultGroupPerm: users.PermDeny,
			TopicPerms:       []users.Permission{{Name: topic, Perm: users.PermPub}},
		},
		{
			AccessKey:        consumer,
			SecretKey:        cfg.Secrets[1],
			Admin:            rocketmq.Bool(false),
			DefaultTopicPerm: users.PermDeny,
			DefaultGroupPerm: users.PermDeny,
			TopicPerms:       []users.Permission{{Name: topic, Perm: users.PermSub}},
			GroupPerms:       []users.Permission{{Name: group, Perm: users.PermSub}},
		},
	}
	t := userTable(out)
	for _, nu := range newUsers {
		u, err := uc.Create(ctx, id, nu)
		if err != nil {
			return fmt.Errorf("create user %s: %w", nu.AccessKey, err)
		}
		name := nu.AccessKey
		cleanup.Add("user "+name, func(ctx context.Context) error { return uc.Delete(ctx, id, name) })
		userRow(t, u)
	}
	if err := t.Flush(); err != nil {
		return err
	}
	exampleenv.Printf(out, "Their secret keys were generated locally and are not shown.")

	steps.Next("Who may use the topic and the group")
	if err := showPolicies(ctx, uc, out, id, topic, group); err != nil {
		return err
	}

	steps.Next("Change permissions")
	// The consumer also publishes now (e.g. replies); the producer may only
	// connect from the 10.0.0.0/8 network. A permission list is replaced
	// as a whole.
	u, err := uc.Update(ctx, id, consumer, &users.User{
		TopicPerms: []users.Permission{{Name: topic, Perm: users.PermPubSub}},
	})
	if err != nil {
		return fmt.Errorf("update user %s: %w", consumer, err)
	}
	exampleenv.Printf(out, "%s: topic permissions now %s.", consumer, perms(u.TopicPerms))
	u, err = uc.Update(ctx, id, producer, &users.User{WhiteRemoteAddress: rocketmq.String("10.0.0.0/8")})
	if err != nil {
		return fmt.Errorf("update user %s: %w", producer, err)
	}
	exampleenv.Printf(out, "%s: allowed from %s.", producer, whitelist(u.WhiteRemoteAddress))
	fmt.Fprintln(out)
	if err := showPolicies(ctx, uc, out, id, topic, ""); err != nil {
		return err
	}

	steps.Next("List the instance's users")
	t = exampleenv.NewTable(out, "", "ACCESS_KEY", "ADMIN", "DEFAULT_TOPIC", "DEFAULT_GROUP", "WHITELIST")
	n := 0
	for u, err := range uc.ListIter(ctx, id, nil) {
		if err != nil {
			return fmt.Errorf("list users: %w", err)
		}
		mark := " "
		if u.AccessKey == producer || u.AccessKey == consumer {
			mark = "*"
		}
		t.Row(mark, u.AccessKey, yesNo(u.Admin), u.DefaultTopicPerm, u.DefaultGroupPerm, whitelist(u.WhiteRemoteAddress))
		n++
	}
	if err := t.Flush(); err != nil {
		return err
	}
	exampleenv.Printf(out, "%d user(s); * marks the ones this example created.", n)

	steps.Next("Clean up")
	if err := cleanup.Run(ctx, out); err != nil {
		return err
	}
	for _, name := range []string{producer, consumer} {
		if _, err := uc.Get(ctx, id, name); !rocketmq.IsNotFound(err) {
			return fmt.Errorf("user %s: want not found after deletion, got %v", name, err)
		}
	}
	exampleenv.Printf(out, "Both users are gone.")
	return nil
}

// showPolicies prints who has a permission on topic and, unless group is
// "", on group.
func showPolicies(ctx context.Context, uc *users.Client, out io.Writer, id, topic, group string) error {
	tp, err := uc.ListTopicPolicies(ctx, id, topic, nil)
	if err != nil {
		return fmt.Errorf("policies of topic %s: %w", topic, err)
	}
	printPolicies(out, "Topic "+topic, tp)
	if group == "" {
		return nil
	}
	gp, err := uc.ListGroupPolicies(ctx, id, group, nil)
	if err != nil {
		return fmt.Errorf("policies of group %s: %w", group, err)
	}
	fmt.Fprintln(out)
	printPolicies(out, "Group "+group, gp)
	return nil
}

func printPolicies(out io.Writer, title string, pl *users.PolicyList) {
	exampleenv.Printf(out, "%s: %d user(s)", title, pl.Total)
	t := exampleenv.NewTable(out, "ACCESS_KEY", "PERM", "ADMIN", "WHITELIST")
	for _, p := range pl.Policies {
		t.Row(p.AccessKey, p.Perm, yesNo(&p.Admin), whitelist(&p.WhiteRemoteAddress))
	}
	_ = t.Flush()
}

func userTable(out io.Writer) *exampleenv.Table {
	return exampleenv.NewTable(out, "ACCESS_KEY", "ADMIN", "DEFAULT_TOPIC", "DEFAULT_GROUP", "TOPIC_PERMS", "GROUP_PERMS")
}

func userRow(t *exampleenv.Table, u *users.User) {
	t.Row(u.AccessKey, yesNo(u.Admin), u.DefaultTopicPerm, u.DefaultGroupPerm, perms(u.TopicPerms), perms(u.GroupPerms))
}

func perms(ps []users.Permission) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		parts = append(parts, p.Name+"="+p.Perm)
	}
	return exampleenv.OrDash(strings.Join(parts, ","))
}

func yesNo(b *bool) string {
	if b != nil && *b {
		return "yes"
	}
	return "no"
}

func whitelist(s *string) string {
	if s == nil || *s == "" {
		return "anywhere"
	}
	return *s
}
