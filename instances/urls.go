package instances

// Path templates; {project_id} and {engine} are filled by the client.
const (
	rootPath       = "/v2/{project_id}/instances"                       // 5.1.1, 5.1.2
	engineRootPath = "/v2/{engine}/{project_id}/instances"              // CreateInstanceByEngine
	instancePath   = "/v2/{project_id}/instances/{instance_id}"         // 5.1.3, 5.1.4, 5.1.5
	actionPath     = "/v2/{project_id}/instances/action"                // 5.1.6
	brokersPath    = "/v2/{project_id}/instances/{instance_id}/brokers" // 5.1.7

	resizePath      = "/v2/{engine}/{project_id}/instances/{instance_id}/extend"           // ResizeInstance, ShowEngineInstanceExtendProductInfo
	resizeCheckPath = "/v2/{project_id}/rocketmq/instances/{instance_id}/extend-check"     // ShowRocketMqScalePreCheckInfo
	nodesPath       = "/v2/{project_id}/{engine}/instances/{instance_id}/nodes"            // ShowInstanceNodes
	hierarchyPath   = "/v2/{project_id}/instances/{instance_id}/ces-hierarchy"             // ShowCesHierarchy
	configsPath     = "/v2/{project_id}/rocketmq/instances/{instance_id}/configs"          // ShowRocketMqConfigs, UpdateRocketMqConfigs
	sslPath         = "/v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch" // ModifyInstanceSslConfig
	dnsPath         = "/v2/{project_id}/rocketmq/instances/{instance_id}/dns"              // EnableDns
	volumePath      = "/v2/{project_id}/instances/{instance_id}/auto-volume-expand"        // ShowVolumeExpandConfig, UpdateVolumeExpansionConfig
	recyclePath     = "/v2/{project_id}/recycle"                                           // ShowRecycleInstances, RestoreRecycleInstance, ModifyRecyclePolicy
)
