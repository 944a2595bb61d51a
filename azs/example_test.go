package azs_test

import (
	"context"
	"fmt"

	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Pick the availability zone for a new instance: the default one when it
// has resources left.
func Example() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	list, err := azs.New(client).List(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	if z, ok := list.Default(); ok && !z.SoldOut && z.HasResources() {
		fmt.Println("default zone:", z.Name, z.Code)
	}
	// Output:
	// default zone: AZ3 cn-north-4c
}

// List returns every zone of the region; sold-out zones are listed too.
func ExampleClient_List() {
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}

	list, err := azs.New(client).List(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("region:", list.RegionID)
	for _, z := range list.AvailableZones {
		fmt.Printf("%s %s sold out: %t, resources: %t\n", z.Name, z.Code, z.SoldOut, z.HasResources())
	}
	// Output:
	// region: cn-north-4
	// AZ1 cn-north-4a sold out: false, resources: true
	// AZ2 cn-north-4b sold out: false, resources: true
	// AZ3 cn-north-4c sold out: false, resources: true
	// AZ4 cn-north-4d sold out: true, resources: false
}
