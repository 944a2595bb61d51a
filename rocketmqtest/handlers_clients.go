package rocketmqtest

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Consumption types of ClientSeed.ConsumeType (the service's values).
const (
	ConsumePop       = "CONSUME_POP"
	ConsumePassively = "CONSUME_PASSIVELY"
	ConsumeActively  = "CONSUME_ACTIVELY"
)

// ClientSeed is a consumer client connected to a consumer group
// (GroupSeed.Clients, Server.AddClients): what
// GET /v2/rocketmq/{project_id}/instances/{instance_id}/groups/{group}/clients
// lists, the client_id messages.VerifyConsumption names, and what a
// diagnosis looks at. Zero fields take realistic defaults.
type ClientSeed struct {
	// ClientID defaults to "<address's IP>@<pid>#<n>", RocketMQ's form.
	// Two clients may share one (a diagnosis reports duplicate_client_id).
	ClientID string
	// Address (client_addr) defaults to an address of the instance's
	// network and a port.
	Address string
	// Language defaults to JAVA, Version to V4_9_4.
	Language string
	Version  string
	// ConsumeType is ConsumePassively (push, the default), ConsumePop or
	// ConsumeActively (pull).
	ConsumeType string
	// Subscriptions default to every topic the group subscribes to, with
	// the expression "*". A topic named here must exist; the group
	// subscribes to it (from the beginning) if it did not yet.
	Subscriptions []SubscriptionSeed
	// DeadLock makes a diagnosis find a deadlocked consumer thread on the
	// client (with a stack, see diagnosis.Client.GetStack).
	DeadLock bool
}

// SubscriptionSeed is one subscription of a consumer client: Topic,
// Type TAG (the default) or SQL92, and Expression ("*" by default, or
// tags such as "TagA||TagB", or an SQL92 filter).
type SubscriptionSeed struct {
	Topic      string
	Type       string
	Expression string
}

type consumerClient struct {
	id, addr, lang, version, consumeType string
	subs                                 []SubscriptionSeed
	deadLock                             bool
}

// AddClients connects consumer clients to a consumer group.
func (s *Server) AddClients(instanceID, groupName string, clients ...ClientSeed) error {
	return s.withInstance(instanceID, func(in *instance, now time.Time) error {
		g := in.groups[groupName]
		if g == nil {
			return errGroupNotFound(groupName)
		}
		return addClientsLocked(in, g, clients)
	})
}

func addClientsLocked(in *instance, g *group, seeds []ClientSeed) error {
	var add []*consumerClient
	for _, cs := range seeds {
		n := len(g.clients) + len(add)
		h := fnv64(in.id + "/" + g.name + "/" + strconv.Itoa(n))
		ip := in.ip(150 + int(h%50))
		c := &consumerClient{
			id: cs.ClientID, addr: cs.Address, lang: cs.Language, version: cs.Version,
			consumeType: cs.ConsumeType, deadLock: cs.DeadLock,
		}
		if c.addr == "" {
			c.addr = fmt.Sprintf("%s:%d", ip, 40000+int(h%20000))
		}
		if c.id == "" {
			host, _, _ := strings.Cut(c.addr, ":")
			c.id = fmt.Sprintf("%s@%d#%d", host, 1000+int(h%30000), n)
		}
		if c.lang == "" {
			c.lang = "JAVA"
		}
		if c.version == "" {
			c.version = "V4_9_4"
		}
		switch c.consumeType {
		case "":
			c.consumeType = ConsumePassively
		case ConsumePop, ConsumePassively, ConsumeActively:
		default:
			return errInvalid("consume_type must be CONSUME_POP, CONSUME_PASSIVELY or CONSUME_ACTIVELY, not " + quote(c.consumeType) + ".")
		}
		if len(cs.Subscriptions) == 0 {
			for _, t := range in.sortedTopics() {
				if g.subs[t.name] != nil {
					c.subs = append(c.subs, SubscriptionSeed{Topic: t.name, Type: "TAG", Expression: "*"})
				}
			}
		}
		for _, sub := range cs.Subscriptions {
			if in.topics[sub.Topic] == nil {
				return errTopicNotFound(sub.Topic)
			}
			if sub.Type == "" {
				sub.Type = "TAG"
			}
			if sub.Type != "TAG" && sub.Type != "SQL92" {
				return errInvalid("A subscription's type must be TAG or SQL92, not " + quote(sub.Type) + ".")
			}
			if sub.Expression == "" {
				sub.Expression = "*"
			}
			c.subs = append(c.subs, sub)
		}
		add = append(add, c)
	}
	for _, c := range add {
		for _, sub := range c.subs {
			subscribeLocked(g, in.topics[sub.Topic])
		}
	}
	g.clients = append(g.clients, add...)
	return nil
}

// online reports whether a group is online: enabled with a client
// connected. A group without seeded clients is online when it is enabled
// and subscribes to a topic (the emulator then models no clients).
func (g *group) online() bool {
	if len(g.clients) > 0 {
		return g.enabled
	}
	return g.enabled && len(g.subs) > 0
}

// subscriptionKey is a client's subscriptions, sorted, for comparing.
func (c *consumerClient) subscriptionKey() string {
	parts := make([]string, 0, len(c.subs))
	for _, s := range c.subs {
		parts = append(parts, s.Topic+"\x00"+s.Type+"\x00"+s.Expression)
	}
	slices.Sort(parts)
	return strings.Join(parts, "\x01")
}

// consistent reports whether every client of the group has the same
// subscriptions.
func (g *group) consistent() bool {
	for _, c := range g.clients[min(1, len(g.clients)):] {
		if c.subscriptionKey() != g.clients[0].subscriptionKey() {
			return false
		}
	}
	return true
}

// hasClient reports whether id is one of the group's clients.
func (g *group) hasClient(id string) bool {
	return slices.ContainsFunc(g.clients, func(c *consumerClient) bool { return c.id == id })
}

type wireSubscription struct {
	Topic      string `json:"topic"`
	Type       string `json:"type"`
	Expression string `json:"expression"`
}

type wireClient struct {
	Language      string             `json:"language"`
	Version       string             `json:"version"`
	ClientID      string             `json:"client_id"`
	ClientAddr    string             `json:"client_addr"`
	ConsumeType   string             `json:"consume_type"`
	Subscriptions []wireSubscription `json:"subscriptions,omitempty"`
}

// GET /v2/rocketmq/{project_id}/instances/{instance_id}/groups/{group}/clients
// (ShowConsumerConnections): the group's consumers, paged (limit 1–50,
// default 10); is_detail=true adds each client's subscriptions.
func (s *Server) listClients(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	g, e := c.group(in)
	if e != nil {
		return failed(e)
	}
	detail := false
	if v := c.query("is_detail"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return failed(errInvalid("is_detail must be true or false, not " + quote(v) + "."))
		}
		detail = b
	}
	page, limit, offset, e := paged(c, g.clients)
	if e != nil {
		return failed(e)
	}
	out := make([]wireClient, 0, len(page))
	for _, cl := range page {
		w := wireClient{Language: cl.lang, Version: cl.version, ClientID: cl.id, ClientAddr: cl.addr, ConsumeType: cl.consumeType}
		if detail {
			w.Subscriptions = make([]wireSubscription, 0, len(cl.subs))
			for _, sub := range cl.subs {
				w.Subscriptions = append(w.Subscriptions, wireSubscription(sub))
			}
		}
		out = append(out, w)
	}
	next, prev := nextPrev(len(g.clients), limit, offset)
	return okJSON(map[string]any{
		"group_name":               g.name,
		"online":                   g.online(),
		"subscription_consistency": g.consistent(),
		"total":                    len(g.clients),
		"next_offset":              next,
		"previous_offset":          prev,
		"clients":                  out,
	})
}

// reBrokerName is RocketMQ's own rule for topic and group names, which the
// broker's automatically created topics and groups follow (the length is
// checked apart: 1–127 for topics, 1–255 for groups).
var reBrokerName = regexp.MustCompile(`^[A-Za-z0-9%|_-]+$`)

// checkBrokerName checks the name of a topic or group the broker created
// itself (TopicSeed.BrokerCreated, GroupSeed.BrokerCreated).
func checkBrokerName(kind, name string) *apiError {
	maxLen := 127
	if kind == "group" {
		maxLen = 255
	}
	if !reBrokerName.MatchString(name) || len(name) > maxLen {
		return errInvalid(fmt.Sprintf("The %s name %s is invalid: RocketMQ allows 1 to %d letters, digits, %%, |, - and _.", kind, quote(name), maxLen))
	}
	return nil
}
