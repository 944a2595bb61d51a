// Command ops-service is the kind of small operations service people build
// on this SDK, and its test (main_test.go) is the kind of downstream test
// they write against the emulator: no cloud account, milliseconds a run.
//
// The service provisions an instance and waits for it (nil wait options,
// as production code passes them), ensures that topics exist (telling a
// missing topic from a missing instance with the SDK's error classes), and
// reports the lag of every consumer group.
//
// Run it from the module root:
//
//	go run ./examples/ops-service
//
// Without credentials it runs against the in-process emulator
// (rocketmqtest). Against the real service (HUAWEICLOUD_SDK_AK,
// HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_REGION) it needs ROCKETMQ_INSTANCE_ID
// and only ensures a topic (ROCKETMQ_TOPIC, default "ops-service-demo") and
// reports lag: it creates no instance there.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

// envTopic names the topic to ensure on the real service.
const envTopic = "ROCKETMQ_TOPIC"

// opsService is the service: thin, testable logic over the SDK's families.
type opsService struct {
	instances *instances.Client
	topics    *topics.Client
	groups    *groups.Client
}

func newOpsService(c *rocketmq.Client) *opsService {
	return &opsService{instances: instances.New(c), topics: topics.New(c), groups: groups.New(c)}
}

// Provision creates an instance and waits until it runs. The wait passes
// nil options: it backs off from a fast first poll to the service's 10 s
// interval, so it ends at once on the emulator and polls the real service
// gently.
func (s *opsService) Provision(ctx context.Context, req *instances.CreateRequest) (*instances.Instance, error) {
	created, err := s.instances.Create(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("provisioning %s: %w", req.Name, err)
	}
	inst, err := s.instances.WaitForStatus(ctx, created.InstanceID, instances.StatusRunning, nil)
	if err != nil {
		return nil, fmt.Errorf("provisioning %s: %w", req.Name, err)
	}
	return inst, nil
}

// EnsureTopic makes sure the topic exists and reports whether it created
// it. A wrong instance ID is an error (rocketmq.ErrInstanceNotFound), never
// taken for a missing topic; a topic created meanwhile by someone else
// (rocketmq.IsAlreadyExists) is fine.
func (s *opsService) EnsureTopic(ctx context.Context, instanceID, topic string) (created bool, err error) {
	_, err = s.topics.Get(ctx, instanceID, topic)
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, rocketmq.ErrInstanceNotFound):
		return false, fmt.Errorf("ensuring topic %s: %w", topic, err)
	case !errors.Is(err, rocketmq.ErrTopicNotFound):
		return false, fmt.Errorf("ensuring topic %s: %w", topic, err)
	}
	_, err = s.topics.Create(ctx, instanceID, &topics.CreateRequest{Name: topic, QueueNum: rocketmq.Int(4)})
	if rocketmq.IsAlreadyExists(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("ensuring topic %s: %w", topic, err)
	}
	return true, nil
}

// groupLag is the lag of one consumer group over all its topics.
type groupLag struct {
	Group string
	Lag   int64
}

// LagReport returns the lag of every consumer group, the largest first.
func (s *opsService) LagReport(ctx context.Context, instanceID string) ([]groupLag, error) {
	var out []groupLag
	for g, err := range s.groups.ListIter(ctx, instanceID, nil) {
		if err != nil {
			return nil, fmt.Errorf("listing groups: %w", err)
		}
		gl := groupLag{Group: g.Name}
		for topic, err := range s.groups.ListTopicsIter(ctx, instanceID, g.Name, nil) {
			if err != nil {
				return nil, fmt.Errorf("listing the topics of %s: %w", g.Name, err)
			}
			cons, err := s.groups.GetConsumption(ctx, instanceID, g.Name, topic)
			if err != nil {
				return nil, fmt.Errorf("reading the consumption of %s on %s: %w", g.Name, topic, err)
			}
			gl.Lag += cons.TotalLag()
		}
		out = append(out, gl)
	}
	slices.SortStableFunc(out, func(a, b groupLag) int {
		switch {
		case a.Lag > b.Lag:
			return -1
		case a.Lag < b.Lag:
			return 1
		}
		return 0
	})
	return out, nil
}

func main() { exampleenv.Main("ops-service", start) }

// start runs the tour where exampleenv.Open says; emu are extra emulator
// options.
func start(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error {
	env, err := exampleenv.Open(out, "ops-service", emu...)
	if err != nil {
		return err
	}
	defer env.Close()
	svc := newOpsService(env.Client)
	topic := "ops-service-demo"
	var instanceID string
	if env.Emulated() {
		req, err := exampleenv.InstanceSpec(func(string) string { return "" }, true, "ops-service", "provisioned by the ops-service example")
		if err != nil {
			return err
		}
		if err := exampleenv.FillZone(ctx, env.Client, req); err != nil {
			return err
		}
		inst, err := svc.Provision(ctx, req)
		if err != nil {
			return err
		}
		exampleenv.Printf(out, "Provisioned %s (%s): %s.", inst.Name, inst.InstanceID, inst.Status)
		instanceID = inst.InstanceID
	} else {
		v, err := exampleenv.Require(os.Getenv, "ensuring a topic", exampleenv.EnvInstanceID)
		if err != nil {
			return err
		}
		instanceID = v[exampleenv.EnvInstanceID]
		if t := os.Getenv(envTopic); t != "" {
			topic = t
		}
	}
	for range 2 {
		created, err := svc.EnsureTopic(ctx, instanceID, topic)
		if err != nil {
			return err
		}
		if created {
			exampleenv.Printf(out, "Topic %s created.", topic)
		} else {
			exampleenv.Printf(out, "Topic %s already exists.", topic)
		}
	}
	report, err := svc.LagReport(ctx, instanceID)
	if err != nil {
		return err
	}
	exampleenv.Printf(out, "%d consumer group(s).", len(report))
	for _, g := range report {
		exampleenv.Printf(out, "   %-20s lag %d", g.Group, g.Lag)
	}
	return nil
}
