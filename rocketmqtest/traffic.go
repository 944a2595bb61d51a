package rocketmqtest

import (
	"cmp"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"strings"
	"time"
)

// Message is a message to Produce: its Body, its TAGS and KEYS properties,
// and further Properties (listed after KEYS, UNIQ_KEY, CLUSTER and TAGS,
// sorted by name).
type Message struct {
	Body       string
	Tags       string
	Keys       string
	Properties map[string]string
	// BornTime is when the producer sent it (default: now). The broker
	// stores it a few milliseconds later.
	BornTime time.Time
}

// Produce stores messages in a topic, round robin over its write queues,
// as a producer would. It returns their msg_ids.
func (s *Server) Produce(instanceID, topicName string, msgs ...Message) ([]string, error) {
	var ids []string
	err := s.withInstance(instanceID, func(in *instance, now time.Time) error {
		t := in.topics[topicName]
		if t == nil {
			return errTopicNotFound(topicName)
		}
		if len(t.writeQueues()) == 0 {
			return errInvalid("The topic " + quote(topicName) + " has no write queue.")
		}
		for _, m := range msgs {
			ids = append(ids, s.produceLocked(in, t, m, now).msgID)
		}
		return nil
	})
	return ids, err
}

// Subscribe makes a consumer group consume a topic, from the beginning of
// its queues (so everything already stored is lag).
func (s *Server) Subscribe(instanceID, groupName, topicName string) error {
	return s.withInstance(instanceID, func(in *instance, now time.Time) error {
		g, t, err := groupTopic(in, groupName, topicName)
		if err != nil {
			return err
		}
		subscribeLocked(g, t)
		return nil
	})
}

// Consume makes a group consume up to n messages of a topic (subscribing it
// first if needed), round robin over the queues; it returns how many were
// consumed.
func (s *Server) Consume(instanceID, groupName, topicName string, n int) (int, error) {
	var got int
	err := s.withInstance(instanceID, func(in *instance, now time.Time) error {
		g, t, err := groupTopic(in, groupName, topicName)
		if err != nil {
			return err
		}
		subscribeLocked(g, t)
		got = consumeLocked(in, g, t, n, now)
		return nil
	})
	return got, err
}

// AddDeadLetters makes n messages of a topic exhaust their retries in a
// group, landing in the group's dead-letter queue (%DLQ%group); messages
// are produced first when the topic has too few. It returns the dead
// letters' msg_ids.
func (s *Server) AddDeadLetters(instanceID, groupName, topicName string, n int) ([]string, error) {
	var ids []string
	err := s.withInstance(instanceID, func(in *instance, now time.Time) error {
		g, t, err := groupTopic(in, groupName, topicName)
		if err != nil {
			return err
		}
		subscribeLocked(g, t)
		ids = s.deadLettersLocked(in, g, t, n, now)
		return nil
	})
	return ids, err
}

func groupTopic(in *instance, groupName, topicName string) (*group, *topic, error) {
	g := in.groups[groupName]
	if g == nil {
		return nil, nil, errGroupNotFound(groupName)
	}
	t := in.topics[topicName]
	if t == nil {
		return nil, nil, errTopicNotFound(topicName)
	}
	return g, t, nil
}

// produceLocked stores one message.
func (s *Server) produceLocked(in *instance, t *topic, m Message, now time.Time) *message {
	wq := t.writeQueues()
	q := wq[t.rr%len(wq)]
	t.rr++
	return s.storeLocked(in, q, t.name, m, now)
}

func (s *Server) storeLocked(in *instance, q *queue, topicName string, m Message, now time.Time) *message {
	in.uniq++
	n := in.uniq
	born := m.BornTime
	if born.IsZero() {
		born = now.Add(-time.Duration(2+n%7) * time.Millisecond)
	}
	store := born.Add(time.Duration(1+n%5) * time.Millisecond)
	if store.After(now) && m.BornTime.IsZero() {
		store = now
	}
	b := brokerIndex(q.broker)
	ip := in.brokerIP(b)
	port := in.brokerPort(b)
	client := in.ip(100 + int(n%20))
	uniq := fmt.Sprintf("%s%04X%s%012X", ipHex(client), 0x1C18+int(n%32), "B4AAC218", n) // 32 hex digits, as RocketMQ's
	msg := &message{
		uniqKey:       uniq,
		topic:         topicName,
		broker:        q.broker,
		queueID:       q.id,
		queueOffset:   q.maxOffset(),
		storeTime:     store.UnixMilli(),
		bornTime:      born.UnixMilli(),
		body:          m.Body,
		tags:          m.Tags,
		keys:          m.Keys,
		bornHost:      fmt.Sprintf("%s:%d", client, 50000+n%10000),
		storeHost:     fmt.Sprintf("%s:%d", ip, port),
		clientHost:    client,
		bodyCRC:       crc32.ChecksumIEEE([]byte(m.Body)),
		producerGroup: "PID_" + strings.Trim(topicName, "%"),
		pubCost:       1 + int64(n%40),
	}
	msg.props = []perm{{"KEYS", m.Keys}, {"UNIQ_KEY", uniq}, {"CLUSTER", "DmsCluster"}, {"TAGS", m.Tags}}
	for _, k := range slices.Sorted(maps.Keys(m.Properties)) {
		msg.props = append(msg.props, perm{k, m.Properties[k]})
	}
	size := 91 + len(m.Body) + len(topicName)
	for _, p := range msg.props {
		size += len(p.name) + len(p.perm) + 2
	}
	msg.storeSize = size
	msg.msgID = fmt.Sprintf("%s%08X%016X", ipHex(ip), port, in.commit)
	in.commit += int64(size)
	in.bytes += int64(size)
	q.msgs = append(q.msgs, msg)
	in.msgs[msg.msgID] = msg
	return msg
}

// ipHex renders a dotted IPv4 address as 8 upper-case hex digits, as in
// RocketMQ message IDs.
func ipHex(ip string) string {
	var a, b, c, d int
	_, _ = fmt.Sscanf(ip, "%d.%d.%d.%d", &a, &b, &c, &d)
	return fmt.Sprintf("%02X%02X%02X%02X", a, b, c, d)
}

// subscribeLocked returns g's subscription to t, creating it at the start
// of the queues.
func subscribeLocked(g *group, t *topic) *subscription {
	sub := g.subs[t.name]
	if sub == nil {
		sub = &subscription{offsets: make(map[qkey]int64)}
		for _, qs := range t.queues {
			for _, q := range qs {
				sub.offsets[qkey{q.broker, q.id}] = q.min
			}
		}
		g.subs[t.name] = sub
	}
	return sub
}

// consumeLocked advances g's offsets on t by up to n messages, one queue at
// a time in turn.
func consumeLocked(in *instance, g *group, t *topic, n int, now time.Time) int {
	sub := subscribeLocked(g, t)
	qs := t.readQueues()
	got := 0
	for progress := true; got < n && progress; {
		progress = false
		for _, q := range qs {
			if got >= n {
				break
			}
			k := qkey{q.broker, q.id}
			if sub.offsets[k] < q.min {
				sub.offsets[k] = q.min
			}
			if sub.offsets[k] < q.maxOffset() {
				sub.offsets[k]++
				got++
				progress = true
			}
		}
	}
	return got
}

// deadLettersLocked turns n of t's messages (the latest) into dead letters
// of g.
func (s *Server) deadLettersLocked(in *instance, g *group, t *topic, n int, now time.Time) []string {
	var src []*message
	for _, q := range t.readQueues() {
		src = append(src, q.msgs...)
	}
	for len(src) < n && len(t.writeQueues()) > 0 {
		src = append(src, s.produceLocked(in, t, sampleMessage(t.name, int(in.uniq)+1, now), now))
	}
	slices.SortFunc(src, func(a, b *message) int { return cmp.Compare(b.storeTime, a.storeTime) })
	var ids []string
	dlqTopic := "%DLQ%" + g.name
	for i := 0; i < n && i < len(src); i++ {
		orig := src[i]
		q := &queue{broker: "broker-0", id: 0, min: 0}
		q.msgs = make([]*message, len(in.dlq[g.name]))
		copy(q.msgs, in.dlq[g.name])
		props := map[string]string{
			"ORIGIN_MESSAGE_ID": orig.msgID,
			"REAL_TOPIC":        "%RETRY%" + g.name,
			"RETRY_TOPIC":       orig.topic,
			"DELAY":             "3",
		}
		born := time.UnixMilli(orig.bornTime)
		m := s.storeLocked(in, q, dlqTopic, Message{Body: orig.body, Tags: orig.tags, Keys: orig.keys, Properties: props, BornTime: born}, now)
		m.storeTime = min(max(m.storeTime, orig.storeTime+int64(g.retryMax)*1000), max(now.UnixMilli(), m.storeTime))
		m.reconsume = g.retryMax
		m.deadLetterGroup = g.name
		m.originalID = orig.msgID
		m.originalTopic = orig.topic
		in.dlq[g.name] = append(in.dlq[g.name], m)
		ids = append(ids, m.msgID)
	}
	return ids
}

var sampleEvents = []string{"created", "paid", "shipped", "delivered", "refunded"}

func sampleMessage(topicName string, i int, born time.Time) Message {
	ev := sampleEvents[i%len(sampleEvents)]
	return Message{
		Body:     fmt.Sprintf(`{"id":%d,"event":%q,"source":%q}`, 1000+i, ev, topicName),
		Tags:     "Tag" + strings.ToUpper(ev[:1]),
		Keys:     fmt.Sprintf("OrderID%d", 1000+i),
		BornTime: born,
	}
}

// produceSampleLocked stores n sample messages spread over the last hour.
func (s *Server) produceSampleLocked(in *instance, t *topic, n int, now time.Time) {
	if len(t.writeQueues()) == 0 {
		return
	}
	step := time.Hour / time.Duration(n+1)
	for i := 0; i < n; i++ {
		born := now.Add(-time.Hour + time.Duration(i+1)*step).Add(-10 * time.Millisecond)
		s.produceLocked(in, t, sampleMessage(t.name, i, born), now)
	}
}

// sampleTopicTrafficLocked gives a new topic some messages and lets every
// existing group consume most of them.
func (s *Server) sampleTopicTrafficLocked(in *instance, t *topic, now time.Time) {
	s.produceSampleLocked(in, t, 10+int(fnv64(in.id+"/"+t.name)%41), now)
	for _, g := range in.sortedGroups() {
		s.sampleConsumeLocked(in, g, t, now)
	}
}

// sampleGroupTrafficLocked subscribes a new group to every topic and lets
// it consume most of their messages.
func (s *Server) sampleGroupTrafficLocked(in *instance, g *group, now time.Time) {
	for _, t := range in.sortedTopics() {
		s.sampleConsumeLocked(in, g, t, now)
	}
}

func (s *Server) sampleConsumeLocked(in *instance, g *group, t *topic, now time.Time) {
	sub := subscribeLocked(g, t)
	total := 0
	for _, q := range t.readQueues() {
		total += int(q.maxOffset() - sub.offsets[qkey{q.broker, q.id}])
	}
	h := fnv64(g.name + "/" + t.name)
	consumeLocked(in, g, t, total*(60+int(h%35))/100, now)
	if h%3 == 0 && total > 0 {
		s.deadLettersLocked(in, g, t, 1+int(h%2), now)
	}
}
