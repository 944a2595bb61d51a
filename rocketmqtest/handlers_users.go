package rocketmqtest

import (
	"strings"
)

// maskedSecret is what the emulator answers instead of a secret key, like
// the real service. A secret key made only of '*' in an update means
// "unchanged" (the reference's update example sends "*****").
const maskedSecret = "******"

type wirePerm struct {
	Name string `json:"name"`
	Perm string `json:"perm"`
}

// wireUser is a User (5.5.2 table 5-97) with the secret key masked.
type wireUser struct {
	AccessKey          string     `json:"access_key"`
	SecretKey          string     `json:"secret_key"`
	WhiteRemoteAddress string     `json:"white_remote_address"`
	Admin              bool       `json:"admin"`
	DefaultTopicPerm   string     `json:"default_topic_perm"`
	DefaultGroupPerm   string     `json:"default_group_perm"`
	TopicPerms         []wirePerm `json:"topic_perms"`
	GroupPerms         []wirePerm `json:"group_perms"`
}

func wirePerms(ps []perm) []wirePerm {
	out := make([]wirePerm, 0, len(ps))
	for _, p := range ps {
		out = append(out, wirePerm{Name: p.name, Perm: p.perm})
	}
	return out
}

func (u *user) wire() wireUser {
	return wireUser{
		AccessKey:          u.accessKey,
		SecretKey:          maskedSecret,
		WhiteRemoteAddress: u.white,
		Admin:              u.admin,
		DefaultTopicPerm:   u.defTopic,
		DefaultGroupPerm:   u.defGroup,
		TopicPerms:         wirePerms(u.topicPerms),
		GroupPerms:         wirePerms(u.groupPerms),
	}
}

type userRequest struct {
	AccessKey          *string    `json:"access_key"`
	SecretKey          *string    `json:"secret_key"`
	WhiteRemoteAddress *string    `json:"white_remote_address"`
	Admin              *bool      `json:"admin"`
	DefaultTopicPerm   *string    `json:"default_topic_perm"`
	DefaultGroupPerm   *string    `json:"default_group_perm"`
	TopicPerms         []wirePerm `json:"topic_perms"`
	GroupPerms         []wirePerm `json:"group_perms"`
}

func canonicalPerm(p string) string {
	p = strings.ToUpper(strings.TrimSpace(p))
	if p == "SUB|PUB" {
		return "PUB|SUB"
	}
	return p
}

// checkGroupPerm checks a permission on consumer groups: SUB or DENY (the
// current definitions' enum; publishing is no group permission).
func checkGroupPerm(field, v string) *apiError {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "", "SUB", "DENY":
		return nil
	}
	return errInvalid(field + " must be SUB or DENY, not " + quote(v) + ".")
}

func buildPerms(field string, in []wirePerm) ([]perm, *apiError) {
	check := checkUserPerm
	if field == "group_perms" {
		check = checkGroupPerm
	}
	out := make([]perm, 0, len(in))
	seen := map[string]bool{}
	for _, p := range in {
		if strings.TrimSpace(p.Name) == "" {
			return nil, errInvalid(field + ": every entry needs a name.")
		}
		if p.Perm == "" {
			return nil, errInvalid(field + ": the entry " + quote(p.Name) + " needs a perm (DENY, PUB, SUB or PUB|SUB).")
		}
		if e := check(field, p.Perm); e != nil {
			return nil, e
		}
		if seen[p.Name] {
			return nil, errInvalid(field + ": " + quote(p.Name) + " is listed twice.")
		}
		seen[p.Name] = true
		out = append(out, perm{name: p.Name, perm: canonicalPerm(p.Perm)})
	}
	return out, nil
}

func isMask(s string) bool {
	return s != "" && strings.Trim(s, "*") == ""
}

// buildUser validates a create (old == nil) or an update of old, and
// returns the resulting user (a copy when updating).
func buildUser(req userRequest, old *user) (*user, *apiError) {
	var u user
	if old != nil {
		u = *old
	} else {
		if req.AccessKey == nil || *req.AccessKey == "" {
			return nil, bad(codeBadUsername, "Invalid username.", "access_key is required.")
		}
		if e := checkUserName(*req.AccessKey); e != nil {
			return nil, e
		}
		u.accessKey = *req.AccessKey
		if req.SecretKey == nil || *req.SecretKey == "" || isMask(*req.SecretKey) {
			return nil, bad(codeWeakPassword, "The password does not meet the complexity requirements.", "secret_key is required.")
		}
		u.defTopic, u.defGroup = "DENY", "DENY"
	}
	if req.SecretKey != nil && *req.SecretKey != "" && !isMask(*req.SecretKey) {
		if e := checkSecret(u.accessKey, *req.SecretKey); e != nil {
			return nil, e
		}
		u.secretKey = *req.SecretKey
	}
	if req.WhiteRemoteAddress != nil {
		u.white = strings.TrimSpace(*req.WhiteRemoteAddress)
	}
	if req.Admin != nil {
		u.admin = *req.Admin
	}
	if req.DefaultTopicPerm != nil && *req.DefaultTopicPerm != "" {
		if e := checkUserPerm("default_topic_perm", *req.DefaultTopicPerm); e != nil {
			return nil, e
		}
		u.defTopic = canonicalPerm(*req.DefaultTopicPerm)
	}
	if req.DefaultGroupPerm != nil && *req.DefaultGroupPerm != "" {
		if e := checkGroupPerm("default_group_perm", *req.DefaultGroupPerm); e != nil {
			return nil, e
		}
		u.defGroup = canonicalPerm(*req.DefaultGroupPerm)
	}
	if req.TopicPerms != nil {
		ps, e := buildPerms("topic_perms", req.TopicPerms)
		if e != nil {
			return nil, e
		}
		u.topicPerms = ps
	}
	if req.GroupPerms != nil {
		ps, e := buildPerms("group_perms", req.GroupPerms)
		if e != nil {
			return nil, e
		}
		u.groupPerms = ps
	}
	return &u, nil
}

// POST /v2/{project_id}/instances/{instance_id}/users (5.5.1).
func (s *Server) createUser(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req userRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	u, e := buildUser(req, nil)
	if e != nil {
		return failed(e)
	}
	if in.users[u.accessKey] != nil {
		return failed(errInvalid("The user " + quote(u.accessKey) + " already exists."))
	}
	u.created = c.now
	in.users[u.accessKey] = u
	return okJSON(u.wire())
}

// GET /v2/{project_id}/instances/{instance_id}/users (5.5.2).
func (s *Server) listUsers(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	all := in.sortedUsers()
	page, _, _, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	out := make([]wireUser, 0, len(page))
	for _, u := range page {
		out = append(out, u.wire())
	}
	return okJSON(map[string]any{"users": out, "total": len(all)})
}

func (c *call) user(in *instance) (*user, *apiError) {
	name := c.pathValue("user_name")
	u := in.users[name]
	if u == nil {
		return nil, errUserNotFound(name)
	}
	return u, nil
}

// GET …/users/{user_name} (5.5.4).
func (s *Server) getUser(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	u, e := c.user(in)
	if e != nil {
		return failed(e)
	}
	return okJSON(u.wire())
}

// PUT …/users/{user_name} (5.5.3): fields present in the body change; the
// answer is the user (secret masked).
func (s *Server) updateUser(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	u, e := c.user(in)
	if e != nil {
		return failed(e)
	}
	var req userRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if req.AccessKey != nil && *req.AccessKey != "" && *req.AccessKey != u.accessKey {
		return failed(errInvalid("A user cannot be renamed: access_key must be " + quote(u.accessKey) + " or absent."))
	}
	nu, e := buildUser(req, u)
	if e != nil {
		return failed(e)
	}
	in.users[u.accessKey] = nu
	return okJSON(nu.wire())
}

// DELETE …/users/{user_name} (5.5.5): 200 with {"message"} (table 5-112).
func (s *Server) deleteUser(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	u, e := c.user(in)
	if e != nil {
		return failed(e)
	}
	delete(in.users, u.accessKey)
	return okJSON(map[string]string{"message": "success"})
}

type wirePolicy struct {
	AccessKey          string `json:"access_key"`
	SecretKey          string `json:"secret_key"`
	WhiteRemoteAddress string `json:"white_remote_address"`
	Admin              bool   `json:"admin"`
	Perm               string `json:"perm"`
}

// policies lists the users with an explicit permission on a topic or
// group, paged.
func policies(c *call, in *instance, name string, topicSide bool) result {
	var all []wirePolicy
	for _, u := range in.sortedUsers() {
		ps := u.groupPerms
		if topicSide {
			ps = u.topicPerms
		}
		for _, p := range ps {
			if p.name == name {
				all = append(all, wirePolicy{AccessKey: u.accessKey, SecretKey: maskedSecret, WhiteRemoteAddress: u.white, Admin: u.admin, Perm: p.perm})
			}
		}
	}
	page, _, _, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	if page == nil {
		page = []wirePolicy{}
	}
	return okJSON(map[string]any{"policies": page, "total": len(all), "name": name})
}

// GET …/topics/{topic}/accesspolicy (5.5.6).
func (s *Server) topicPolicies(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	t, e := c.topic(in)
	if e != nil {
		return failed(e)
	}
	return policies(c, in, t.name, true)
}

// GET /v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/accesspolicy (5.5.7).
func (s *Server) groupPolicies(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	g, e := c.group(in)
	if e != nil {
		return failed(e)
	}
	return policies(c, in, g.name, false)
}
