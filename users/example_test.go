package users_test

import (
	"context"
	"fmt"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

// Give an application its own ACL user, narrow its rights, and list the
// instance's users.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:      "orders",
		EnableACL: true,
		Topics:    []rocketmqtest.TopicSeed{{Name: "orders-created"}},
		Users:     []rocketmqtest.UserSeed{{AccessKey: "ops_admin", SecretKey: "Adm1n!secret", Admin: true}},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	uc := users.New(client)

	_, err = uc.Create(ctx, id, &users.User{
		AccessKey:        "billing_app",
		SecretKey:        "B1lling!secret",
		DefaultTopicPerm: users.PermDeny,
		DefaultGroupPerm: users.PermDeny,
		TopicPerms:       []users.Permission{{Name: "orders-created", Perm: users.PermPubSub}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Only the fields set are sent: the topic permissions are replaced.
	_, err = uc.Update(ctx, id, "billing_app", &users.User{
		TopicPerms: []users.Permission{{Name: "orders-created", Perm: users.PermSub}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	for u, err := range uc.ListIter(ctx, id, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		admin := u.Admin != nil && *u.Admin
		fmt.Println(u.AccessKey, "admin:", admin, "topics:", u.TopicPerms)
	}
	// Output:
	// billing_app admin: false topics: [{orders-created SUB}]
	// ops_admin admin: true topics: []
}

// Create adds a user. The secret key is sent once and never comes back:
// the service answers it masked, and a User never prints it.
func ExampleClient_Create() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders", EnableACL: true})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	req := &users.User{
		AccessKey:          "billing_app",
		SecretKey:          "B1lling!secret",
		WhiteRemoteAddress: rocketmq.String("10.0.0.0/8"),
		Admin:              rocketmq.Bool(false),
		DefaultTopicPerm:   users.PermSub,
		DefaultGroupPerm:   users.PermSub,
	}
	fmt.Println(req) // safe to log: the secret key is redacted

	u, err := users.New(client).Create(context.Background(), id, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.AccessKey, u.DefaultTopicPerm, u.DefaultGroupPerm)
	fmt.Println("secret key in the answer:", u.SecretKey)
	// Output:
	// {AccessKey:billing_app SecretKey:[REDACTED] WhiteRemoteAddress:10.0.0.0/8 Admin:false DefaultTopicPerm:SUB DefaultGroupPerm:SUB TopicPerms:[] GroupPerms:[]}
	// billing_app SUB SUB
	// secret key in the answer: ******
}

// ListTopicPolicies lists the users given a permission on a topic.
func ExampleClient_ListTopicPolicies() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:      "orders",
		EnableACL: true,
		Topics:    []rocketmqtest.TopicSeed{{Name: "orders-created"}, {Name: "orders-paid"}},
		Users: []rocketmqtest.UserSeed{
			{AccessKey: "billing_app", SecretKey: "B1lling!secret", TopicPerms: []rocketmqtest.Perm{{Name: "orders-created", Perm: "SUB"}}},
			{AccessKey: "checkout_app", SecretKey: "Ch3ckout!secret", TopicPerms: []rocketmqtest.Perm{{Name: "orders-created", Perm: "PUB"}, {Name: "orders-paid", Perm: "PUB"}}},
			{AccessKey: "shipping_app", SecretKey: "Sh1pping!secret", TopicPerms: []rocketmqtest.Perm{{Name: "orders-paid", Perm: "SUB"}}},
		},
	})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	list, err := users.New(client).ListTopicPolicies(context.Background(), id, "orders-created", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(list.Name, "users:", list.Total)
	for _, p := range list.Policies {
		fmt.Println(p.AccessKey, p.Perm)
	}
	// Output:
	// orders-created users: 2
	// billing_app SUB
	// checkout_app PUB
}
