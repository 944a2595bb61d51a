package rocketmqtest

import (
	"strconv"
)

// GET /v2/{engine}/products: the static catalogue, filtered by type (the
// service type advanced, which every flavour has, or dec, which none has;
// a product type such as cluster.basic filters by that) and product_id.
func (s *Server) listProducts(c *call) result {
	typ, id := c.query("type"), c.query("product_id")
	var all []*Flavour
	for _, f := range catalogue {
		switch {
		case id != "" && f.ProductID != id,
			typ != "" && typ != "advanced" && typ != f.Type:
			continue
		}
		all = append(all, f)
	}
	limit, offset, e := c.page()
	if e != nil {
		return failed(e)
	}
	lo, hi := min(offset, len(all)), min(offset+limit, len(all))
	out := make([]wireProduct, 0, hi-lo)
	for _, f := range all[lo:hi] {
		out = append(out, s.wireProduct(f))
	}
	next, prev := nextPrev(len(all), limit, offset)
	engine := c.pathValue("engine")
	if engine == "" {
		engine = "reliability"
	}
	return okJSON(map[string]any{
		"total": len(all), "next_offset": next, "previous_offset": prev,
		"engine": engine, "versions": []string{"4.8.0", "5.x"}, "products": out,
	})
}

// GET /v2/rocketmq/products/cores?product_id=&broker_num=[&instance_id=].
func (s *Server) productCores(c *call) result {
	id := c.query("product_id")
	if id == "" {
		return failed(errInvalid("product_id is required."))
	}
	f := flavour(id)
	if f == nil {
		return failed(bad(codeBadProductID, "Invalid product_id.", quote(id)+" is not a product of the catalogue."))
	}
	if !c.hasQuery("broker_num") {
		return failed(errInvalid("broker_num is required."))
	}
	n, err := strconv.Atoi(c.query("broker_num"))
	if err != nil || n < 1 {
		return failed(errInvalid("broker_num must be an integer of at least 1, not " + quote(c.query("broker_num")) + "."))
	}
	out := map[string]any{"core_num": f.Cores * n}
	if iid := c.query("instance_id"); iid != "" {
		in := s.findInstanceLocked(iid)
		if in == nil {
			return failed(errInstanceNotFound())
		}
		st := in.storageSpace
		if n > in.brokerNum {
			st = in.storageSpace / max(in.brokerNum, 1) * n
		}
		out["total_extend_storage_space"] = st
	}
	return okJSON(out)
}

type wireQuota struct {
	Type  string `json:"type"`
	Quota int    `json:"quota"`
	Used  int    `json:"used"`
}

// GET /v2/{project_id}/quotas[?includeTagsQuota=][&onlyQuota=]: the
// RocketMQ instance quota counts the project's instances (those in the
// recycle bin included, as they keep their resources).
func (s *Server) showQuotas(c *call) result {
	tags := true
	if c.hasQuery("includeTagsQuota") {
		switch c.query("includeTagsQuota") {
		case "true":
		case "false":
			tags = false
		default:
			return failed(errInvalid("includeTagsQuota must be true or false, not " + quote(c.query("includeTagsQuota")) + "."))
		}
	}
	only := c.query("onlyQuota")
	switch only {
	case "", "reliability", "rocketmq", "kafka":
	default:
		return failed(errInvalid("onlyQuota must be reliability or kafka, not " + quote(only) + "."))
	}
	var res []wireQuota
	if only == "" || only == "kafka" {
		res = append(res, wireQuota{Type: "kafkaInstance", Quota: 100, Used: 0})
	}
	if only != "kafka" {
		res = append(res, wireQuota{Type: "rocketmqInstance", Quota: s.cfg.instanceQuota, Used: s.usedInstancesLocked(c.project)})
	}
	if tags {
		res = append(res, wireQuota{Type: "tags", Quota: 20, Used: 0})
	}
	return okJSON(map[string]any{"quotas": map[string]any{"resources": res}})
}

// usedInstancesLocked counts a project's instances against its quota.
func (s *Server) usedInstancesLocked(p *project) int {
	return len(p.instances) + len(p.x.bin)
}

// GET /v2/config/features.
func (s *Server) listFeatures(c *call) result {
	type wireFeature struct {
		FeatureID   string `json:"featureId"`
		Status      int    `json:"status"`
		Description string `json:"description"`
	}
	out := []wireFeature{
		{FeatureID: "rocketmq.acl", Status: 1, Description: "Access control lists of RocketMQ instances."},
		{FeatureID: "rocketmq.recycle", Status: 1, Description: "Recycle bin of deleted instances."},
		{FeatureID: "rocketmq.extend", Status: 1, Description: "Instance resizing (storage, brokers, flavour)."},
		{FeatureID: "rocketmq.diagnosis", Status: 1, Description: "Consumer group diagnosis."},
		{FeatureID: "rocketmq.ipv6", Status: 0, Description: "IPv6 access."},
	}
	return okJSON(map[string]any{"features": out, "totalRecord": len(out)})
}
