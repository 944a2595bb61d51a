package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Sign adds X-Sdk-Date and Authorization to a request. A client signs every
// attempt by itself; Sign is for requests built by hand, and takes the time
// explicitly so that a signature can be reproduced.
func ExampleAKSK_Sign() {
	req, err := http.NewRequest(http.MethodGet,
		"https://dms.cn-north-4.myhuaweicloud.com/v2/0b01fbb53600d4671fa8c00673c71260/instances?engine=reliability", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(auth.HeaderProjectID, "0b01fbb53600d4671fa8c00673c71260")

	creds := auth.AKSK{AccessKey: "HPUAEXAMPLEAK0000001", SecretKey: "s3cr3tExampleSecretKeyForSigning0000001"}
	when := time.Date(2022, time.November, 22, 8, 9, 10, 0, time.UTC)
	if err := creds.Sign(req, nil, when); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Header.Get("X-Sdk-Date"))
	fmt.Println(req.Header.Get("Authorization"))
	fmt.Println(creds) // credentials never print their secrets
	// Output:
	// 20221122T080910Z
	// SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, SignedHeaders=host;x-project-id;x-sdk-date, Signature=8deb4995c828070f785d61f15715833e2d62e0a486bb887f05d9eb5b911f1064
	// auth.AKSK{AccessKey: "HPUA****", SecretKey: [REDACTED], SecurityToken: ""}
}

// Password credentials log an IAM user in, cache the project-scoped token
// and renew it before it expires; the project ID comes with the token.
// Here the emulator plays IAM (Server.Password); against the cloud, fill
// auth.Password with the user's domain, name, password and region.
func ExampleNewPasswordCredentials() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})

	creds := auth.NewPasswordCredentials(srv.Password())
	client, err := srv.Client(rocketmq.WithCredentials(creds))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	ic := instances.New(client)
	for range 2 {
		list, err := ic.List(ctx, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(list.InstanceNum, list.Instances[0].Name)
	}
	// Both calls used the one token.
	fmt.Println("logins:", len(srv.Requests("POST /v3/auth/tokens")))
	// Output:
	// 1 orders
	// 1 orders
	// logins: 1
}
