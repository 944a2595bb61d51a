package products

// Path templates (current API, beyond the 2022 reference). {engine} and
// {project_id} are filled by the client; the catalogue paths have no
// project.
const (
	// listPath lists an engine's flavours (ListEngineProducts).
	listPath = "/v2/{engine}/products"
	// coresPath gives a flavour's billed cores (ShowRocketMqProductCores);
	// its engine is literal.
	coresPath = "/v2/rocketmq/products/cores"
	// quotasPath shows the tenant's quotas (ShowQuotas).
	quotasPath = "/v2/{project_id}/quotas"
	// featuresPath lists the feature switches (ListConfigFeatures).
	featuresPath = "/v2/config/features"
)
