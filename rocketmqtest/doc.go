// Package rocketmqtest is an in-process emulator of the Huawei Cloud DMS for
// RocketMQ management API: a loopback HTTP server that behaves like the
// service, so that examples run without an account and services built on
// the SDK can be unit-tested without a cloud.
//
// NewServer starts it; Server.Client returns a *rocketmq.Client wired to it
// (endpoint, region, project ID, AK/SK, HTTP client). The emulator
// implements every operation of chapter 5 of the API reference — instances
// (create, list with filters, get, update, delete, batch delete by IDs or
// all_failure, brokers), consumer groups (list, create, batch delete with
// ?action=delete, batch update, get, update, delete, consumption list and
// ?topic= detail, offset reset), topics (create, batch delete, get, update,
// delete, groups, status), messages (query, trace, dead-letter export and
// resend, consumption verification), ACL users (CRUD, topic and group
// policies), metadata migration tasks (create, list with 1-based pages or
// ?id=, delete), instance tags and availability zones — plus the topic list
// and the instance and project tag lists that the reference lacks, on
// in-memory state:
//
//   - projects own instances; an instance owns its topics, consumer groups,
//     ACL users, tags, migration tasks, messages, consumer offsets and dead
//     letters, and deleting it removes them all;
//   - an instance is CREATING, then RUNNING after WithCreateDelay (50ms by
//     default); a deleted one is DELETING, then gone after WithDeleteDelay;
//     operations inside an instance need it RUNNING (DMS.00400026);
//   - requests are authenticated like the real gateway: AK/SK signatures
//     (SDK-HMAC-SHA256, verified with the SDK's own canonicalization; a bad
//     or missing one is 401 APIGW.0301, a signing time more than 15 minutes
//     off is refused) or IAM tokens from the emulator's own
//     POST /v3/auth/tokens (see Server.Password) and GET /v3/projects; the
//     project in the path must be the caller's;
//   - inputs are validated with the reference's rules and error codes
//     (DMS.00400060 duplicate instance name, 404 DMS.00404022 unknown
//     instance, 400 DMS.00500972/DMS.00050012/DMS.00050004/DMS.00405011 for
//     unknown users/groups/topics/tasks, limit 1–50, an offset at or beyond
//     the total is DMS.40050010, …), errors are {"error_code","error_msg"}
//     documents, and every answer carries X-Request-Id;
//   - secret keys of ACL users are never answered in clear;
//   - the engine is "rocketmq" (what the official SDKs send) or its alias
//     "reliability", in queries, paths and bodies alike.
//
// The emulator is a test server, built to stay small whatever its clients
// do: it checks credentials before it reads a body (an unauthenticated
// request's body is never read), keeps at most MaxLoggedBodyBytes of each
// body in its request log and WithRequestLogBytes in all (no body of a
// refused request), gives clients a few seconds to send a request
// (DefaultReadHeaderTimeout, DefaultReadTimeout, DefaultIdleTimeout;
// WithTimeouts), and Close returns within DefaultCloseGrace or so.
//
// Tests set up state with seeds (WithInstance, Server.AddInstance, AddTopic,
// AddGroup, AddUser), simulate applications with Server.Produce, Subscribe,
// Consume and AddDeadLetters (or WithSampleTraffic), inject failures with
// Server.InjectFault or AddFault (a status, a dropped connection, latency,
// for the next N requests matching a method and path; a fault that matches
// no route is refused) and inspect what was sent with Server.Requests.
//
// A downstream service's unit test, complete:
//
//	package provisioner_test
//
//	import (
//		"context"
//		"errors"
//		"net/http"
//		"testing"
//
//		rocketmq "github.com/dms-rocketmq/rocketmq-go"
//		"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
//		"github.com/dms-rocketmq/rocketmq-go/topics"
//
//		"example.com/orders/provisioner"
//	)
//
//	func TestEnsureTopics(t *testing.T) {
//		srv := rocketmqtest.NewServer()
//		t.Cleanup(srv.Close)
//		ctx := context.Background()
//		id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
//			Name:   "orders",
//			Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", Messages: 20}},
//			Groups: []rocketmqtest.GroupSeed{
//				{Name: "billing", Topics: []string{"orders-created"}, Lag: 5},
//			},
//		})
//		client, err := srv.Client()
//		if err != nil {
//			t.Fatal(err)
//		}
//		// The service under test retries through one 503.
//		srv.InjectFault(rocketmqtest.Fault{
//			Method: http.MethodGet,
//			Path:   "/v2/{project_id}/instances/{instance_id}/topics/{topic}",
//			Status: 503,
//		})
//
//		p := provisioner.New(client, id)
//		if err := p.EnsureTopics(ctx, "orders-created", "orders-paid"); err != nil {
//			t.Fatal(err)
//		}
//
//		if _, err := topics.New(client).Get(ctx, id, "orders-paid"); err != nil {
//			t.Fatalf("orders-paid was not created: %v", err)
//		}
//		if n := len(srv.Requests("POST /v2/")); n != 1 {
//			t.Fatalf("want one create call, got %d", n)
//		}
//		_, err = topics.New(client).Get(ctx, id, "nope")
//		if !errors.Is(err, rocketmq.ErrTopicNotFound) {
//			t.Fatalf("want a missing topic (DMS.00050004), got %v", err)
//		}
//		_, err = topics.New(client).Get(ctx, "no-such-instance", "orders-paid")
//		if !errors.Is(err, rocketmq.ErrInstanceNotFound) || errors.Is(err, rocketmq.ErrTopicNotFound) {
//			t.Fatalf("want a missing instance (DMS.00404022), got %v", err)
//		}
//	}
//
// Beyond the reference, the emulator serves the current service's
// operations (CURRENT-SERVICE.md) with its behaviour: a static product
// catalogue (Catalogue: the 4.8.0 c6.* and 5.x rocketmq.b*/p* flavours)
// that instance creation checks storage and broker counts against, the
// engine-scoped create with yearly/monthly billing, quotas that count the
// project's instances (WithInstanceQuota), cores and feature switches;
// resizing (storage, brokers, flavour; checked per engine version) as a
// background task whose progress steps advance over WithTaskDelay while the
// instance is EXTENDING, then changes it; the resize targets and pre-check;
// background tasks (list, get, progress, delete; TaskStatus and
// SetTaskStatus from tests) and scheduled tasks (seeded with
// InstanceSeed.ScheduledTasks or AddScheduledTask; listed, moved,
// cancelled, deleted); nodes, the CES hierarchy, configuration
// (fileReservedTime), the SSL switch and DNS (shown by Get), automatic
// volume expansion; and the recycle bin: with the policy on
// (WithRecyclePolicy, SetRecyclePolicy or PUT /v2/{project_id}/recycle) a
// deleted instance leaves List and Get for the bin, from where it can be
// restored.
//
// It also serves the current service's consumer, message and diagnosis
// operations: a group's consumer clients (seeded with GroupSeed.Clients or
// Server.AddClients; VerifyConsumption refuses a client_id none of them
// has), SendMessage (the message is then found by Query — by msg_id, key
// or time, in one queue — and traced; traces are paged,
// {trace, total, …}, 10 by default), diagnosis reports built from the
// group's state (diagnosing for WithDiagnosisDelay, then finished, or
// failed for an offline group; Server.Diagnose), metadata batch delete,
// and topics and groups the broker created itself (BrokerCreated seeds,
// with RocketMQ's own name rule). The engine path segment may be
// reliability or rocketmq.
//
// The emulator is also a standalone server, cmd/rocketmq-emulator, for
// non-Go tools and manual exploration: go run ./cmd/rocketmq-emulator
// -addr 127.0.0.1:0 listens on a free loopback port (an address without a
// host, such as :0, would listen on every interface).
//
// Where the reference's examples and tables disagree, the emulator answers
// what the real service sends, which is the examples' form:
// "broker_address" on instances, "timestamp_offset" in offset resets,
// numbers for a message's reconsume_times/queue_id/queue_offset, 200 with
// a plain-text task ID for a new migration task,
// and remain_time 9223372036854776000 for availability zones. It answers
// the tables' form where the example is one value of a documented array
// (topic status brokers, dead-letter exports, policies).
package rocketmqtest
