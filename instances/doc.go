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
//	running := &instances.ListOptions{Status: instances.StatusRunning}
//	for inst, err := range ic.ListIter(ctx, running) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(inst.InstanceID, inst.Name)
//	}
//
// WaitForStatus polls every 10s for at most 30m by default (WaitOptions),
// and stops at once when the instance reaches a failure status, DELETING or
// DELETED. ListIter pages through List until it has seen the total the
// service reports (without one, until a short page).
//
// Input is validated before anything is sent (a *rocketmq.ValidationError
// names the field); service errors are *rocketmq.APIError, and
// rocketmq.IsNotFound tells a missing instance.
package instances
