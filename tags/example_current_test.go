package tags_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tags"
)

// ListProject returns every tag key used on the project's instances with
// all its values, following the service's pages.
func ExampleClient_ListProject() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders", Tags: []rocketmqtest.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "shop"}}})
	srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders-test", Tags: []rocketmqtest.Tag{{Key: "env", Value: "test"}}})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	res, err := tags.New(client).ListProject(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range res.Tags {
		fmt.Printf("%s: %s\n", t.Key, strings.Join(t.Values, ", "))
	}
	// Output:
	// env: prod, test
	// team: shop
}
