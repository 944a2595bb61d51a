package groups_test

import (
	"context"
	"fmt"

	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// ListClients shows who consumes a group: each client's ID (what
// messages.VerifyConsumption takes), address, language, version and, with
// Detail, its subscriptions; the answer also says whether the group is
// online and whether its clients subscribe alike.
func ExampleClient_ListClients() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "orders",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders-created", Messages: 4}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders-created"}, Clients: []rocketmqtest.ClientSeed{
			{ClientID: "10.0.1.15@4711#billing-1", Address: "10.0.1.15:51234"},
			{ClientID: "10.0.1.16@4712#billing-2", Address: "10.0.1.16:51388", Language: "GO", Version: "v5.0.1",
				Subscriptions: []rocketmqtest.SubscriptionSeed{{Topic: "orders-created", Expression: "paid||shipped"}}},
		}}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	res, err := groups.New(client).ListClients(context.Background(), id, "billing", &groups.ListClientsOptions{Detail: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("online:", res.Online, "consistent:", res.SubscriptionConsistency, "clients:", res.Total)
	for _, cl := range res.Clients {
		fmt.Println(cl.ClientID, cl.ClientAddr, cl.Language, cl.Version, cl.ConsumeType)
		for _, s := range cl.Subscriptions {
			fmt.Printf("  %s %s %s\n", s.Topic, s.Type, s.Expression)
		}
	}
	// Output:
	// online: true consistent: false clients: 2
	// 10.0.1.15@4711#billing-1 10.0.1.15:51234 JAVA V4_9_4 CONSUME_PASSIVELY
	//   orders-created TAG *
	// 10.0.1.16@4712#billing-2 10.0.1.16:51388 GO v5.0.1 CONSUME_PASSIVELY
	//   orders-created TAG paid||shipped
}
