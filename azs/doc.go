// Package azs lists the availability zones where DMS for RocketMQ instances
// can be created (reference section 5.8.1). Use an ID from the answer in
// instances.CreateRequest.AvailableZones.
//
//	list, err := azs.New(client).List(ctx)
//	for _, z := range list.AvailableZones {
//		if !z.SoldOut && z.HasResources() {
//			fmt.Println(z.ID, z.Name)
//		}
//	}
package azs
