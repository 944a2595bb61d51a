package rocketmqtest

import (
	"fmt"
	"strconv"
	"strings"
)

// GET /v2/{project_id}/{engine}/instances/{instance_id}/nodes: three
// nodes (a master, broker_id 0, and two slaves) per broker.
func (s *Server) listNodes(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	type wireNode struct {
		ID            string `json:"id"`
		BrokerName    string `json:"broker_name"`
		BrokerID      int    `json:"broker_id"`
		Address       string `json:"address"`
		PublicAddress string `json:"public_address"`
	}
	var all []wireNode
	for b := 0; b < in.brokerNum; b++ {
		for r := 0; r < 3; r++ {
			ip := in.ip(20 + 3*b + r)
			n := wireNode{ID: portID(in.id, "node/"+ip), BrokerName: "broker-" + strconv.Itoa(b), BrokerID: r,
				Address: fmt.Sprintf("%s:%d", ip, in.brokerPort(b))}
			if in.enablePublicIP {
				n.PublicAddress = fmt.Sprintf("%s:%d", in.publicIP(20+3*b+r), in.brokerPort(b)+100)
			}
			all = append(all, n)
		}
	}
	limit, offset, e := c.page()
	if e != nil {
		return failed(e)
	}
	lo, hi := min(offset, len(all)), min(offset+limit, len(all))
	return okJSON(map[string]any{"nodes": append([]wireNode{}, all[lo:hi]...), "total": len(all)})
}

// GET /v2/{project_id}/instances/{instance_id}/ces-hierarchy.
func (s *Server) cesHierarchy(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	type named struct {
		Name string `json:"name"`
	}
	type child struct {
		Name      string   `json:"name"`
		Metrics   []string `json:"metrics"`
		KeyName   []string `json:"key_name"`
		DimRouter []string `json:"dim_router"`
	}
	type dimension struct {
		child
		Children []child `json:"children"`
	}
	type wireGroup struct {
		Name   string  `json:"name"`
		Topics []named `json:"topics"`
	}
	dims := []dimension{{
		child: child{Name: "rocketmq_instance_id", Metrics: []string{"current_topics", "current_queues", "instance_produce_msg", "instance_consume_msg"},
			KeyName: []string{"instance_id"}, DimRouter: []string{"rocketmq_instance_id"}},
		Children: []child{
			{Name: "rocketmq_broker", Metrics: []string{"broker_produce_msg", "broker_consume_msg", "broker_disk_usage"}, KeyName: []string{"nodes"}, DimRouter: []string{"rocketmq_instance_id", "rocketmq_broker"}},
			{Name: "rocketmq_topic", Metrics: []string{"topic_produce_msg", "topic_consume_msg"}, KeyName: []string{"topics"}, DimRouter: []string{"rocketmq_instance_id", "rocketmq_topic"}},
			{Name: "rocketmq_group", Metrics: []string{"consumer_group_accumulation", "consumer_group_consume_msg"}, KeyName: []string{"groups"}, DimRouter: []string{"rocketmq_instance_id", "rocketmq_group"}},
		},
	}}
	nodes := []map[string]string{}
	for b, name := range in.brokerNames() {
		az := ""
		if len(in.azs) > 0 {
			az = in.azs[b%len(in.azs)]
		}
		nodes = append(nodes, map[string]string{"name": name, "available_zone": az})
	}
	topics := []named{}
	for _, t := range in.sortedTopics() {
		topics = append(topics, named{t.name})
	}
	groups, dlq := []wireGroup{}, []named{}
	for _, g := range in.sortedGroups() {
		wg := wireGroup{Name: g.name, Topics: []named{}}
		for _, t := range in.sortedTopics() {
			if g.subs[t.name] != nil {
				wg.Topics = append(wg.Topics, named{t.name})
			}
		}
		groups = append(groups, wg)
		dlq = append(dlq, named{"%DLQ%" + g.name})
	}
	return okJSON(map[string]any{
		"dimensions": dims, "instance_ids": []named{{in.id}}, "nodes": nodes,
		"topics": topics, "dlq": dlq, "groups": groups,
	})
}

// configItem is one configuration item of an instance.
type configItem struct {
	name, configType, def, valid, valueType string
	min, max                                int
}

// configItems are the RocketMQ configuration items the emulator answers;
// only fileReservedTime (hours a message is kept, 1–168: up to 7 days) can
// be changed.
var configItems = []configItem{
	{name: "fileReservedTime", configType: "dynamic", def: "48", valid: "1~168", valueType: "integer", min: 1, max: 168},
	{name: "maxMessageSize", configType: "static", def: "4194304", valid: "1~4194304", valueType: "integer"},
	{name: "autoCreateTopicEnable", configType: "static", def: "false", valid: "true,false", valueType: "boolean"},
}

// GET /v2/{project_id}/rocketmq/instances/{instance_id}/configs.
func (s *Server) listConfigs(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	type wireConfig struct {
		Name         string `json:"name"`
		Value        string `json:"value"`
		ConfigType   string `json:"config_type"`
		DefaultValue string `json:"default_value"`
		ValidValues  string `json:"valid_values"`
		ValueType    string `json:"value_type"`
	}
	limit, offset, e := c.page()
	if e != nil {
		return failed(e)
	}
	all := configItems
	lo, hi := min(offset, len(all)), min(offset+limit, len(all))
	out := make([]wireConfig, 0, hi-lo)
	for _, it := range all[lo:hi] {
		v, ok := in.x.configs[it.name]
		if !ok {
			v = it.def
		}
		out = append(out, wireConfig{Name: it.name, Value: v, ConfigType: it.configType, DefaultValue: it.def, ValidValues: it.valid, ValueType: it.valueType})
	}
	next, prev := nextPrev(len(all), limit, offset)
	return okJSON(map[string]any{"total": len(all), "next_offset": next, "previous_offset": prev, "rocketmq_configs": out})
}

// PUT /v2/{project_id}/rocketmq/instances/{instance_id}/configs
// {"rocketmq_configs":[{"name","value"}]}: every item is checked before
// any is changed.
func (s *Server) updateConfigs(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		Configs []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"rocketmq_configs"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if len(req.Configs) == 0 {
		return failed(errInvalid("rocketmq_configs must not be empty."))
	}
	for _, kv := range req.Configs {
		if kv.Name != "fileReservedTime" {
			return failed(bad(codeBadConfigParam, "Invalid configuration parameter "+kv.Name+".", "Only fileReservedTime can be changed."))
		}
		n, err := strconv.Atoi(strings.TrimSpace(kv.Value))
		if err != nil || n < configItems[0].min || n > configItems[0].max {
			return failed(bad(codeBadConfigParam, "Invalid configuration parameter "+kv.Name+".", "fileReservedTime is a number of hours from 1 to 168, not "+quote(kv.Value)+"."))
		}
	}
	if in.x.configs == nil {
		in.x.configs = make(map[string]string)
	}
	for _, kv := range req.Configs {
		in.x.configs[kv.Name] = strings.TrimSpace(kv.Value)
	}
	return noContent()
}

// tlsModes are the tls_mode values the emulator accepts.
var tlsModes = map[string]bool{"PLAINTEXT": true, "SSL": true, "PERMISSIVE": true}

// POST /v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch
// {tls_mode}: the instance takes the mode at once (Get shows it, and
// ssl_enable unless PLAINTEXT); a background task records the change.
func (s *Server) switchSSL(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		TLSMode *string `json:"tls_mode"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if req.TLSMode == nil || !tlsModes[*req.TLSMode] {
		return failed(errInvalid("tls_mode must be PLAINTEXT, SSL or PERMISSIVE."))
	}
	mode := *req.TLSMode
	in.x.tlsMode = mode
	in.sslEnable = mode != "PLAINTEXT"
	t := s.startTaskLocked(in, "modifyInstanceSslConfig", `{"tls_mode":`+quote(mode)+`}`, []string{"updateBrokers", "restartProxies"}, c.now, nil)
	return okJSON(map[string]string{"job_id": t.id, "tls_mode": mode})
}

// POST /v2/{project_id}/rocketmq/instances/{instance_id}/dns: Get then
// shows dns_enable and the name server's domain name.
func (s *Server) enableDNS(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	in.x.dnsEnable = true
	return noContent()
}

func (in *instance) volumeExpansion() volumeExpansion {
	if in.x.vol != nil {
		return *in.x.vol
	}
	return volumeExpansion{threshold: 80, increment: 20, maxSize: min(in.storageSpace*2/100*100, in.brokerNum*30000-100)}
}

// GET /v2/{project_id}/instances/{instance_id}/auto-volume-expand.
func (s *Server) getVolumeExpansion(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	v := in.volumeExpansion()
	return okJSON(map[string]any{"auto_volume_expand_enable": v.enable, "expand_threshold": v.threshold, "max_volume_size": v.maxSize, "expand_increment": v.increment})
}

// PUT /v2/{project_id}/instances/{instance_id}/auto-volume-expand:
// auto_volume_expand_enable required; threshold 20–80, increment 10–100
// (percent); max_volume_size a multiple of 100, above the current storage
// and below brokers × 30000. The answer is the bare JSON string "success".
func (s *Server) updateVolumeExpansion(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		Enable    *bool `json:"auto_volume_expand_enable"`
		Threshold *int  `json:"expand_threshold"`
		MaxSize   *int  `json:"max_volume_size"`
		Increment *int  `json:"expand_increment"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if req.Enable == nil {
		return failed(errInvalid("auto_volume_expand_enable is required."))
	}
	v := in.volumeExpansion()
	v.enable = *req.Enable
	if req.Threshold != nil {
		if *req.Threshold < 20 || *req.Threshold > 80 {
			return failed(errInvalid(fmt.Sprintf("expand_threshold must be from 20 to 80 (percent), not %d.", *req.Threshold)))
		}
		v.threshold = *req.Threshold
	}
	if req.Increment != nil {
		if *req.Increment < 10 || *req.Increment > 100 {
			return failed(errInvalid(fmt.Sprintf("expand_increment must be from 10 to 100 (percent), not %d.", *req.Increment)))
		}
		v.increment = *req.Increment
	}
	if req.MaxSize != nil {
		n := *req.MaxSize
		switch {
		case n%100 != 0:
			return failed(errInvalid(fmt.Sprintf("max_volume_size must be a multiple of 100, not %d.", n)))
		case n <= in.storageSpace:
			return failed(errInvalid(fmt.Sprintf("max_volume_size must be more than the current storage of %d GB, not %d.", in.storageSpace, n)))
		case n >= in.brokerNum*30000:
			return failed(errInvalid(fmt.Sprintf("max_volume_size must be less than %d (brokers × 30000), not %d.", in.brokerNum*30000, n)))
		}
		v.maxSize = n
	}
	in.x.vol = &v
	return jsonStatus(200, "success")
}
