// Command rocketmq-emulator serves the rocketmqtest emulator of the DMS for
// RocketMQ API over HTTP, for non-Go tools and manual exploration. It prints
// the endpoint, the project ID and the AK/SK it accepts (it is a local
// emulator: they are not secrets), and runs until interrupted (SIGINT or
// SIGTERM; it then stops within a few seconds whatever clients do, and a
// second signal ends it at once).
//
//	go run ./cmd/rocketmq-emulator -addr 127.0.0.1:8080 -demo
//
// Flags:
//
//	-addr            listen address (default 127.0.0.1:8080; 127.0.0.1:0 picks a free
//	                 loopback port; an address such as :8080 listens on every interface)
//	-project-id      project ID (default the reference's example ID)
//	-region          region, also the project's name (default cn-north-4)
//	-ak, -sk         the accepted AK/SK (default: random)
//	-create-delay    how long instances stay CREATING (default 3s)
//	-delete-delay    how long instances stay DELETING (default 2s)
//	-sample-traffic  simulate applications producing and consuming (default true)
//	-demo            start with a demo instance, topics, groups and a user
//	-v               log every request
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first signal, a second one ends the process at once.
		<-ctx.Done()
		stop()
	}()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		stop()
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "rocketmq-emulator:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rocketmq-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (host:port; 127.0.0.1:0 picks a free loopback port)")
	projectID := fs.String("project-id", rocketmqtest.DefaultProjectID, "project ID")
	region := fs.String("region", rocketmqtest.DefaultRegion, "region (also the project's name)")
	ak := fs.String("ak", "", "access key the emulator accepts (default random)")
	sk := fs.String("sk", "", "secret key the emulator accepts (default random)")
	createDelay := fs.Duration("create-delay", 3*time.Second, "how long new instances stay CREATING")
	deleteDelay := fs.Duration("delete-delay", 2*time.Second, "how long deleted instances stay DELETING")
	sample := fs.Bool("sample-traffic", true, "simulate applications producing to and consuming from topics")
	demo := fs.Bool("demo", false, "start with a demo instance (topics, groups, a user)")
	verbose := fs.Bool("v", false, "log every request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*ak == "") != (*sk == "") {
		return errors.New("-ak and -sk go together")
	}

	opts := []rocketmqtest.Option{
		rocketmqtest.WithAddr(*addr),
		rocketmqtest.WithProjectID(*projectID),
		rocketmqtest.WithRegion(*region),
		rocketmqtest.WithCreateDelay(*createDelay),
		rocketmqtest.WithDeleteDelay(*deleteDelay),
	}
	if *ak != "" {
		opts = append(opts, rocketmqtest.WithCredentials(auth.AKSK{AccessKey: *ak, SecretKey: *sk}))
	}
	if *sample {
		opts = append(opts, rocketmqtest.WithSampleTraffic())
	}
	if *verbose {
		opts = append(opts, rocketmqtest.WithLogger(slog.New(slog.NewTextHandler(stderr, nil))))
	}
	if *demo {
		opts = append(opts, rocketmqtest.WithInstance(demoInstance()))
	}
	srv, err := rocketmqtest.Start(opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	printBanner(stdout, srv, *demo)

	<-ctx.Done()
	fmt.Fprintln(stdout, "\nshutting down")
	srv.Close() // bounded: see rocketmqtest.Server.Close
	return nil
}

func demoInstance() rocketmqtest.InstanceSeed {
	return rocketmqtest.InstanceSeed{
		Name:         "demo-rocketmq",
		Description:  "seeded by rocketmq-emulator -demo",
		BrokerNum:    2,
		StorageSpace: 600,
		EnableACL:    true,
		Tags:         []rocketmqtest.Tag{{Key: "env", Value: "demo"}},
		Topics: []rocketmqtest.TopicSeed{
			{Name: "orders", QueueNum: 4, Messages: 120},
			{Name: "payments", QueueNum: 2, Messages: 40},
		},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "billing", Topics: []string{"orders", "payments"}, Lag: 12, DeadLetters: 2},
			{Name: "CID%audit|v2", Topics: []string{"orders"}, Lag: 0},
		},
		Users: []rocketmqtest.UserSeed{{
			AccessKey: "demo_app", SecretKey: "Demo!Secret42", DefaultTopicPerm: "SUB", DefaultGroupPerm: "SUB",
			TopicPerms: []rocketmqtest.Perm{{Name: "orders", Perm: "PUB|SUB"}},
			GroupPerms: []rocketmqtest.Perm{{Name: "billing", Perm: "SUB"}},
		}},
	}
}

func printBanner(w io.Writer, srv *rocketmqtest.Server, demo bool) {
	k := srv.Credentials()
	p := srv.Password()
	fmt.Fprintf(w, "DMS for RocketMQ emulator listening on %s\n\n", srv.URL())
	fmt.Fprintf(w, "  endpoint      %s\n", srv.URL())
	fmt.Fprintf(w, "  IAM endpoint  %s\n", srv.URL())
	fmt.Fprintf(w, "  region        %s\n", srv.Region())
	fmt.Fprintf(w, "  project ID    %s\n", srv.ProjectID())
	fmt.Fprintf(w, "  access key    %s\n", k.AccessKey)
	fmt.Fprintf(w, "  secret key    %s\n", k.SecretKey)
	fmt.Fprintf(w, "  IAM login     domain %q, user %q, password %q\n", p.DomainName, p.Username, p.Password)
	if demo {
		fmt.Fprintf(w, "  demo instance %s (demo-rocketmq)\n", srv.InstanceID("demo-rocketmq"))
	}
	fmt.Fprintf(w, "\nPoint the SDK (or any HUAWEICLOUD_SDK_* tool) at it:\n\n")
	fmt.Fprintf(w, "  export HUAWEICLOUD_SDK_ENDPOINT=%s\n", srv.URL())
	fmt.Fprintf(w, "  export HUAWEICLOUD_SDK_IAM_ENDPOINT=%s\n", srv.URL())
	fmt.Fprintf(w, "  export HUAWEICLOUD_SDK_REGION=%s\n", srv.Region())
	fmt.Fprintf(w, "  export HUAWEICLOUD_SDK_PROJECT_ID=%s\n", srv.ProjectID())
	fmt.Fprintf(w, "  export HUAWEICLOUD_SDK_AK=%s\n", k.AccessKey)
	fmt.Fprintf(w, "  export HUAWEICLOUD_SDK_SK=%s\n", k.SecretKey)
	fmt.Fprintf(w, "\nPress Ctrl+C to stop.\n")
}
