package rocketmqtest

import (
	"encoding/json"
	"slices"
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
	// The current service's fields.
	CreatedAt   int64  `json:"created_at"`
	MessageType string `json:"message_type,omitempty"`
	TopicDesc   string `json:"topic_desc,omitempty"`
}

// codeQueueExists is appendix 7.2's "The queue already exists."
const codeQueueExists = "DMS.10240017"

// topicMessageTypes are the values of message_type (5.x instances).
var topicMessageTypes = map[string]bool{"NORMAL": true, "FIFO": true, "DELAY": true, "TRANSACTION": true}

func (t *topic) wire() wireTopic {
	w := wireTopic{
		Name:               t.name,
		TotalReadQueueNum:  t.totalRead(),
		TotalWriteQueueNum: t.totalWrite(),
		Permission:         t.perm,
		Brokers:            make([]wireTopicBroker, 0, len(t.brokers)),
		CreatedAt:          t.created.UnixMilli(),
		MessageType:        t.msgType,
		TopicDesc:          t.desc,
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

// newTopicLocked checks and builds a topic; rule checks its name
// (checkResourceName when nil, the creation rule).
func (s *Server) newTopicLocked(in *instance, name, permission string, brokers []string, queueNum int, now time.Time, rule func(kind, name string) *apiError) (*topic, *apiError) {
	if rule == nil {
		rule = checkResourceName
	}
	if e := rule("topic", name); e != nil {
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
		return nil, bad(codeDuplicateTopic, "Duplicate topic name: the topic already exists.", quote(name))
	}
	if len(in.topics) >= in.maxPerKind() {
		return nil, bad(codeQuota, "The quota is insufficient.", "The instance has reached its maximum number of topics.")
	}
	return newTopic(name, permission, bs, queueNum, now), nil
}

type topicRequest struct {
	Name        string            `json:"name"`
	Brokers     []string          `json:"brokers"`
	QueueNum    *json.Number      `json:"queue_num"`
	Permission  string            `json:"permission"`
	Topics      []string          `json:"topics"`
	MessageType string            `json:"message_type"`
	Queues      []topicQueueEntry `json:"queues"`
}

// topicQueueEntry is an entry of queues: queue_num on create,
// read_queue_num and write_queue_num on update.
type topicQueueEntry struct {
	Broker        string       `json:"broker"`
	QueueNum      *json.Number `json:"queue_num"`
	ReadQueueNum  *json.Number `json:"read_queue_num"`
	WriteQueueNum *json.Number `json:"write_queue_num"`
}

// checkQueueEntries checks per-broker queues: known brokers, each once
// (a broker named twice is DMS.10240017, the queue already exists), and
// the counts 1–50 (n returns an entry's counts).
func checkQueueEntries(in *instance, qs []topicQueueEntry, n func(topicQueueEntry) []*json.Number) *apiError {
	seen := map[string]bool{}
	for _, q := range qs {
		if !in.hasBroker(q.Broker) {
			return errInvalid("queues: the broker " + quote(q.Broker) + " does not exist; the instance has " + strings.Join(in.brokerNames(), ", ") + ".")
		}
		if seen[q.Broker] {
			return bad(codeQueueExists, "The queue already exists.", "queues names the broker "+quote(q.Broker)+" twice.")
		}
		seen[q.Broker] = true
		for _, v := range n(q) {
			if v == nil {
				continue
			}
			k, ok := intOf(v, 0)
			if !ok || k < 1 || k > 50 {
				return errInvalid("queues: the queue numbers of " + quote(q.Broker) + " must be integers from 1 to 50.")
			}
		}
	}
	return nil
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
	if req.MessageType != "" && !topicMessageTypes[req.MessageType] {
		return failed(errInvalid("message_type must be NORMAL, FIFO, DELAY or TRANSACTION, not " + quote(req.MessageType) + "."))
	}
	if e := checkQueueEntries(in, req.Queues, func(q topicQueueEntry) []*json.Number { return []*json.Number{q.QueueNum} }); e != nil {
		return failed(e)
	}
	brokers := req.Brokers
	if len(req.Queues) > 0 && len(brokers) == 0 {
		for _, q := range req.Queues {
			brokers = append(brokers, q.Broker)
		}
	}
	t, e := s.newTopicLocked(in, req.Name, req.Permission, brokers, qn, c.now, nil)
	if e != nil {
		return failed(e)
	}
	t.msgType = req.MessageType
	for _, q := range req.Queues {
		if n, _ := intOf(q.QueueNum, 0); n > 0 && t.readQ[q.Broker] > 0 {
			t.readQ[q.Broker], t.writeQ[q.Broker] = n, n
			t.ensureQueues(q.Broker)
		}
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
	ReadQueueNum  *json.Number      `json:"read_queue_num"`
	WriteQueueNum *json.Number      `json:"write_queue_num"`
	Permission    *string           `json:"permission"`
	Queues        []topicQueueEntry `json:"queues"`
	TopicDesc     *string           `json:"topic_desc"`
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
	if e := checkQueueEntries(in, req.Queues, func(q topicQueueEntry) []*json.Number { return []*json.Number{q.ReadQueueNum, q.WriteQueueNum} }); e != nil {
		return failed(e)
	}
	for _, q := range req.Queues {
		if !slices.Contains(t.brokers, q.Broker) {
			return failed(errInvalid("queues: the topic is not on the broker " + quote(q.Broker) + "."))
		}
	}
	if req.Permission != nil {
		p := strings.ToLower(*req.Permission)
		if !topicPerms[p] {
			return failed(errInvalid("permission must be all, pub or sub, not " + quote(*req.Permission) + "."))
		}
		t.perm = p
	}
	if req.TopicDesc != nil {
		t.desc = *req.TopicDesc
	}
	for _, q := range req.Queues {
		if n, _ := intOf(q.ReadQueueNum, 0); n > 0 {
			t.readQ[q.Broker] = n
		}
		if n, _ := intOf(q.WriteQueueNum, 0); n > 0 {
			t.writeQ[q.Broker] = n
		}
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
	var minSum, maxSum int64
	for _, b := range t.brokers {
		wb := wireStatusBroker{BrokerName: b, Queues: []wireStatusQueue{}}
		qs := t.queues[b]
		for _, q := range qs[:min(max(t.readQ[b], t.writeQ[b]), len(qs))] {
			var last int64
			if n := len(q.msgs); n > 0 {
				last = q.msgs[n-1].storeTime
			}
			wb.Queues = append(wb.Queues, wireStatusQueue{ID: q.id, MinOffset: q.min, MaxOffset: q.maxOffset(), LastMessageTime: last})
			minSum += q.min
			maxSum += q.maxOffset()
		}
		out = append(out, wb)
	}
	// The current service adds the sums over the queues.
	return okJSON(map[string]any{"brokers": out, "max_offset": maxSum, "min_offset": minSum})
}
