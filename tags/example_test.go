package tags_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tags"
)

// Tag an instance, change a tag, remove another, and read what is left.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	tc := tags.New(client)

	if err := tc.Create(ctx, id, []tags.Tag{{Key: "env", Value: "staging"}, {Key: "team", Value: "billing"}}); err != nil {
		fmt.Println(err)
		return
	}
	// An existing key takes the new value.
	if err := tc.Create(ctx, id, []tags.Tag{{Key: "env", Value: "prod"}}); err != nil {
		fmt.Println(err)
		return
	}
	if err := tc.Delete(ctx, id, []tags.Tag{{Key: "team", Value: "billing"}}); err != nil {
		fmt.Println(err)
		return
	}

	list, err := tc.List(ctx, id)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range list.Tags {
		fmt.Println(t.Key, "=", t.Value)
	}
	// Output:
	// env = prod
}

// Create adds tags to an instance. Tags are checked before anything is
// sent: a key with a character outside the rules is a *rocketmq.ValidationError.
func ExampleClient_Create() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	tc := tags.New(client)

	err = tc.Create(ctx, id, []tags.Tag{{Key: "env", Value: "prod"}, {Key: "cost-center", Value: "4711"}})
	fmt.Println("created:", err == nil)

	err = tc.Create(ctx, id, []tags.Tag{{Key: "owner#1", Value: "alice"}})
	var verr *rocketmq.ValidationError
	if errors.As(err, &verr) {
		fmt.Println("refused:", verr.Field)
	}
	// Output:
	// created: true
	// refused: tags[0].key
}

// List returns an instance's tags; ListProject those used anywhere in the
// project.
func ExampleClient_List() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	orders := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "orders",
		Tags: []rocketmqtest.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "billing"}},
	})
	srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "audit",
		Tags: []rocketmqtest.Tag{{Key: "env", Value: "test"}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	tc := tags.New(client)

	list, err := tc.List(ctx, orders)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range list.Tags {
		fmt.Printf("orders: %s=%s\n", t.Key, t.Value)
	}

	all, err := tc.ListProject(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range all.Tags {
		fmt.Printf("project: %s=%s\n", t.Key, strings.Join(t.Values, ","))
	}
	// Output:
	// orders: env=prod
	// orders: team=billing
	// project: env=prod,test
	// project: team=billing
}
