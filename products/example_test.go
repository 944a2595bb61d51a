package products_test

import (
	"context"
	"fmt"

	"github.com/dms-rocketmq/rocketmq-go/products"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// List the 4.8.0 flavours with their broker and storage limits, to pick a
// product ID for instances.Create.
func ExampleClient_List() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	pc := products.New(client)

	page, err := pc.List(context.Background(), &products.ListOptions{Limit: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.Total, "flavours;", page.Engine, page.Versions)
	for _, p := range page.Products {
		pp := p.Properties
		fmt.Printf("%s %s brokers %d-%d, %d-%d GB per broker\n", p.ProductID, pp.EngineVersions,
			pp.MinBroker, pp.MaxBroker, pp.MinStoragePerNode, pp.MaxStoragePerNode)
	}
	// Output:
	// 18 flavours; reliability [4.8.0 5.x]
	// c6.4u8g.cluster.small 4.8.0 brokers 1-2, 300-10000 GB per broker
	// c6.4u8g.cluster 4.8.0 brokers 1-10, 300-30000 GB per broker
	// c6.8u16g.cluster 4.8.0 brokers 1-10, 300-30000 GB per broker
	// c6.12u24g.cluster 4.8.0 brokers 1-10, 400-30000 GB per broker
	// c6.16u32g.cluster 4.8.0 brokers 1-10, 500-30000 GB per broker
}

// Quotas tells how many more RocketMQ instances the project may create.
func ExampleClient_Quotas() {
	srv := rocketmqtest.NewServer(rocketmqtest.WithInstanceQuota(10))
	defer srv.Close()
	srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "orders"})
	srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "payments"})
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	q, err := products.New(client).Quotas(context.Background(), &products.QuotasOptions{Engine: "reliability"})
	if err != nil {
		fmt.Println(err)
		return
	}
	if r, ok := q.Resource(products.QuotaRocketMQInstance); ok {
		fmt.Println(r.Used, "of", r.Quota, "instances;", r.Quota-r.Used, "left")
	}
	// Output:
	// 2 of 10 instances; 8 left
}
