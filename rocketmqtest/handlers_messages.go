package rocketmqtest

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

type wireProp struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// wireMessage is a Message (5.4.1 table 5-68, 5.4.3 table 5-77). Like the
// real service (and the reference's examples), reconsume_times, queue_id
// and queue_offset go out as numbers although the tables say String.
type wireMessage struct {
	MsgID          string     `json:"msg_id"`
	InstanceID     string     `json:"instance_id"`
	Topic          string     `json:"topic"`
	StoreTimestamp int64      `json:"store_timestamp"`
	BornTimestamp  int64      `json:"born_timestamp"`
	ReconsumeTimes int        `json:"reconsume_times"`
	Body           string     `json:"body"`
	BodyCRC        int64      `json:"body_crc"`
	StoreSize      int        `json:"store_size"`
	PropertyList   []wireProp `json:"property_list"`
	BornHost       string     `json:"born_host"`
	StoreHost      string     `json:"store_host"`
	QueueID        int        `json:"queue_id"`
	QueueOffset    int64      `json:"queue_offset"`
}

func (m *message) wire(instanceID string) wireMessage {
	w := wireMessage{
		MsgID:          m.msgID,
		InstanceID:     instanceID,
		Topic:          m.topic,
		StoreTimestamp: m.storeTime,
		BornTimestamp:  m.bornTime,
		ReconsumeTimes: m.reconsume,
		Body:           m.body,
		BodyCRC:        int64(m.bodyCRC),
		StoreSize:      m.storeSize,
		PropertyList:   make([]wireProp, 0, len(m.props)),
		BornHost:       m.bornHost,
		StoreHost:      m.storeHost,
		QueueID:        m.queueID,
		QueueOffset:    m.queueOffset,
	}
	for _, p := range m.props {
		w.PropertyList = append(w.PropertyList, wireProp{Name: p.name, Value: p.perm})
	}
	return w
}

// topicMessages returns a topic's messages (or a %DLQ%group's dead
// letters), oldest first; ok is false when there is no such topic.
func topicMessages(in *instance, name string) (msgs []*message, ok bool) {
	if g, isDLQ := strings.CutPrefix(name, "%DLQ%"); isDLQ {
		if in.groups[g] == nil {
			return nil, false
		}
		return slices.Clone(in.dlq[g]), true
	}
	t := in.topics[name]
	if t == nil {
		return nil, false
	}
	for _, qs := range t.queues {
		for _, q := range qs {
			msgs = append(msgs, q.msgs...)
		}
	}
	slices.SortFunc(msgs, func(a, b *message) int {
		return cmp.Or(cmp.Compare(a.storeTime, b.storeTime), strings.Compare(a.msgID, b.msgID))
	})
	return msgs, true
}

func parseMillis(field, v string) (int64, *apiError) {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < 0 {
		return 0, bad(codeBadTimestamp, "Timestamp is invalid.", field+" must be Unix milliseconds, not "+quote(v)+".")
	}
	return n, nil
}

// GET /v2/{engine}/{project_id}/instances/{instance_id}/messages (5.4.1):
// by msg_id, or by store time between start_time and end_time (required
// unless msg_id is given, as the reference says), narrowed by key (the
// current service's key: one of the message's KEYS); queue (the current
// service's) keeps the messages of that queue ID only.
func (s *Server) queryMessages(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	tn := c.q.Get("topic")
	if tn == "" {
		return failed(errInvalid("topic is required."))
	}
	msgs, ok := topicMessages(in, tn)
	if !ok {
		return failed(errTopicNotFound(tn))
	}
	if v := c.query("queue"); v != "" {
		qid, err := strconv.Atoi(v)
		if err != nil || qid < 0 {
			return failed(errInvalid("queue must be a queue ID (an integer of at least 0), not " + quote(v) + "."))
		}
		msgs = slices.DeleteFunc(msgs, func(m *message) bool { return m.queueID != qid })
	}
	key := c.query("key")
	var match []*message
	if id := c.query("msg_id"); id != "" {
		for _, m := range msgs {
			if m.msgID == id || m.uniqKey == id {
				match = append(match, m)
			}
		}
	} else {
		// The reference (5.4.1): start_time and end_time are required
		// unless the query is by msg_id; a key narrows a time range.
		st, et := c.q.Get("start_time"), c.q.Get("end_time")
		if st == "" || et == "" {
			return failed(errInvalid("start_time and end_time are required unless msg_id is given."))
		}
		start, e := parseMillis("start_time", st)
		if e != nil {
			return failed(e)
		}
		end, e := parseMillis("end_time", et)
		if e != nil {
			return failed(e)
		}
		if end < start {
			return failed(bad(codeBadTimestamp, "Timestamp is invalid.", "end_time is before start_time."))
		}
		for _, m := range msgs {
			if m.storeTime >= start && m.storeTime <= end && (key == "" || hasKey(m, key)) {
				match = append(match, m)
			}
		}
	}
	page, _, _, e := paged(c, match)
	if e != nil {
		return failed(e)
	}
	out := make([]wireMessage, 0, len(page))
	for _, m := range page {
		out = append(out, m.wire(in.id))
	}
	return okJSON(map[string]any{"messages": out, "total": len(match)})
}

// hasKey reports whether key is one of m's KEYS (separated by spaces, as
// RocketMQ stores several keys).
func hasKey(m *message, key string) bool {
	return slices.Contains(strings.Fields(m.keys), key)
}

// wireTrace is a trace record (5.4.2 table 5-73).
type wireTrace struct {
	Success              bool    `json:"success"`
	TraceType            string  `json:"trace_type"`
	Timestamp            int64   `json:"timestamp"`
	GroupName            string  `json:"group_name"`
	CostTime             int64   `json:"cost_time"`
	RequestID            string  `json:"request_id"`
	ConsumeStatus        int     `json:"consume_status"`
	Topic                string  `json:"topic"`
	MsgID                string  `json:"msg_id"`
	OffsetMsgID          string  `json:"offset_msg_id"`
	Tags                 string  `json:"tags"`
	Keys                 string  `json:"keys"`
	StoreHost            string  `json:"store_host"`
	ClientHost           string  `json:"client_host"`
	RetryTimes           int     `json:"retry_times"`
	BodyLength           int     `json:"body_length"`
	MsgType              string  `json:"msg_type"`
	TransactionState     *string `json:"transaction_state"`
	TransactionID        *string `json:"transaction_id"`
	FromTransactionCheck bool    `json:"from_transaction_check"`
}

// GET /v2/{engine}/{project_id}/instances/{instance_id}/trace?msg_id=
// (5.4.2): the trace records — the producer's Pub, and SubBefore and
// SubAfter of every group that consumed the message — paged like the
// current service: {trace, total, next_offset, previous_offset}, limit
// 1–50 (default 10), offset ≥ 0. (The 2022 reference's example is a bare
// array, which the SDK reads too.)
func (s *Server) traceMessage(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	id := c.query("msg_id")
	if id == "" {
		return failed(errInvalid("msg_id is required."))
	}
	m := in.msgs[id]
	if m == nil {
		for _, cand := range in.msgs {
			if cand.uniqKey == id {
				m = cand
				break
			}
		}
	}
	out := []wireTrace{}
	if m == nil {
		return pagedTrace(c, out)
	}
	base := wireTrace{
		Topic: m.topic, MsgID: m.uniqKey, OffsetMsgID: m.msgID, Tags: m.tags, Keys: m.keys,
		StoreHost: m.storeHost, BodyLength: len(m.body), MsgType: "Normal_Msg",
	}
	pub := base
	pub.Success, pub.TraceType, pub.Timestamp, pub.GroupName = true, "Pub", m.bornTime, m.producerGroup
	pub.CostTime, pub.ClientHost = m.pubCost, m.clientHost
	pub.RequestID = fmt.Sprintf("%016X%016X", fnv64(m.msgID+"/pub"), fnv64("pub/"+m.msgID))
	out = append(out, pub)
	if t := in.topics[m.topic]; t != nil {
		for _, g := range in.sortedGroups() {
			sub := g.subs[t.name]
			if sub == nil || sub.offsets[qkey{m.broker, m.queueID}] <= m.queueOffset {
				continue
			}
			h := fnv64(g.name + "/" + m.msgID)
			at := m.storeTime + 5 + int64(h%200)
			rid := fmt.Sprintf("%016X%016X", h, fnv64(m.msgID+"/"+g.name))
			consumer := in.ip(150 + int(h%50))
			before := base
			before.Success, before.TraceType, before.Timestamp, before.GroupName = true, "SubBefore", at, g.name
			before.RequestID, before.ClientHost = rid, consumer
			after := before
			after.TraceType, after.Timestamp, after.CostTime = "SubAfter", at+1+int64(h%30), 1+int64(h%30)
			out = append(out, before, after)
		}
	}
	return pagedTrace(c, out)
}

func pagedTrace(c *call, all []wireTrace) result {
	limit, offset, e := c.page()
	if e != nil {
		return failed(e)
	}
	lo, hi := min(offset, len(all)), min(offset+limit, len(all))
	next, prev := nextPrev(len(all), limit, offset)
	return okJSON(map[string]any{
		"trace":           all[lo:hi],
		"total":           len(all),
		"next_offset":     next,
		"previous_offset": prev,
	})
}

type deadLetterRequest struct {
	Topic       string   `json:"topic"`
	MsgIDList   []string `json:"msg_id_list"`
	UniqKeyList []string `json:"uniq_key_list"`
}

// POST /v2/{project_id}/instances/{instance_id}/messages/export (5.4.3):
// the dead letters of a topic (%DLQ%group) selected by msg_id or UNIQ_KEY
// (all of them when neither list is given), as an array of messages.
func (s *Server) exportDeadLetters(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req deadLetterRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	var pool []*message
	if req.Topic != "" {
		msgs, ok := topicMessages(in, req.Topic)
		if !ok {
			return failed(errTopicNotFound(req.Topic))
		}
		pool = msgs
	} else {
		for _, g := range in.sortedGroups() {
			pool = append(pool, in.dlq[g.name]...)
		}
	}
	ids := map[string]bool{}
	for _, id := range req.MsgIDList {
		ids[id] = true
	}
	keys := map[string]bool{}
	for _, k := range req.UniqKeyList {
		keys[k] = true
	}
	out := []wireMessage{}
	for _, m := range pool {
		if len(ids) == 0 && len(keys) == 0 || ids[m.msgID] || keys[m.uniqKey] {
			out = append(out, m.wire(in.id))
		}
	}
	return okJSON(out)
}

type wireResendResult struct {
	MsgID        string `json:"msg_id"`
	ErrorCode    string `json:"error_code"`
	ErrorMessage string `json:"error_message"`
}

const (
	resendOK    = "DMS.00000000"
	resendOKMsg = "Success."
)

// POST /v2/{engine}/{project_id}/instances/{instance_id}/messages/deadletter-resend
// (5.4.4): send dead letters back to their original topic.
func (s *Server) resendDeadLetters(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		Topic     string   `json:"topic"`
		MsgIDList []string `json:"msg_id_list"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if len(req.MsgIDList) == 0 {
		return failed(errInvalid("msg_id_list must list the messages to resend."))
	}
	if req.Topic != "" {
		if _, ok := topicMessages(in, req.Topic); !ok {
			return failed(errTopicNotFound(req.Topic))
		}
	}
	out := []wireResendResult{}
	for _, id := range req.MsgIDList {
		r := wireResendResult{MsgID: id, ErrorCode: resendOK, ErrorMessage: resendOKMsg}
		m := in.msgs[id]
		switch {
		// The reference's example names an ordinary topic ("topic_test"),
		// the export operation the dead-letter topic: either is accepted.
		case m == nil || m.deadLetterGroup == "" || (req.Topic != "" && m.topic != req.Topic && m.originalTopic != req.Topic):
			r.ErrorCode, r.ErrorMessage = codeInvalidParam, "The dead letter message does not exist."
		case in.topics[m.originalTopic] == nil:
			r.ErrorCode, r.ErrorMessage = codeTopicNotFound, "The original topic "+quote(m.originalTopic)+" no longer exists."
		default:
			s.produceLocked(in, in.topics[m.originalTopic], Message{Body: m.body, Tags: m.tags, Keys: m.keys}, c.now)
		}
		out = append(out, r)
	}
	return okJSON(map[string]any{"resend_results": out})
}

// POST /v2/{engine}/{project_id}/instances/{instance_id}/messages/resend
// (5.4.5): consumption verification — the messages are sent again to a
// client of the group. The group must be online (enabled and subscribed).
func (s *Server) verifyConsumption(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		Group     string   `json:"group"`
		ClientID  string   `json:"client_id"`
		MsgIDList []string `json:"msg_id_list"`
		Topic     string   `json:"topic"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if req.Group == "" {
		return failed(errInvalid("group is required."))
	}
	g := in.groups[req.Group]
	if g == nil {
		return failed(errGroupNotFound(req.Group))
	}
	if len(req.MsgIDList) == 0 {
		return failed(errInvalid("msg_id_list must list the messages to verify."))
	}
	if !g.online() {
		return failed(bad("DMS.50050004", "The consumer group is offline."))
	}
	// With clients seeded, client_id must name one of them: the consumer
	// to deliver to is not connected otherwise (RocketMQ's "consumer not
	// online", which the service answers with the offline code).
	if len(g.clients) > 0 && !g.hasClient(req.ClientID) {
		return failed(bad("DMS.50050004", "The consumer group is offline.", "No client "+quote(req.ClientID)+" is connected to the group "+quote(g.name)+"."))
	}
	if req.Topic != "" {
		if _, ok := topicMessages(in, req.Topic); !ok {
			return failed(errTopicNotFound(req.Topic))
		}
	}
	out := []wireResendResult{}
	for _, id := range req.MsgIDList {
		r := wireResendResult{MsgID: id, ErrorCode: resendOK, ErrorMessage: resendOKMsg}
		m := in.msgs[id]
		switch {
		case m == nil:
			r.ErrorCode, r.ErrorMessage = codeInvalidParam, "The message does not exist."
		case req.Topic != "" && m.topic != req.Topic:
			r.ErrorCode, r.ErrorMessage = codeInvalidParam, "The message is not in the topic "+quote(req.Topic)+"."
		case m.deadLetterGroup == "" && g.subs[m.topic] == nil:
			r.ErrorCode, r.ErrorMessage = codeInvalidParam, "The consumer group does not subscribe to the topic "+quote(m.topic)+"."
		}
		out = append(out, r)
	}
	return okJSON(map[string]any{"resend_results": out})
}

// sendRequest is the body of SendMessage.
type sendRequest struct {
	Topic        *string    `json:"topic"`
	Body         *string    `json:"body"`
	PropertyList []wireProp `json:"property_list"`
}

// POST /v2/{engine}/{project_id}/instances/{instance_id}/messages
// (SendMessage): store a message in the topic, round robin over its write
// queues, as a producer would. The properties TAGS and KEYS set the
// message's tags and keys; UNIQ_KEY and CLUSTER are the broker's and are
// ignored; the others are kept. The answer echoes the request and adds
// msg_id (the one Query, Trace and VerifyConsumption take), queue_id,
// queue_offset and broker_name.
func (s *Server) sendMessage(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req sendRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if req.Topic == nil || *req.Topic == "" {
		return failed(errInvalid("topic is required."))
	}
	if req.Body == nil {
		return failed(errInvalid("body is required."))
	}
	t := in.topics[*req.Topic]
	if t == nil {
		return failed(errTopicNotFound(*req.Topic))
	}
	if t.perm == "sub" || len(t.writeQueues()) == 0 {
		return failed(errInvalid("The topic " + quote(t.name) + " cannot be written to (permission " + t.perm + ")."))
	}
	msg := Message{Body: *req.Body, Properties: map[string]string{}}
	for _, p := range req.PropertyList {
		if strings.TrimSpace(p.Name) == "" {
			return failed(errInvalid("property_list: every property needs a name."))
		}
		switch p.Name {
		case "TAGS":
			msg.Tags = p.Value
		case "KEYS":
			msg.Keys = p.Value
		case "UNIQ_KEY", "CLUSTER":
		default:
			msg.Properties[p.Name] = p.Value
		}
	}
	m := s.produceLocked(in, t, msg, c.now)
	props := req.PropertyList
	if props == nil {
		props = []wireProp{}
	}
	return okJSON(map[string]any{
		"topic":         t.name,
		"body":          m.body,
		"property_list": props,
		"msg_id":        m.msgID,
		"queue_id":      m.queueID,
		"queue_offset":  m.queueOffset,
		"broker_name":   m.broker,
	})
}
