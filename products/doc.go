// Package products reads the DMS for RocketMQ catalogue and the tenant's
// limits (beyond the 2022 reference; the operations ListEngineProducts,
// ShowRocketMqProductCores, ShowQuotas and ListConfigFeatures of the
// current API): the flavours (product IDs) an instance can be created or
// resized with, with their broker, storage and TPS ranges; the billed cores
// of a flavour for a broker count; the project's instance and tag quotas;
// and the service's feature switches.
//
//	pc := products.New(client)
//	for p, err := range pc.ListIter(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(p.ProductID, p.Properties.EngineVersions,
//			p.Properties.MinStoragePerNode, p.Properties.MaxStoragePerNode)
//	}
//	q, err := pc.Quotas(ctx, &products.QuotasOptions{Engine: "reliability"})
//	…
//	if r, ok := q.Resource(products.QuotaRocketMQInstance); ok {
//		fmt.Println(r.Used, "of", r.Quota, "instances")
//	}
//
// Input is validated before anything is sent (*rocketmq.ValidationError
// names the field); service errors are *rocketmq.APIError. Numbers the
// definitions leave loose (the float total of List, flavour properties sent
// as strings) are decoded as int64.
package products
