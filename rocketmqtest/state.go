package rocketmqtest

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Instance statuses, for InstanceSeed.Status and SetInstanceStatus (table
// 7-2's states in upper case, as package instances names them). The
// emulator itself moves instances through CREATING, RUNNING and DELETING
// only; SetInstanceStatus accepts any other string too (e.g. "ERROR").
const (
	StatusCreating     = "CREATING"
	StatusRunning      = "RUNNING"
	StatusDeleting     = "DELETING"
	StatusCreateFailed = "CREATEFAILED"
	StatusFaulty       = "FAULTY"
	StatusRestarting   = "RESTARTING"
	StatusChanging     = "CHANGING"
)

// products maps product_id to the per-broker maximum of topics and groups.
var products = map[string]int{
	"c6.4u8g.cluster":   4000,
	"c6.8u16g.cluster":  8000,
	"c6.12u24g.cluster": 12000,
	"c6.16u32g.cluster": 16000,
}

var storageSpecs = map[string]bool{
	"dms.physical.storage.high.v2":  true,
	"dms.physical.storage.ultra.v2": true,
}

const supportFeatures = "kafka.crossvpc.domain.enable,feature.physerver.kafka.topic.accesspolicy,rabbitmq.plugin.management,rocketmq.acl,roma_app_enable,auto_topic_switch,feature.physerver.kafka.user.manager,enable.new.authinfo,route,kafka.config.dynamic.modify.enable,kafka.new.pod.port,feature.physerver.kafka.topic.modify,message_trace_enable,features.pod.token.access,kafka.ssl.cert.modify.enable,roma.user.manage.no.support,feature.physerver.kafka.pulbic.dynamic,features.log.collection,kafka.config.static.modify.enable"

type project struct {
	id, name  string
	instances map[string]*instance
	x         projectExt // recycle bin and policy (state_tasks.go)
}

type instance struct {
	id, name, description string
	project               *project
	engine, engineVersion string
	status                string
	seq                   int64
	createdAt             time.Time
	readyAt               time.Time // CREATING → RUNNING
	goneAt                time.Time // DELETING → removed

	productID, storageSpecCode string
	storageSpace               int
	brokerNum                  int
	vpcID, subnetID, sgID      string
	azs                        []string
	enterpriseProjectID        string
	sslEnable, ipv6Enable      bool
	enablePublicIP, enableACL  bool
	publicIPID                 string
	netIndex                   int
	storageResourceID          string

	tags   []tag
	topics map[string]*topic
	groups map[string]*group
	users  map[string]*user
	tasks  []*task
	diag   []*diagReport
	dlq    map[string][]*message // dead letters by consumer group
	msgs   map[string]*message   // every message (and dead letter) by msg_id
	commit int64                 // commit log position, for message IDs
	bytes  int64                 // stored bytes
	uniq   int64

	x instanceExt // the current service's operations (state_tasks.go)
}

type tag struct{ key, value string }

type topic struct {
	name    string
	perm    string
	brokers []string
	readQ   map[string]int // per broker
	writeQ  map[string]int
	queues  map[string][]*queue
	rr      int
	created time.Time
	msgType string // message_type (NORMAL, FIFO, DELAY, TRANSACTION; "" unset)
	desc    string // topic_desc
}

type queue struct {
	broker string
	id     int
	msgs   []*message
	min    int64
}

func (q *queue) maxOffset() int64 { return q.min + int64(len(q.msgs)) }

// at returns the message at offset off, or nil.
func (q *queue) at(off int64) *message {
	i := off - q.min
	if i < 0 || i >= int64(len(q.msgs)) {
		return nil
	}
	return q.msgs[i]
}

type qkey struct {
	broker string
	id     int
}

type group struct {
	name          string
	enabled       bool
	broadcast     bool
	fromBeginning bool
	brokers       []string
	retryMax      int
	subs          map[string]*subscription // by topic
	created       time.Time
	desc          string            // group_desc
	orderly       bool              // consume_orderly
	clients       []*consumerClient // connected consumers (seeded)
}

type subscription struct {
	offsets map[qkey]int64
}

type user struct {
	accessKey, secretKey, white string
	admin                       bool
	defTopic, defGroup          string
	topicPerms, groupPerms      []perm
	created                     time.Time
}

type perm struct{ name, perm string }

type task struct {
	id, name, typ, status string
	start                 time.Time
}

type message struct {
	msgID, uniqKey  string
	topic           string
	broker          string
	queueID         int
	queueOffset     int64
	storeTime       int64
	bornTime        int64
	body            string
	tags, keys      string
	props           []perm // name/value pairs
	bornHost        string
	storeHost       string
	clientHost      string
	reconsume       int
	storeSize       int
	bodyCRC         uint32
	producerGroup   string
	deadLetterGroup string // set on dead letters
	originalID      string // dead letters: the original message's msg_id
	originalTopic   string
	pubCost         int64
}

// refreshLocked applies the lifecycle transitions due at now.
func (s *Server) refreshLocked(now time.Time) {
	s.refreshTasksLocked(now)
	for _, p := range s.projList {
		for id, in := range p.instances {
			switch in.status {
			case StatusCreating:
				if !now.Before(in.readyAt) {
					in.status = StatusRunning
				}
			case StatusDeleting:
				if !now.Before(in.goneAt) {
					delete(p.instances, id)
				}
			}
		}
	}
}

func (s *Server) nextSeq() int64 {
	s.seq++
	return s.seq
}

// sortedInstances returns a project's instances, newest first.
func (p *project) sortedInstances() []*instance {
	out := make([]*instance, 0, len(p.instances))
	for _, in := range p.instances {
		out = append(out, in)
	}
	slices.SortFunc(out, func(a, b *instance) int { return cmp.Compare(b.seq, a.seq) })
	return out
}

func (p *project) instanceByName(name string) *instance {
	for _, in := range p.instances {
		if in.name == name {
			return in
		}
	}
	return nil
}

// brokerNames returns broker-0 … broker-(n-1).
func (in *instance) brokerNames() []string {
	out := make([]string, in.brokerNum)
	for i := range out {
		out[i] = "broker-" + strconv.Itoa(i)
	}
	return out
}

func (in *instance) hasBroker(name string) bool {
	i, ok := strings.CutPrefix(name, "broker-")
	if !ok {
		return false
	}
	n, err := strconv.Atoi(i)
	return err == nil && n >= 0 && n < in.brokerNum && strconv.Itoa(n) == i
}

// ip returns the instance's private address number host (in its /24).
func (in *instance) ip(host int) string {
	return fmt.Sprintf("192.168.%d.%d", in.netIndex, host)
}

// brokerIP is the master address of broker b.
func (in *instance) brokerIP(b int) string { return in.ip(20 + 3*b) }

func brokerIndex(name string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(name, "broker-"))
	return n
}

func (in *instance) brokerPort(b int) int { return 10100 + b }

func (in *instance) namesrvAddress() string {
	return in.ip(10) + ":8100," + in.ip(11) + ":8100"
}

func (in *instance) brokerAddress() string {
	parts := make([]string, in.brokerNum)
	for b := range parts {
		parts[b] = fmt.Sprintf("%s:%d", in.brokerIP(b), in.brokerPort(b))
	}
	return strings.Join(parts, ",")
}

func (in *instance) publicIP(host int) string {
	return fmt.Sprintf("100.85.%d.%d", in.netIndex, host)
}

// crossVPCInfo renders the cross_vpc_info string: a JSON document keyed by
// node address (well-formed, unlike the reference's example).
func (in *instance) crossVPCInfo() string {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	add := func(ip, brokerPort, namesrvPort string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		fmt.Fprintf(&b, `%q:{"advertised_ip":%q,"broker_port":%q,"port_id":%q,"namesrv_port":%q}`,
			ip, ip, brokerPort, portID(in.id, ip), namesrvPort)
	}
	add(in.ip(10), "-", "8100")
	add(in.ip(11), "-", "8101")
	for br := 0; br < in.brokerNum; br++ {
		for r := 0; r < 3; r++ {
			add(in.ip(20+3*br+r), strconv.Itoa(in.brokerPort(br)), "-")
		}
	}
	b.WriteByte('}')
	return b.String()
}

// portID derives a stable UUID-shaped port ID.
func portID(instanceID, ip string) string {
	h := fnv64(instanceID + "/" + ip)
	g := fnv64(ip + "/" + instanceID)
	x := fmt.Sprintf("%016x%016x", h, g)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func (in *instance) maxPerKind() int {
	return products[in.productID] * in.brokerNum
}

func (in *instance) sortedTopics() []*topic {
	out := make([]*topic, 0, len(in.topics))
	for _, t := range in.topics {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *topic) int { return strings.Compare(a.name, b.name) })
	return out
}

func (in *instance) sortedGroups() []*group {
	out := make([]*group, 0, len(in.groups))
	for _, g := range in.groups {
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b *group) int { return strings.Compare(a.name, b.name) })
	return out
}

func (in *instance) sortedUsers() []*user {
	out := make([]*user, 0, len(in.users))
	for _, u := range in.users {
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b *user) int { return strings.Compare(a.accessKey, b.accessKey) })
	return out
}

// newTopic builds a topic on the given brokers with queueNum read and write
// queues on each.
func newTopic(name, permission string, brokers []string, queueNum int, now time.Time) *topic {
	t := &topic{
		name:    name,
		perm:    permission,
		brokers: brokers,
		readQ:   make(map[string]int),
		writeQ:  make(map[string]int),
		queues:  make(map[string][]*queue),
		created: now,
	}
	for _, b := range brokers {
		t.readQ[b], t.writeQ[b] = queueNum, queueNum
		t.ensureQueues(b)
	}
	return t
}

// ensureQueues makes sure broker b has max(readQ, writeQ) queues.
func (t *topic) ensureQueues(b string) {
	n := max(t.readQ[b], t.writeQ[b])
	for len(t.queues[b]) < n {
		t.queues[b] = append(t.queues[b], &queue{broker: b, id: len(t.queues[b])})
	}
}

func (t *topic) totalRead() int {
	n := 0
	for _, b := range t.brokers {
		n += t.readQ[b]
	}
	return n
}

func (t *topic) totalWrite() int {
	n := 0
	for _, b := range t.brokers {
		n += t.writeQ[b]
	}
	return n
}

// readQueues returns the readable queues, broker by broker.
func (t *topic) readQueues() []*queue {
	var out []*queue
	for _, b := range t.brokers {
		qs := t.queues[b]
		out = append(out, qs[:min(t.readQ[b], len(qs))]...)
	}
	return out
}

// writeQueues returns the writable queues, broker by broker.
func (t *topic) writeQueues() []*queue {
	var out []*queue
	for _, b := range t.brokers {
		qs := t.queues[b]
		out = append(out, qs[:min(t.writeQ[b], len(qs))]...)
	}
	return out
}

// distribute spreads a total queue count over n brokers (at least one
// queue on the first brokers).
func distribute(total, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = total / n
		if i < total%n {
			out[i]++
		}
	}
	return out
}

// removeTopic deletes a topic and what refers to it.
func (in *instance) removeTopic(name string) {
	t := in.topics[name]
	if t == nil {
		return
	}
	for _, qs := range t.queues {
		for _, q := range qs {
			for _, m := range q.msgs {
				delete(in.msgs, m.msgID)
			}
		}
	}
	delete(in.topics, name)
	for _, g := range in.groups {
		delete(g.subs, name)
	}
	for _, u := range in.users {
		u.topicPerms = slices.DeleteFunc(u.topicPerms, func(p perm) bool { return p.name == name })
	}
}

// removeGroup deletes a group, its subscriptions and dead letters.
func (in *instance) removeGroup(name string) {
	if _, ok := in.groups[name]; !ok {
		return
	}
	delete(in.groups, name)
	for _, m := range in.dlq[name] {
		delete(in.msgs, m.msgID)
	}
	delete(in.dlq, name)
	for _, u := range in.users {
		u.groupPerms = slices.DeleteFunc(u.groupPerms, func(p perm) bool { return p.name == name })
	}
}

// setTag adds or replaces a tag, keeping tags sorted by key.
func (in *instance) setTag(k, v string) {
	for i := range in.tags {
		if in.tags[i].key == k {
			in.tags[i].value = v
			return
		}
	}
	in.tags = append(in.tags, tag{k, v})
	slices.SortFunc(in.tags, func(a, b tag) int { return strings.Compare(a.key, b.key) })
}

func (in *instance) deleteTag(k, v string) {
	in.tags = slices.DeleteFunc(in.tags, func(t tag) bool { return t.key == k && (v == "" || t.value == v) })
}

func (in *instance) hasTag(k string) bool {
	for _, t := range in.tags {
		if t.key == k {
			return true
		}
	}
	return false
}
