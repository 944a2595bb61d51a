package rocketmqtest

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// wireGroup is a ConsumerGroup (5.2.1 table 5-25).
type wireGroup struct {
	Enabled       bool     `json:"enabled"`
	Broadcast     bool     `json:"broadcast"`
	Brokers       []string `json:"brokers"`
	Name          string   `json:"name"`
	RetryMaxTime  int      `json:"retry_max_time"`
	FromBeginning bool     `json:"from_beginning"`
	// The current service's fields.
	GroupDesc      string `json:"group_desc"`
	CreatedAt      int64  `json:"created_at"`
	ConsumeOrderly bool   `json:"consume_orderly"`
	GroupOnline    bool   `json:"group_online"`
	// TopicSubscriptionCount is in the list only.
	TopicSubscriptionCount *int64 `json:"topic_subscription_count,omitempty"`
}

func (g *group) wire() wireGroup {
	return wireGroup{
		Enabled:       g.enabled,
		Broadcast:     g.broadcast,
		Brokers:       slices.Clone(g.brokers),
		Name:          g.name,
		RetryMaxTime:  g.retryMax,
		FromBeginning: g.fromBeginning,

		GroupDesc:      g.desc,
		CreatedAt:      g.created.UnixMilli(),
		ConsumeOrderly: g.orderly,
		GroupOnline:    g.online(),
	}
}

func checkRetry(n int) *apiError {
	if n < 1 || n > 16 {
		return errInvalid("retry_max_time must be from 1 to 16, not " + strconv.Itoa(n) + ".")
	}
	return nil
}

// checkGroupDesc checks group_desc: 0–200 characters.
func checkGroupDesc(d *string) *apiError {
	if d != nil && utf8.RuneCountInString(*d) > 200 {
		return errInvalid("group_desc must be at most 200 characters long, not " + strconv.Itoa(utf8.RuneCountInString(*d)) + ".")
	}
	return nil
}

// newGroupLocked checks and builds a group; rule checks its name
// (checkResourceName when nil, the creation rule).
func (s *Server) newGroupLocked(in *instance, name string, enabled, broadcast, fromBeginning bool, brokers []string, retry int, now time.Time, rule func(kind, name string) *apiError) (*group, *apiError) {
	if rule == nil {
		rule = checkResourceName
	}
	if e := rule("group", name); e != nil {
		return nil, e
	}
	if e := checkRetry(retry); e != nil {
		return nil, e
	}
	bs, e := checkBrokers(in, brokers)
	if e != nil {
		return nil, e
	}
	if in.groups[name] != nil {
		return nil, bad(codeGroupExists, "The consumer group already exists.", quote(name))
	}
	if len(in.groups) >= in.maxPerKind() {
		return nil, bad(codeQuota, "The quota is insufficient.", "The instance has reached its maximum number of consumer groups.")
	}
	return &group{
		name:          name,
		enabled:       enabled,
		broadcast:     broadcast,
		fromBeginning: fromBeginning,
		brokers:       bs,
		retryMax:      retry,
		subs:          make(map[string]*subscription),
		created:       now,
	}, nil
}

type groupRequest struct {
	Groups         []string     `json:"groups"`
	Enabled        *bool        `json:"enabled"`
	Broadcast      *bool        `json:"broadcast"`
	Brokers        []string     `json:"brokers"`
	Name           string       `json:"name"`
	RetryMaxTime   *json.Number `json:"retry_max_time"`
	FromBeginning  *bool        `json:"from_beginning"`
	GroupDesc      *string      `json:"group_desc"`
	ConsumeOrderly *bool        `json:"consume_orderly"`
}

func boolOr(p *bool, d bool) bool {
	if p == nil {
		return d
	}
	return *p
}

// GET /v2/{project_id}/instances/{instance_id}/groups (5.2.1).
func (s *Server) listGroups(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	filter := c.q.Get("group")
	var all []*group
	for _, g := range in.sortedGroups() {
		if filter == "" || containsFold(g.name, filter) {
			all = append(all, g)
		}
	}
	page, limit, offset, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	out := make([]wireGroup, 0, len(page))
	for _, g := range page {
		w := g.wire()
		n := int64(len(g.subs))
		w.TopicSubscriptionCount = &n
		out = append(out, w)
	}
	next, prev := nextPrev(len(all), limit, offset)
	mx := in.maxPerKind()
	return okJSON(map[string]any{
		"total":           len(all),
		"groups":          out,
		"max":             mx,
		"remaining":       mx - len(in.groups),
		"next_offset":     next,
		"previous_offset": prev,
	})
}

// POST /v2/{project_id}/instances/{instance_id}/groups (5.2.2): create, or
// with ?action=delete delete several.
func (s *Server) createOrDeleteGroups(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req groupRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if c.hasQuery("action") {
		if a := c.q.Get("action"); a != "delete" {
			return failed(errInvalid("action must be delete, not " + quote(a) + "."))
		}
		if len(req.Groups) == 0 {
			return failed(errInvalid("groups must list the consumer groups to delete."))
		}
		for _, n := range req.Groups {
			if in.groups[n] == nil {
				return failed(errGroupNotFound(n))
			}
		}
		for _, n := range req.Groups {
			in.removeGroup(n)
		}
		return okJSON(map[string]string{"job_id": newJobID()})
	}
	retry, ok := intOf(req.RetryMaxTime, 16)
	if !ok {
		return failed(errInvalid("retry_max_time must be an integer."))
	}
	if e := checkGroupDesc(req.GroupDesc); e != nil {
		return failed(e)
	}
	g, e := s.newGroupLocked(in, req.Name, boolOr(req.Enabled, true), boolOr(req.Broadcast, false), boolOr(req.FromBeginning, false), req.Brokers, retry, c.now, nil)
	if e != nil {
		return failed(e)
	}
	if req.GroupDesc != nil {
		g.desc = *req.GroupDesc
	}
	g.orderly = boolOr(req.ConsumeOrderly, false)
	in.groups[g.name] = g
	if s.cfg.sampleTraffic {
		s.sampleGroupTrafficLocked(in, g, c.now)
	}
	return okJSON(map[string]string{"name": g.name})
}

type groupUpdate struct {
	Enabled        *bool        `json:"enabled"`
	Broadcast      *bool        `json:"broadcast"`
	Brokers        []string     `json:"brokers"`
	Name           string       `json:"name"`
	RetryMaxTime   *json.Number `json:"retry_max_time"`
	FromBeginning  *bool        `json:"from_beginning"`
	GroupDesc      *string      `json:"group_desc"`
	ConsumeOrderly *bool        `json:"consume_orderly"`
}

// check validates an update against the instance (retry is -1 when
// unchanged); apply makes it.
func (u *groupUpdate) check(in *instance) (retry int, brokers []string, e *apiError) {
	retry = -1
	if u.RetryMaxTime != nil {
		n, ok := intOf(u.RetryMaxTime, 0)
		if !ok {
			return 0, nil, errInvalid("retry_max_time must be an integer.")
		}
		if e := checkRetry(n); e != nil {
			return 0, nil, e
		}
		retry = n
	}
	if e := checkGroupDesc(u.GroupDesc); e != nil {
		return 0, nil, e
	}
	if u.Brokers != nil {
		bs, e := checkBrokers(in, u.Brokers)
		if e != nil {
			return 0, nil, e
		}
		brokers = bs
	}
	return retry, brokers, nil
}

func (u *groupUpdate) apply(g *group, retry int, brokers []string) {
	if u.Enabled != nil {
		g.enabled = *u.Enabled
	}
	if u.Broadcast != nil {
		g.broadcast = *u.Broadcast
	}
	if u.FromBeginning != nil {
		g.fromBeginning = *u.FromBeginning
	}
	if u.GroupDesc != nil {
		g.desc = *u.GroupDesc
	}
	if u.ConsumeOrderly != nil {
		g.orderly = *u.ConsumeOrderly
	}
	if retry >= 0 {
		g.retryMax = retry
	}
	if brokers != nil {
		g.brokers = brokers
	}
}

// PUT /v2/{project_id}/instances/{instance_id}/groups (5.2.3).
func (s *Server) batchUpdateGroups(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		Groups []groupUpdate `json:"groups"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if len(req.Groups) == 0 {
		return failed(errInvalid("groups must list the consumer groups to modify."))
	}
	type change struct {
		g       *group
		u       *groupUpdate
		retry   int
		brokers []string
	}
	var changes []change
	for i := range req.Groups {
		u := &req.Groups[i]
		g := in.groups[u.Name]
		if g == nil {
			return failed(errGroupNotFound(u.Name))
		}
		retry, brokers, e := u.check(in)
		if e != nil {
			return failed(e)
		}
		changes = append(changes, change{g, u, retry, brokers})
	}
	for _, ch := range changes {
		ch.u.apply(ch.g, ch.retry, ch.brokers)
	}
	return okJSON(map[string]string{"job_id": newJobID()})
}

func (c *call) group(in *instance) (*group, *apiError) {
	name := c.pathValue("group")
	g := in.groups[name]
	if g == nil {
		return nil, errGroupNotFound(name)
	}
	return g, nil
}

// GET …/groups/{group} (5.2.5).
func (s *Server) getGroup(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	g, e := c.group(in)
	if e != nil {
		return failed(e)
	}
	return okJSON(struct {
		Name          string   `json:"name"`
		Enabled       bool     `json:"enabled"`
		Broadcast     bool     `json:"broadcast"`
		Brokers       []string `json:"brokers"`
		Permissions   []string `json:"permissions"`
		RetryMaxTime  int      `json:"retry_max_time"`
		FromBeginning bool     `json:"from_beginning"`
		AppID         *string  `json:"app_id"`
		AppName       *string  `json:"app_name"`

		GroupDesc      string `json:"group_desc"`
		CreatedAt      int64  `json:"created_at"`
		ConsumeOrderly bool   `json:"consume_orderly"`
		GroupOnline    bool   `json:"group_online"`
	}{
		Name: g.name, Enabled: g.enabled, Broadcast: g.broadcast, Brokers: slices.Clone(g.brokers),
		Permissions: []string{}, RetryMaxTime: g.retryMax, FromBeginning: g.fromBeginning,
		GroupDesc: g.desc, CreatedAt: g.created.UnixMilli(), ConsumeOrderly: g.orderly, GroupOnline: g.online(),
	})
}

// PUT …/groups/{group} (5.2.6).
func (s *Server) updateGroup(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	g, e := c.group(in)
	if e != nil {
		return failed(e)
	}
	var u groupUpdate
	if e := c.decode(&u, false); e != nil {
		return failed(e)
	}
	if u.Name != "" && u.Name != g.name {
		return failed(errInvalid("A consumer group cannot be renamed: name must be " + quote(g.name) + " or absent."))
	}
	retry, brokers, e := u.check(in)
	if e != nil {
		return failed(e)
	}
	u.apply(g, retry, brokers)
	return noContent()
}

// DELETE …/groups/{group} (5.2.4).
func (s *Server) deleteGroup(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	g, e := c.group(in)
	if e != nil {
		return failed(e)
	}
	in.removeGroup(g.name)
	return noContent()
}

type wireConsumeQueue struct {
	ID              int   `json:"id"`
	Lag             int64 `json:"lag"`
	BrokerOffset    int64 `json:"broker_offset"`
	ConsumerOffset  int64 `json:"consumer_offset"`
	LastMessageTime int64 `json:"last_message_time"`
}

type wireConsumeBroker struct {
	Queues     []wireConsumeQueue `json:"queues"`
	BrokerName string             `json:"broker_name"`
}

// GET …/groups/{group}/topics (5.2.7): without ?topic= the topics the
// group consumes ({topics, total}); with it, the consumption per queue
// ({brokers}).
func (s *Server) groupTopics(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	g, e := c.group(in)
	if e != nil {
		return failed(e)
	}
	if !c.hasQuery("topic") {
		var names []string
		for _, t := range in.sortedTopics() {
			if g.subs[t.name] != nil {
				names = append(names, t.name)
			}
		}
		page, _, _, e := paged(c, names)
		if e != nil {
			return failed(e)
		}
		if page == nil {
			page = []string{}
		}
		return okJSON(map[string]any{"topics": page, "total": len(names)})
	}
	tn := c.q.Get("topic")
	t := in.topics[tn]
	if t == nil {
		return failed(errTopicNotFound(tn))
	}
	out := []wireConsumeBroker{}
	sub := g.subs[t.name]
	if sub == nil {
		return okJSON(map[string]any{"brokers": out, "lag": 0, "max_offset": 0, "consumer_offset": 0})
	}
	var lag, maxOff, consumed int64
	for _, b := range t.brokers {
		wb := wireConsumeBroker{BrokerName: b, Queues: []wireConsumeQueue{}}
		qs := t.queues[b]
		for _, q := range qs[:min(t.readQ[b], len(qs))] {
			co := sub.offsets[qkey{b, q.id}]
			var last int64
			if m := q.at(co - 1); m != nil {
				last = m.storeTime
			}
			wb.Queues = append(wb.Queues, wireConsumeQueue{
				ID: q.id, Lag: max(q.maxOffset()-co, 0), BrokerOffset: q.maxOffset(), ConsumerOffset: co, LastMessageTime: last,
			})
			lag += max(q.maxOffset()-co, 0)
			maxOff += q.maxOffset()
			consumed += co
		}
		out = append(out, wb)
	}
	// The current service adds the totals: lag, messages (max_offset) and
	// consumed messages (consumer_offset).
	return okJSON(map[string]any{"brokers": out, "lag": lag, "max_offset": maxOff, "consumer_offset": consumed})
}

type wireResetQueue struct {
	BrokerName      string `json:"broker_name"`
	QueueID         int    `json:"queue_id"`
	TimestampOffset int64  `json:"timestamp_offset"`
}

// POST /v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset
// (5.2.8): move the group's consumer offsets on a topic (all its topics
// when none is given) to the first message stored at or after timestamp.
// The answer uses "timestamp_offset", as the reference's example does.
func (s *Server) resetOffset(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	g, e := c.group(in)
	if e != nil {
		return failed(e)
	}
	var req struct {
		Topic     string       `json:"topic"`
		Timestamp *json.Number `json:"timestamp"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	var ts int64
	if req.Timestamp != nil {
		v, err := req.Timestamp.Int64()
		if err != nil || v < 0 {
			return failed(bad(codeBadTimestamp, "Timestamp is invalid.", "timestamp must be Unix milliseconds."))
		}
		ts = v
	}
	var topics []*topic
	if req.Topic != "" {
		t := in.topics[req.Topic]
		if t == nil {
			return failed(errTopicNotFound(req.Topic))
		}
		topics = []*topic{t}
	} else {
		for _, t := range in.sortedTopics() {
			if g.subs[t.name] != nil {
				topics = append(topics, t)
			}
		}
	}
	out := []wireResetQueue{}
	for _, t := range topics {
		sub := subscribeLocked(g, t)
		for _, q := range t.readQueues() {
			off := q.maxOffset()
			for i, m := range q.msgs {
				if m.storeTime >= ts {
					off = q.min + int64(i)
					break
				}
			}
			sub.offsets[qkey{q.broker, q.id}] = off
			out = append(out, wireResetQueue{BrokerName: q.broker, QueueID: q.id, TimestampOffset: off})
		}
	}
	return okJSON(map[string]any{"queues": out})
}
