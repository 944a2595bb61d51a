// Package instances manages DMS for RocketMQ instances: create, list, get,
// update, delete and batch delete them, list their brokers (reference
// section 5.1), and wait for an instance to reach a status or to be gone.
//
//	ic := instances.New(client)
//	created, err := ic.Create(ctx, &instances.CreateRequest{
//		Name:            "orders-mq",
//		Engine:          "reliability",
//		EngineVersion:   "4.8.0",
//		StorageSpace:    600,
//		VPCID:           vpcID,
//		SubnetID:        subnetID,
//		SecurityGroupID: sgID,
//		AvailableZones:  []string{azID},
//		ProductID:       "c6.4u8g.cluster",
//		StorageSpecCode: "dms.physical.storage.ultra.v2",
//		BrokerNum:       1,
//	})
//	inst, err := ic.WaitForStatus(ctx, created.InstanceID, instances.StatusRunning, nil)
//
//	for inst, err := range ic.ListIter(ctx, &instances.ListOptions{Status: instances.StatusRunning}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(inst.InstanceID, inst.Name)
//	}
//
// Input is validated before anything is sent (a *rocketmq.ValidationError
// names the field); service errors are *rocketmq.APIError, and
// rocketmq.IsNotFound tells a missing instance.
package instances
