package rocketmqtest

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

type wireTopicBroker struct {
	BrokerName    string `json:"broker_name"`
	ReadQueueNum  int    `json:"read_queue_num"`
	WriteQueueNum int    `json:"write_queue_num"`
}

// wireTopic is 5.3.3's answer (table 5-54), also an entry of the topic
// list.
type wireTopic struct {
	Name               string            `json:"name"`
	TotalReadQueueNum  int               `json:"total_read_queue_num"`
	TotalWriteQueueNum int               `json:"total_write_queue_num"`
	Permission         string            `json:"permission"`
	Brokers            []wireTopicBroker `json:"brokers"`
}

func (t *topic) wire() wireTopic {
	w := wireTopic{
		Name:               t.name,
		TotalReadQueueNum:  t.totalRead(),
		TotalWriteQueueNum: t.totalWrite(),
		Permission:         t.perm,
		Brokers:            make([]wireTopicBroker, 0, len(t.brokers)),
	}
	for _, b := range t.brokers {
		w.Brokers = append(w.Brokers, wireTopicBroker{BrokerName: b, ReadQueueNum: t.readQ[b], WriteQueueNum: t.writeQ[b]})
	}
	return w
}

// checkBrokers validates a broker list (default: every broker).
func checkBrokers(in *instance, brokers []string) ([]string, *apiError) {
	if len(brokers) == 0 {
		return in.brokerNames(), nil
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(brokers))
	for _, b := range brokers {
		if !in.hasBroker(b) {
			return nil, errInvalid("The broker " + quote(b) + " does not exist; the instance has " + strings.Join(in.brokerNames(), ", ") + ".")
		}
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	return out, nil
}

func (s *Server) newTopicLocked(in *instance, name, permission string, brokers []string, queueNum int, now time.Time) (*topic, *apiError) {
	if e := checkResourceName("topic", name); e != nil {
		return nil, e
	}
	if permission == "" {
		permission = "all"
	}
	permission = strings.ToLower(permission)
	if !topicPerms[permission] {
		return nil, errInvalid("permission must be all, pub or sub, not " + quote(permission) + ".")
	}
	if queueNum < 1 || queueNum > 50 {
		return nil, errInvalid("queue_num must be from 1 to 50, not " + strconv.Itoa(queueNum) + ".")
	}
	bs, e := checkBrokers(in, brokers)
	if e != nil {
		return nil, e
	}
	if in.topics[name] != nil {
		return nil, bad(codeDuplicateTopic, "Duplicate topic name.", "The topic "+quote(name)+" already exists.")
	}
	if len(in.topics) >= in.maxPerKind() {
		return nil, bad(codeQuota, "The quota is insufficient.", "The instance has reached its maximum number of topics.")
	}
	return newTopic(name, permission, bs, queueNum, now), nil
}

type topicRequest struct {
	Name       string       `json:"name"`
	Brokers    []string     `json:"brokers"`
	QueueNum   *json.Number `json:"queue_num"`
	Permission string       `json:"permission"`
	Topics     []string     `json:"topics"`
}

// POST /v2/{project_id}/instances/{instance_id}/topics (5.3.1): create, or
// with ?action=delete delete several.
func (s *Server) createOrDeleteTopics(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req topicRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if c.hasQuery("action") {
		if a := c.q.Get("action"); a != "delete" {
			return failed(errInvalid("action must be delete, not " + quote(a) + "."))
		}
		if len(req.Topics) == 0 {
			return failed(errInvalid("topics must list the topics to delete."))
		}
		for _, n := range req.Topics {
			if in.topics[n] == nil {
				return failed(errTopicNotFound(n))
			}
		}
		for _, n := range req.Topics {
			in.removeTopic(n)
		}
		return okJSON(map[string]string{"job_id": newJobID()})
	}
	qn, ok := intOf(req.QueueNum, 8)
	if !ok {
		return failed(errInvalid("queue_num must be an integer."))
	}
	t, e := s.newTopicLocked(in, req.Name, req.Permission, req.Brokers, qn, c.now)
	if e != nil {
		return failed(e)
	}
	in.topics[t.name] = t
	if s.cfg.sampleTraffic {
		s.sampleTopicTrafficLocked(in, t, c.now)
	}
	return okJSON(map[string]string{"id": t.name})
}

// GET /v2/{project_id}/instances/{instance_id}/topics (beyond the
// reference): the topic list with the group list's paging fields.
func (s *Server) listTopics(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	all := in.sortedTopics()
	page, limit, offset, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	out := make([]wireTopic, 0, len(page))
	for _, t := range page {
		out = append(out, t.wire())
	}
	next, prev := nextPrev(len(all), limit, offset)
	mx := in.maxPerKind()
	return okJSON(map[string]any{
		"total":           len(all),
		"max":             mx,
		"remaining":       mx - len(all),
		"next_offset":     next,
		"previous_offset": prev,
		"topics":          out,
	})
}

func (c *call) topic(in *instance) (*topic, *apiError) {
	name := c.pathValue("topic")
	t := in.topics[name]
	if t == nil {
		return nil, errTopicNotFound(name)
	}
	return t, nil
}

// GET /v2/{project_id}/instances/{instance_id}/topics/{topic} (5.3.3).
func (s *Server) getTopic(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	t, e := c.topic(in)
	if e != nil {
		return failed(e)
	}
	return okJSON(t.wire())
}

type updateTopicRequest struct {
	ReadQueueNum  *json.Number `json:"read_queue_num"`
	WriteQueueNum *json.Number `json:"write_queue_num"`
	Permission    *string      `json:"permission"`
}

// PUT /v2/{project_id}/instances/{instance_id}/topics/{topic} (5.3.4). The
// queue numbers are totals, spread over the topic's brokers.
func (s *Server) updateTopic(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	t, e := c.topic(in)
	if e != nil {
		return failed(e)
	}
	var req updateTopicRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	maxQ := 50 * len(t.brokers)
	num := func(field string, n *json.Number) (int, *apiError) {
		v, ok := intOf(n, 0)
		if !ok || v < 1 || v > maxQ {
			return 0, errInvalid(field + " must be an integer from 1 to " + strconv.Itoa(maxQ) + ".")
		}
		return v, nil
	}
	var rq, wq int
	if req.ReadQueueNum != nil {
		if rq, e = num("read_queue_num", req.ReadQueueNum); e != nil {
			return failed(e)
		}
	}
	if req.WriteQueueNum != nil {
		if wq, e = num("write_queue_num", req.WriteQueueNum); e != nil {
			return failed(e)
		}
	}
	if req.Permission != nil {
		p := strings.ToLower(*req.Permission)
		if !topicPerms[p] {
			return failed(errInvalid("permission must be all, pub or sub, not " + quote(*req.Permission) + "."))
		}
		t.perm = p
	}
	if rq > 0 {
		for i, n := range distribute(rq, len(t.brokers)) {
			t.readQ[t.brokers[i]] = n
		}
	}
	if wq > 0 {
		for i, n := range distribute(wq, len(t.brokers)) {
			t.writeQ[t.brokers[i]] = n
		}
	}
	for _, b := range t.brokers {
		t.ensureQueues(b)
	}
	return noContent()
}

// DELETE /v2/{project_id}/instances/{instance_id}/topics/{topic} (5.3.2).
func (s *Server) deleteTopic(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	t, e := c.topic(in)
	if e != nil {
		return failed(e)
	}
	in.removeTopic(t.name)
	return noContent()
}

// GET …/topics/{topic}/groups (5.3.5): the groups consuming the topic.
func (s *Server) topicGroups(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	t, e := c.topic(in)
	if e != nil {
		return failed(e)
	}
	var names []string
	for _, g := range in.sortedGroups() {
		if g.subs[t.name] != nil {
			names = append(names, g.name)
		}
	}
	page, _, _, e := paged(c, names)
	if e != nil {
		return failed(e)
	}
	if page == nil {
		page = []string{}
	}
	return okJSON(map[string]any{"groups": page, "total": len(names)})
}

type wireStatusQueue struct {
	ID              int   `json:"id"`
	MinOffset       int64 `json:"min_offset"`
	MaxOffset       int64 `json:"max_offset"`
	LastMessageTime int64 `json:"last_message_time"`
}

type wireStatusBroker struct {
	Queues     []wireStatusQueue `json:"queues"`
	BrokerName string            `json:"broker_name"`
}

// GET …/topics/{topic}/status (5.3.6): offsets per queue, as an array of
// brokers (the table's form).
func (s *Server) topicStatus(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	t, e := c.topic(in)
	if e != nil {
		return failed(e)
	}
	out := make([]wireStatusBroker, 0, len(t.brokers))
	for _, b := range t.brokers {
		wb := wireStatusBroker{BrokerName: b, Queues: []wireStatusQueue{}}
		qs := t.queues[b]
		for _, q := range qs[:min(max(t.readQ[b], t.writeQ[b]), len(qs))] {
			var last int64
			if n := len(q.msgs); n > 0 {
				last = q.msgs[n-1].storeTime
			}
			wb.Queues = append(wb.Queues, wireStatusQueue{ID: q.id, MinOffset: q.min, MaxOffset: q.maxOffset(), LastMessageTime: last})
		}
		out = append(out, wb)
	}
	return okJSON(map[string]any{"brokers": out})
}
