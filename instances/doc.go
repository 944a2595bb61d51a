// Package instances manages DMS for RocketMQ instances: create, list, get,
// update, delete and batch delete them, list their brokers (reference
// section 5.1), and wait for an instance to reach a status or to be gone.
// It also covers the current service's instance operations: yearly/monthly
// billing on Create (Billing), Resize with its flavours
// (ListResizeProducts) and pre-check (CheckResize), ListNodes,
// GetMonitoringHierarchy, ListConfigs/UpdateConfigs, UpdateSSL, EnableDNS,
// GetVolumeExpansion/UpdateVolumeExpansion and the recycle bin
// (ListRecycleBin, Restore, UpdateRecyclePolicy). The job_id that Resize,
// UpdateSSL and Restore return is a background task of package tasks.
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
// WaitForStatus polls at once, then backs off from 100ms to every 10s, for
// at most 30m by default (WaitOptions; an explicit PollInterval is a fixed
// interval), and stops at once when the instance reaches a failure status
// (CREATEFAILED, EXTENDEDFAILED, …), DELETING or DELETED. ListIter pages through List until it has seen the total the
// service reports (without one, until a short page).
//
// Every method takes per-call options (rocketmq.CallOption) last. Input is
// validated before anything is sent (a *rocketmq.ValidationError names the
// field); service errors are *rocketmq.APIError, and rocketmq.IsNotFound
// tells a missing instance. Each method's godoc names its path and the IAM
// action it needs (a 403 names it too).
package instances
