package rocketmqtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// routes registers every operation. The /v2/{engine}/{project_id}/… paths
// go to their own mux: on one mux they would conflict with
// /v2/{project_id}/instances/{instance_id}/{collection}/{name} (a path such
// as /v2/x/instances/instances/groups/trace matches both and neither is
// more specific).
func (s *Server) routes() {
	m := http.NewServeMux()
	e := http.NewServeMux()

	// IAM (3.1, 7.4).
	m.HandleFunc("POST /v3/auth/tokens", s.handleIssueToken)
	m.HandleFunc("GET /v3/projects", s.handleListProjects)

	// 5.8.1: no project in the path.
	s.api(m, "GET /v2/available-zones", s.listAZs)

	// 5.1 instances.
	s.api(m, "POST /v2/{project_id}/instances", s.createInstance)
	s.api(m, "GET /v2/{project_id}/instances", s.listInstances)
	s.api(m, "POST /v2/{project_id}/instances/action", s.batchInstances)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}", s.getInstance)
	s.api(m, "PUT /v2/{project_id}/instances/{instance_id}", s.updateInstance)
	s.api(m, "DELETE /v2/{project_id}/instances/{instance_id}", s.deleteInstance)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/brokers", s.listBrokers)

	// 5.2 consumer groups.
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/groups", s.listGroups)
	s.api(m, "POST /v2/{project_id}/instances/{instance_id}/groups", s.createOrDeleteGroups)
	s.api(m, "PUT /v2/{project_id}/instances/{instance_id}/groups", s.batchUpdateGroups)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/groups/{group}", s.getGroup)
	s.api(m, "PUT /v2/{project_id}/instances/{instance_id}/groups/{group}", s.updateGroup)
	s.api(m, "DELETE /v2/{project_id}/instances/{instance_id}/groups/{group}", s.deleteGroup)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/groups/{group}/topics", s.groupTopics)
	s.api(e, "POST /v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset", s.resetOffset)

	// 5.3 topics (and the topic list beyond the reference).
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/topics", s.listTopics)
	s.api(m, "POST /v2/{project_id}/instances/{instance_id}/topics", s.createOrDeleteTopics)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/topics/{topic}", s.getTopic)
	s.api(m, "PUT /v2/{project_id}/instances/{instance_id}/topics/{topic}", s.updateTopic)
	s.api(m, "DELETE /v2/{project_id}/instances/{instance_id}/topics/{topic}", s.deleteTopic)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/groups", s.topicGroups)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/status", s.topicStatus)

	// 5.4 messages.
	s.api(e, "GET /v2/{engine}/{project_id}/instances/{instance_id}/messages", s.queryMessages)
	s.api(e, "GET /v2/{engine}/{project_id}/instances/{instance_id}/trace", s.traceMessage)
	s.api(m, "POST /v2/{project_id}/instances/{instance_id}/messages/export", s.exportDeadLetters)
	s.api(e, "POST /v2/{engine}/{project_id}/instances/{instance_id}/messages/deadletter-resend", s.resendDeadLetters)
	s.api(e, "POST /v2/{engine}/{project_id}/instances/{instance_id}/messages/resend", s.verifyConsumption)

	// 5.5 users.
	s.api(m, "POST /v2/{project_id}/instances/{instance_id}/users", s.createUser)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/users", s.listUsers)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/users/{user_name}", s.getUser)
	s.api(m, "PUT /v2/{project_id}/instances/{instance_id}/users/{user_name}", s.updateUser)
	s.api(m, "DELETE /v2/{project_id}/instances/{instance_id}/users/{user_name}", s.deleteUser)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/accesspolicy", s.topicPolicies)
	s.api(e, "GET /v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/accesspolicy", s.groupPolicies)

	// 5.6 metadata migration.
	s.api(m, "POST /v2/{project_id}/instances/{instance_id}/metadata", s.createTask)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/metadata", s.listTasks)
	s.api(m, "DELETE /v2/{project_id}/instances/{instance_id}/metadata", s.deleteTasks)

	// 5.7 tags (and the tag lists beyond the reference).
	s.api(m, "POST /v2/{project_id}/rocketmq/{instance_id}/tags/action", s.tagAction)
	s.api(m, "GET /v2/{project_id}/rocketmq/{instance_id}/tags", s.listInstanceTags)
	s.api(m, "GET /v2/{project_id}/rocketmq/tags", s.listProjectTags)

	// The current service's operations (handlers_resize.go, …).
	s.routesCurrentService(m, e)

	m.HandleFunc("/", s.notFound(m))
	e.HandleFunc("/", s.notFound(e))
	s.main, s.eng = m, e
}

// notFound answers 405 when the path exists under another method, else 404.
func (s *Server) notFound(m *http.ServeMux) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ex := exchangeFrom(r)
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
			if method == r.Method {
				continue
			}
			r2 := r.Clone(r.Context())
			r2.Method = method
			if _, p := m.Handler(r2); p != "" && p != "/" {
				writeError(w, ex.id, errMethod())
				return
			}
		}
		writeError(w, ex.id, errNotFoundURL())
	}
}

func exchangeFrom(r *http.Request) *exchange {
	if ex, ok := r.Context().Value(exchangeKey{}).(*exchange); ok {
		return ex
	}
	return &exchange{id: newRequestID(), start: time.Now()}
}

// call is one authenticated API request being handled, with the state lock
// held.
type call struct {
	s       *Server
	r       *http.Request
	body    []byte
	now     time.Time
	project *project
	q       url.Values
}

// api registers an authenticated DMS operation.
func (s *Server) api(m *http.ServeMux, pattern string, h func(*call) result) {
	m.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		ex := exchangeFrom(r)
		now := s.now()
		pr, aerr := s.authenticate(r, ex.body, now)
		if aerr != nil {
			writeError(w, ex.id, aerr)
			return
		}
		if eng := r.PathValue("engine"); eng != "" && eng != "reliability" && eng != "rocketmq" { // rocketmq: the definitions' other spelling (DRIFT.md)
			writeError(w, ex.id, bad(codeUnsupportedType, "Unsupported type.", "The engine must be reliability, not "+quote(eng)+"."))
			return
		}
		var res result
		func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.refreshLocked(now)
			c := &call{s: s, r: r, body: ex.body, now: now, q: r.URL.Query()}
			if pid := r.PathValue("project_id"); pid != "" {
				p, perr := s.authorizeProjectLocked(pr, pid, r)
				if perr != nil {
					res = failed(perr)
					return
				}
				c.project = p
			}
			res = h(c)
		}()
		writeResult(w, ex.id, res)
	})
}

// decode decodes the JSON body into v. An empty body is DMS.00400004 unless
// allowEmpty.
func (c *call) decode(v any, allowEmpty bool) *apiError {
	b := bytes.TrimSpace(c.body)
	if len(b) == 0 {
		if allowEmpty {
			return nil
		}
		return errEmptyBody()
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return errBadRequestBody("The field " + quote(te.Field) + " has the wrong type.")
		}
		return errBadRequestBody("")
	}
	if dec.More() {
		return errBadRequestBody("Unexpected data after the JSON document.")
	}
	return nil
}

// instance returns the path's instance (any status).
func (c *call) instance() (*instance, *apiError) {
	id := c.r.PathValue("instance_id")
	in := c.project.instances[id]
	if in == nil {
		return nil, errInstanceNotFound()
	}
	return in, nil
}

// running returns the path's instance, which must be RUNNING.
func (c *call) running() (*instance, *apiError) {
	in, err := c.instance()
	if err != nil {
		return nil, err
	}
	if in.status != StatusRunning {
		return nil, errStatus(in.status)
	}
	return in, nil
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// pathValue returns a decoded path value (names are compared exactly).
func (c *call) pathValue(name string) string { return c.r.PathValue(name) }

// hasQuery reports whether key is present in the query (even empty).
func (c *call) hasQuery(key string) bool {
	_, ok := c.q[key]
	return ok
}

func (c *call) query(key string) string { return strings.TrimSpace(c.q.Get(key)) }
