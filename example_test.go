package rocketmq_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// A client needs a region (or an endpoint) and credentials. Making one sends
// nothing: the project ID, when not given, is looked up on the first call.
func ExampleNewClient() {
	client, err := rocketmq.NewClient(
		rocketmq.WithRegion("cn-north-4"),
		rocketmq.WithProjectID("0b01fbb53600d4671fa8c00673c71260"),
		rocketmq.WithCredentials(auth.AKSK{AccessKey: "my-access-key", SecretKey: "my-secret-key"}),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(client.Endpoint())
	fmt.Println(client.Region(), client.Engine())
	// Output:
	// https://dms.cn-north-4.myhuaweicloud.com
	// cn-north-4 reliability
}

// IsNotFound tells a missing resource apart from other failures, whatever
// code the service used for it.
func ExampleIsNotFound() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	_, err = instances.New(client).Get(context.Background(), "11111111-2222-3333-4444-555555555555")
	if rocketmq.IsNotFound(err) {
		fmt.Println("no such instance")
	}
	// Output:
	// no such instance
}

// Service errors are *APIError values: errors.As reaches the HTTP status and
// the error code, and Info explains the code.
func ExampleAPIError() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	_, err = instances.New(client).Get(context.Background(), "11111111-2222-3333-4444-555555555555")
	var apiErr *rocketmq.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, apiErr.Code == rocketmq.CodeInstanceNotFound)
		if info, ok := apiErr.Info(); ok {
			fmt.Println(info.Message)
		}
	}
	// Output:
	// 404 DMS.00404022 true
	// This instance does not exist.
}

// Do calls any operation of the API, including ones no family package wraps:
// {project_id} is filled in, the request is signed and retried, and the JSON
// answer is decoded into out.
func ExampleClient_Do() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders", BrokerNum: 2})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	var out struct {
		Brokers []struct {
			BrokerName string `json:"broker_name"`
		} `json:"brokers"`
	}
	resp, err := client.Do(context.Background(), &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       "/v2/{project_id}/instances/{instance_id}/brokers",
		PathParams: map[string]string{"instance_id": id},
	}, &out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode)
	for _, b := range out.Brokers {
		fmt.Println(b.BrokerName)
	}
	// Output:
	// 200
	// broker-0
	// broker-1
}

// WithRetry tunes how failed attempts are retried. Here two 503 answers are
// ridden out by the third attempt; with retries turned off the first one is
// the result.
func ExampleWithRetry() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	ctx := context.Background()

	client, err := srv.Client(rocketmq.WithRetry(rocketmq.RetryPolicy{
		MaxAttempts: 4,
		MinBackoff:  time.Millisecond,
		MaxBackoff:  10 * time.Millisecond,
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.InjectFault(rocketmqtest.Fault{Method: http.MethodGet, Path: "/v2/{project_id}/instances/{instance_id}", Status: http.StatusServiceUnavailable, Times: 2})
	inst, err := instances.New(client).Get(ctx, id)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inst.Name, inst.Status, "after", len(srv.Requests("GET /v2/")), "attempts")

	noRetry, err := srv.Client(rocketmq.WithRetry(rocketmq.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.InjectFault(rocketmqtest.Fault{Method: http.MethodGet, Path: "/v2/{project_id}/instances/{instance_id}", Status: http.StatusServiceUnavailable})
	_, err = instances.New(noRetry).Get(ctx, id)
	var apiErr *rocketmq.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode)
	}
	// Output:
	// orders RUNNING after 3 attempts
	// 503
}
