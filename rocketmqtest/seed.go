package rocketmqtest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// InstanceSeed describes an instance to create directly (WithInstance,
// Server.AddInstance), with its topics, consumer groups and users. Zero
// fields take realistic defaults: engine reliability 4.8.0, product
// c6.4u8g.cluster (rocketmq.b2.large.4 on 5.x), one broker (on 5.x the
// flavour's count), 300 GB of ultra-high I/O storage per broker (or the
// flavour's minimum when larger),
// the default availability zone, generated VPC/subnet/security group IDs,
// status RUNNING. Names and values follow the same rules as the API's;
// seeding fails as a whole when one of them is refused.
type InstanceSeed struct {
	// ID is the instance ID (default: a random UUID).
	ID string
	// ProjectID is the project (default: the server's default project).
	ProjectID string
	// Name is required (4–64 characters, a letter first, then letters,
	// digits, '_' and '-'); Description is at most 1024 characters.
	Name        string
	Description string
	// Status is the initial status (default RUNNING); CREATING turns
	// RUNNING after the create delay, CREATEFAILED is what batch deletion
	// with all_failure removes. The fields from Engine to PublicIPID are
	// those of instances.CreateRequest, with the defaults above: Engine
	// must be "rocketmq" or its alias "reliability" (instances answer
	// "reliability"), EngineVersion "4.8.0" or 5.x, ProductID a
	// flavour of Catalogue for that version, BrokerNum and StorageSpace
	// (GB) within the flavour's limits (MinBrokers–MaxBrokers brokers,
	// MinStoragePerNode–MaxStoragePerNode per broker; on 5.x BrokerNum is
	// the flavour's and the given one is ignored), AvailableZones IDs of the server's
	// zones (1, or 3 or more, none sold out), and PublicIPID set when
	// EnablePublicIP is.
	Status              string
	Engine              string
	EngineVersion       string
	ProductID           string
	StorageSpecCode     string
	StorageSpace        int
	BrokerNum           int
	VPCID               string
	SubnetID            string
	SecurityGroupID     string
	AvailableZones      []string
	EnterpriseProjectID string
	SSLEnable           bool
	EnableACL           bool
	IPv6Enable          bool
	EnablePublicIP      bool
	PublicIPID          string

	// Tags, Topics, Groups and Users are created with the instance; a group
	// may subscribe only to topics of Topics.
	Tags   []Tag
	Topics []TopicSeed
	Groups []GroupSeed
	Users  []UserSeed

	// ScheduledTasks are the instance's scheduled tasks.
	ScheduledTasks []ScheduledTaskSeed
}

// Tag is an instance tag: Key 1–128 characters, Value 0–255, with the
// character rules of package tags.
type Tag struct {
	Key   string
	Value string
}

// TopicSeed describes a topic.
type TopicSeed struct {
	// Name is required: 3–64 letters, digits, "%", "|", "-" and "_" (not a
	// %RETRY% or %DLQ% name).
	Name string
	// QueueNum is the number of read and write queues on each broker
	// (default 8).
	QueueNum int
	// Permission is all (default), pub or sub.
	Permission string
	// Brokers default to all of the instance's brokers.
	Brokers []string
	// Messages is how many sample messages the topic holds, spread over
	// its queues.
	Messages int
	// MessageType is the 5.x message type: NORMAL, FIFO, DELAY or
	// TRANSACTION ("" leaves it out of answers).
	MessageType string
	// Description is the topic_desc.
	Description string
	// BrokerCreated marks a topic the broker created itself (automatic
	// topic creation): its Name follows RocketMQ's own rule (1–127
	// letters, digits, "%", "|", "-", "_"; "t1" is fine) instead of the
	// API's 3–64.
	BrokerCreated bool
}

// GroupSeed describes a consumer group and what it consumes: Name (required,
// with a topic name's rules) and the settings of groups.CreateRequest,
// where Disabled is the opposite of Enabled.
type GroupSeed struct {
	Name          string
	Disabled      bool
	Broadcast     bool
	FromBeginning bool
	// RetryMaxTime is 1–16; 0 means 16.
	RetryMaxTime int
	// Brokers default to all of the instance's brokers.
	Brokers []string
	// Topics the group subscribes to (they must be seeded too). The group
	// consumes every message of them except Lag.
	Topics []string
	// Lag is how many messages of each subscribed topic stay unconsumed:
	// at most what the topic holds (TopicSeed.Messages), else seeding
	// fails. Lag and DeadLetters need Topics and must not be negative.
	Lag int
	// DeadLetters is how many dead letters the group has per subscribed
	// topic (messages that exhausted their retries).
	DeadLetters int
	// Description is the group_desc (at most 200 characters);
	// ConsumeOrderly the consume_orderly flag.
	Description    string
	ConsumeOrderly bool
	// Clients are the consumer clients connected to the group (see
	// ClientSeed; connected after Topics are subscribed).
	Clients []ClientSeed
	// BrokerCreated marks a group the broker created itself: its Name
	// follows RocketMQ's own rule (1–255 characters) instead of the API's
	// 3–64.
	BrokerCreated bool
}

// UserSeed describes an ACL user with the fields and rules of users.User:
// AccessKey and SecretKey are required; empty default permissions mean
// DENY.
type UserSeed struct {
	AccessKey          string
	SecretKey          string
	WhiteRemoteAddress string
	Admin              bool
	DefaultTopicPerm   string
	DefaultGroupPerm   string
	TopicPerms         []Perm
	GroupPerms         []Perm
}

// Perm is a user's permission on the topic or group Name: DENY, PUB, SUB
// or PUB|SUB on a topic, SUB or DENY on a group.
type Perm struct {
	Name string
	Perm string
}

// AddInstance creates an instance directly (no lifecycle delay unless
// Status is CREATING) and returns its ID.
func (s *Server) AddInstance(seed InstanceSeed) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.refreshLocked(now)
	pid := seed.ProjectID
	if pid == "" {
		pid = s.cfg.projects[0].ID
	}
	p := s.projects[pid]
	if p == nil {
		return "", fmt.Errorf("rocketmqtest: no project %q", pid)
	}
	in, e := s.createInstanceLocked(p, seed, now, false)
	if e != nil {
		return "", fmt.Errorf("rocketmqtest: instance %q: %w", seed.Name, e)
	}
	for _, t := range seed.Tags {
		if e := checkTag(t.Key, t.Value); e != nil {
			delete(p.instances, in.id)
			return "", fmt.Errorf("rocketmqtest: instance %q: tag %q: %w", seed.Name, t.Key, e)
		}
		in.setTag(t.Key, t.Value)
	}
	fail := func(err error) (string, error) {
		delete(p.instances, in.id)
		return "", fmt.Errorf("rocketmqtest: instance %q: %w", seed.Name, err)
	}
	for _, ts := range seed.Topics {
		if err := s.addTopicLocked(in, ts, now); err != nil {
			return fail(err)
		}
	}
	for _, gs := range seed.Groups {
		if err := s.addGroupLocked(in, gs, now); err != nil {
			return fail(err)
		}
	}
	for _, us := range seed.Users {
		if err := s.addUserLocked(in, us, now); err != nil {
			return fail(err)
		}
	}
	for _, st := range seed.ScheduledTasks {
		if _, err := s.addScheduledLocked(in, st, now); err != nil {
			return fail(err)
		}
	}
	return in.id, nil
}

// MustAddInstance is AddInstance that panics on error (for tests).
func (s *Server) MustAddInstance(seed InstanceSeed) string {
	id, err := s.AddInstance(seed)
	if err != nil {
		panic(err)
	}
	return id
}

// InstanceID returns the ID of the instance with that name (searching the
// default project first), or "".
func (s *Server) InstanceID(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refreshLocked(s.now())
	for _, p := range s.projList {
		if in := p.instanceByName(name); in != nil {
			return in.id
		}
	}
	return ""
}

// InstanceStatus returns an instance's status ("" when it does not exist).
func (s *Server) InstanceStatus(instanceID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refreshLocked(s.now())
	if in := s.findInstanceLocked(instanceID); in != nil {
		return in.status
	}
	return ""
}

// SetInstanceStatus forces an instance's status (e.g. ERROR, CREATEFAILED,
// RESTARTING), to test how code copes with it.
func (s *Server) SetInstanceStatus(instanceID, status string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refreshLocked(s.now())
	in := s.findInstanceLocked(instanceID)
	if in == nil {
		return fmt.Errorf("rocketmqtest: no instance %q", instanceID)
	}
	in.status = status
	now := s.now()
	in.readyAt, in.goneAt = now.Add(s.cfg.createDelay), now.Add(s.cfg.deleteDelay)
	return nil
}

// AddTopic creates a topic directly.
func (s *Server) AddTopic(instanceID string, t TopicSeed) error {
	return s.withInstance(instanceID, func(in *instance, now time.Time) error { return s.addTopicLocked(in, t, now) })
}

// AddGroup creates a consumer group directly (with its subscriptions).
func (s *Server) AddGroup(instanceID string, g GroupSeed) error {
	return s.withInstance(instanceID, func(in *instance, now time.Time) error { return s.addGroupLocked(in, g, now) })
}

// AddUser creates an ACL user directly.
func (s *Server) AddUser(instanceID string, u UserSeed) error {
	return s.withInstance(instanceID, func(in *instance, now time.Time) error { return s.addUserLocked(in, u, now) })
}

func (s *Server) withInstance(id string, fn func(*instance, time.Time) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.refreshLocked(now)
	in := s.findInstanceLocked(id)
	if in == nil {
		return fmt.Errorf("rocketmqtest: no instance %q", id)
	}
	if err := fn(in, now); err != nil {
		var ae *apiError
		if errors.As(err, &ae) {
			return fmt.Errorf("rocketmqtest: %w", err)
		}
		return err
	}
	return nil
}

func (s *Server) findInstanceLocked(id string) *instance {
	for _, p := range s.projList {
		if in := p.instances[id]; in != nil {
			return in
		}
	}
	return nil
}

// createInstanceLocked validates a seed (from the API when fromAPI, with
// the API's required fields; else with defaults filled in) and creates the
// instance.
func (s *Server) createInstanceLocked(p *project, seed InstanceSeed, now time.Time, fromAPI bool) (*instance, *apiError) {
	if !fromAPI {
		def := func(v *string, d string) {
			if *v == "" {
				*v = d
			}
		}
		def(&seed.Engine, "reliability")
		def(&seed.EngineVersion, "4.8.0")
		def(&seed.ProductID, defaultProduct(seed.EngineVersion))
		def(&seed.StorageSpecCode, "dms.physical.storage.ultra.v2")
		def(&seed.VPCID, newUUID())
		def(&seed.SubnetID, newUUID())
		def(&seed.SecurityGroupID, newUUID())
		def(&seed.Status, StatusRunning)
		if seed.BrokerNum == 0 {
			seed.BrokerNum = 1
		}
		if seed.StorageSpace == 0 {
			seed.StorageSpace = defaultStorage(seed.ProductID, seed.BrokerNum)
		}
		if len(seed.AvailableZones) == 0 {
			for _, az := range s.cfg.azs {
				if az.DefaultAZ {
					seed.AvailableZones = []string{az.ID}
				}
			}
			if len(seed.AvailableZones) == 0 && len(s.cfg.azs) > 0 {
				seed.AvailableZones = []string{s.cfg.azs[0].ID}
			}
		}
	}
	if e := checkInstanceName(seed.Name); e != nil {
		return nil, e
	}
	if e := checkDescription(seed.Description); e != nil {
		return nil, e
	}
	if !isEngine(seed.Engine) {
		return nil, bad(codeUnsupportedType, "Unsupported type.", "engine must be rocketmq (or reliability), not "+quote(seed.Engine)+".")
	}
	seed.Engine = engineReliability
	if seed.EngineVersion != "4.8.0" && !strings.HasPrefix(seed.EngineVersion, "5.") {
		return nil, bad(codeUnsupportedVersion, "Unsupported version.", "engine_version must be 4.8.0, not "+quote(seed.EngineVersion)+".")
	}
	if _, e := checkFlavour(seed.EngineVersion, seed.ProductID, &seed.BrokerNum, seed.StorageSpace); e != nil {
		return nil, e
	}
	if strings.TrimSpace(seed.VPCID) == "" {
		return nil, bad(codeNoVPC, "vpc_id in the request is empty.")
	}
	if strings.TrimSpace(seed.SubnetID) == "" {
		return nil, bad(codeNoSubnet, "subnet_id in the request is empty.")
	}
	if strings.TrimSpace(seed.SecurityGroupID) == "" {
		return nil, bad(codeNoSecurityGroup, "security_group_id in the request is empty.")
	}
	if len(seed.AvailableZones) == 0 {
		return nil, bad(codeAZNotFound, "The AZ does not exist.", "available_zones must name at least one availability zone.")
	}
	if len(seed.AvailableZones) == 2 {
		return nil, errInvalid("A RocketMQ instance is deployed in 1 availability zone or in 3 or more, not 2.")
	}
	for _, id := range seed.AvailableZones {
		i := slices.IndexFunc(s.cfg.azs, func(az AvailableZone) bool { return az.ID == id })
		if i < 0 {
			return nil, bad(codeAZNotFound, "The AZ does not exist.", quote(id))
		}
		if s.cfg.azs[i].SoldOut {
			return nil, bad(codeSoldOut, "Resource sold out.", "The availability zone "+quote(id)+" has no resources left.")
		}
	}
	if !storageSpecs[seed.StorageSpecCode] {
		return nil, bad(codeBadSpecCode, "Invalid SPEC_CODE.", "storage_spec_code must be dms.physical.storage.high.v2 or dms.physical.storage.ultra.v2.")
	}
	if seed.EnablePublicIP && strings.TrimSpace(seed.PublicIPID) == "" {
		return nil, bad(codeBadPublicAccess, "Invalid public access parameters.", "publicip_id is required when enable_publicip is true.")
	}
	if p.instanceByName(seed.Name) != nil {
		return nil, bad(codeDuplicateInstance, "This instance name already exists.")
	}
	id := seed.ID
	if id == "" {
		id = newUUID()
	} else if s.findInstanceLocked(id) != nil {
		return nil, errInvalid("An instance with ID " + quote(id) + " already exists.")
	}
	seq := s.nextSeq()
	in := &instance{
		id:                  id,
		name:                seed.Name,
		description:         seed.Description,
		project:             p,
		engine:              seed.Engine,
		engineVersion:       seed.EngineVersion,
		status:              StatusCreating,
		seq:                 seq,
		createdAt:           now,
		readyAt:             now.Add(s.cfg.createDelay),
		productID:           seed.ProductID,
		storageSpecCode:     seed.StorageSpecCode,
		storageSpace:        seed.StorageSpace,
		brokerNum:           seed.BrokerNum,
		vpcID:               seed.VPCID,
		subnetID:            seed.SubnetID,
		sgID:                seed.SecurityGroupID,
		azs:                 slices.Clone(seed.AvailableZones),
		enterpriseProjectID: seed.EnterpriseProjectID,
		sslEnable:           seed.SSLEnable,
		ipv6Enable:          seed.IPv6Enable,
		enablePublicIP:      seed.EnablePublicIP,
		enableACL:           seed.EnableACL,
		publicIPID:          seed.PublicIPID,
		netIndex:            1 + int(seq%250),
		storageResourceID:   newUUID(),
		topics:              make(map[string]*topic),
		groups:              make(map[string]*group),
		users:               make(map[string]*user),
		dlq:                 make(map[string][]*message),
		msgs:                make(map[string]*message),
	}
	if in.enterpriseProjectID == "" {
		in.enterpriseProjectID = "0"
	}
	if !fromAPI {
		in.status = seed.Status
		in.goneAt = now.Add(s.cfg.deleteDelay)
	}
	if in.status == StatusCreating && s.cfg.createDelay <= 0 {
		in.status = StatusRunning
	}
	p.instances[id] = in
	return in, nil
}

func (s *Server) addTopicLocked(in *instance, ts TopicSeed, now time.Time) error {
	qn := ts.QueueNum
	if qn == 0 {
		qn = 8
	}
	var rule func(kind, name string) *apiError
	if ts.BrokerCreated {
		rule = checkBrokerName
	}
	t, e := s.newTopicLocked(in, ts.Name, ts.Permission, ts.Brokers, qn, now, rule)
	if e != nil {
		return e
	}
	if ts.MessageType != "" && !topicMessageTypes[ts.MessageType] {
		return errInvalid("message_type must be NORMAL, FIFO, DELAY or TRANSACTION, not " + quote(ts.MessageType) + ".")
	}
	t.msgType, t.desc = ts.MessageType, ts.Description
	in.topics[t.name] = t
	if ts.Messages > 0 {
		s.produceSampleLocked(in, t, ts.Messages, now)
	}
	return nil
}

func (s *Server) addGroupLocked(in *instance, gs GroupSeed, now time.Time) error {
	if err := checkGroupSeed(in, gs); err != nil {
		return err
	}
	retry := gs.RetryMaxTime
	if retry == 0 {
		retry = 16
	}
	var rule func(kind, name string) *apiError
	if gs.BrokerCreated {
		rule = checkBrokerName
	}
	g, e := s.newGroupLocked(in, gs.Name, !gs.Disabled, gs.Broadcast, gs.FromBeginning, gs.Brokers, retry, now, rule)
	if e != nil {
		return e
	}
	if e := checkGroupDesc(&gs.Description); e != nil {
		return e
	}
	g.desc, g.orderly = gs.Description, gs.ConsumeOrderly
	for _, tn := range gs.Topics {
		if in.topics[tn] == nil {
			return fmt.Errorf("group %q subscribes to topic %q, which is not seeded", gs.Name, tn)
		}
	}
	in.groups[g.name] = g
	for _, tn := range gs.Topics {
		t := in.topics[tn]
		sub := subscribeLocked(g, t)
		total := 0
		for _, q := range t.readQueues() {
			total += int(q.maxOffset() - sub.offsets[qkey{q.broker, q.id}])
		}
		consumeLocked(in, g, t, max(total-gs.Lag, 0), now)
		if gs.DeadLetters > 0 {
			s.deadLettersLocked(in, g, t, gs.DeadLetters, now)
		}
	}
	if err := addClientsLocked(in, g, gs.Clients); err != nil {
		delete(in.groups, g.name)
		return err
	}
	return nil
}

// checkGroupSeed refuses what a group seed cannot do: negative counts, a
// lag or dead letters without subscribed topics, a lag larger than the
// messages a subscribed topic holds.
func checkGroupSeed(in *instance, gs GroupSeed) error {
	switch {
	case gs.Lag < 0:
		return fmt.Errorf("group %q: Lag %d is negative", gs.Name, gs.Lag)
	case gs.DeadLetters < 0:
		return fmt.Errorf("group %q: DeadLetters %d is negative", gs.Name, gs.DeadLetters)
	case gs.Lag > 0 && len(gs.Topics) == 0:
		return fmt.Errorf("group %q: Lag %d needs subscribed Topics (a lag is counted on a topic's messages)", gs.Name, gs.Lag)
	case gs.DeadLetters > 0 && len(gs.Topics) == 0:
		return fmt.Errorf("group %q: DeadLetters %d needs subscribed Topics", gs.Name, gs.DeadLetters)
	}
	for _, tn := range gs.Topics {
		t := in.topics[tn]
		if t == nil {
			return fmt.Errorf("group %q subscribes to topic %q, which is not seeded", gs.Name, tn)
		}
		if gs.Lag == 0 {
			continue
		}
		var held int64
		for _, q := range t.readQueues() {
			held += q.maxOffset() - q.min
		}
		if int64(gs.Lag) > held {
			return fmt.Errorf("group %q: Lag %d is more than the %d messages topic %q holds (give the topic at least that many Messages in its TopicSeed, or Produce them first)", gs.Name, gs.Lag, held, tn)
		}
	}
	return nil
}

func (s *Server) addUserLocked(in *instance, us UserSeed, now time.Time) error {
	u, e := buildUser(userRequest{
		AccessKey:          &us.AccessKey,
		SecretKey:          &us.SecretKey,
		WhiteRemoteAddress: &us.WhiteRemoteAddress,
		Admin:              &us.Admin,
		DefaultTopicPerm:   &us.DefaultTopicPerm,
		DefaultGroupPerm:   &us.DefaultGroupPerm,
		TopicPerms:         toWirePerms(us.TopicPerms),
		GroupPerms:         toWirePerms(us.GroupPerms),
	}, nil)
	if e != nil {
		return e
	}
	if in.users[u.accessKey] != nil {
		return bad(codeInvalidParam, "Invalid request parameter.", "The user "+quote(u.accessKey)+" already exists.")
	}
	u.created = now
	in.users[u.accessKey] = u
	return nil
}

func toWirePerms(ps []Perm) []wirePerm {
	if ps == nil {
		return nil
	}
	out := make([]wirePerm, len(ps))
	for i, p := range ps {
		out[i] = wirePerm(p)
	}
	return out
}
