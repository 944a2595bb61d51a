package rocketmqtest

import (
	"fmt"
	"slices"
	"time"
)

// Instance statuses of the current service that the emulator enters
// itself: EXTENDING while a resize runs (EXTENDEDFAILED when its task is
// forced to FAILED with SetTaskStatus), FROZEN for an instance in the
// recycle bin (as GET /v2/{project_id}/recycle lists it).
const (
	StatusExtending      = "EXTENDING"
	StatusExtendedFailed = "EXTENDEDFAILED"
	StatusFrozen         = "FROZEN"
)

// Statuses of background and scheduled tasks (tasks[].status, jobs[].status).
const (
	TaskCreated   = "CREATED"
	TaskExecuting = "EXECUTING"
	TaskSuccess   = "SUCCESS"
	TaskFailed    = "FAILED"
	TaskDeleted   = "DELETED"
	TaskCancelled = "CANCELLED"
)

// DefaultTaskDelay is how long a background task (resize, SSL switch,
// restore) runs unless WithTaskDelay says otherwise.
const DefaultTaskDelay = 50 * time.Millisecond

// DefaultInstanceQuota is the number of RocketMQ instances a project may
// have (GET /v2/{project_id}/quotas) unless WithInstanceQuota says
// otherwise.
const DefaultInstanceQuota = 100

// taskTimeLayout formats task times (created_at, updated_at, step times,
// schedule_at): the definitions give them as strings of unstated format.
const taskTimeLayout = "2006-01-02T15:04:05.000Z"

// queryTimeLayout is YYYYMMDDHHmmss, the time filters' format (UTC).
const queryTimeLayout = "20060102150405"

// bgTask is a background task of an instance (a resize, an SSL switch, a
// restore from the recycle bin).
type bgTask struct {
	id, name, params string
	status           string
	created, end     time.Time
	updated          time.Time
	steps            []string
	apply            func(in *instance, now time.Time) // when it succeeds
	fail             func(in *instance)                // when it is forced to FAILED
}

// schedTask is a scheduled task of an instance.
type schedTask struct {
	id, name, params string
	status           string
	created, updated time.Time
	scheduleAt       time.Time
}

// volumeExpansion is the automatic volume expansion setting.
type volumeExpansion struct {
	enable               bool
	threshold, increment int
	maxSize              int
}

// instanceExt is the state of the current service's operations on an
// instance.
type instanceExt struct {
	bgTasks     []*bgTask
	sched       []*schedTask
	tlsMode     string
	dnsEnable   bool
	vol         *volumeExpansion
	configs     map[string]string
	toRecycle   bool
	extendTimes int64
	prePaid     bool
	ipv6Broker  string
	ipv6Namesrv string
	archType    string
	// diskEncrypted and diskKey are disk_encrypted_enable and
	// disk_encrypted_key of the current create.
	diskEncrypted bool
	diskKey       string
}

// recycled is an instance in the recycle bin.
type recycled struct {
	in       *instance
	at       time.Time
	saveDays int
}

// projectExt is a project's recycle bin and policy.
type projectExt struct {
	recycleDays int
	useRecycle  bool
	bin         map[string]*recycled
}

// RecyclePolicy is the recycle-bin policy of PUT /v2/{project_id}/recycle:
// with Enabled, a deleted instance goes to the recycle bin (and is no
// longer listed or found) for RetentionDays (1–7; 0 means 3), from where
// it can be restored.
type RecyclePolicy struct {
	RetentionDays int
	Enabled       bool
}

// ScheduledTaskSeed describes a scheduled task (InstanceSeed.ScheduledTasks,
// Server.AddScheduledTask): Name (default "restartInstance"), Params (a
// free string, default "{}"), ScheduleAt (required), Status (default
// CREATED; a CREATED task becomes SUCCESS once ScheduleAt has passed) and
// ID (default: a random 32-hex-digit ID).
type ScheduledTaskSeed struct {
	ID         string
	Name       string
	Params     string
	ScheduleAt time.Time
	Status     string
}

func (p *project) ext() *projectExt {
	if p.x.bin == nil {
		p.x.bin = make(map[string]*recycled)
		if p.x.recycleDays == 0 {
			p.x.recycleDays = 3
		}
	}
	return &p.x
}

// tlsModeOf is the instance's tls_mode (SSL when SSL is on, else
// PLAINTEXT, unless changed).
func (in *instance) tlsModeOf() string {
	if in.x.tlsMode != "" {
		return in.x.tlsMode
	}
	if in.sslEnable {
		return "SSL"
	}
	return "PLAINTEXT"
}

// startTaskLocked adds a background task that runs for the task delay,
// its steps evenly spread, and returns it.
func (s *Server) startTaskLocked(in *instance, name, params string, steps []string, now time.Time, apply func(*instance, time.Time)) *bgTask {
	t := &bgTask{
		id:      newJobID(),
		name:    name,
		params:  params,
		status:  TaskExecuting,
		created: now,
		updated: now,
		end:     now.Add(s.cfg.taskDelay),
		steps:   steps,
		apply:   apply,
	}
	in.x.bgTasks = append(in.x.bgTasks, t)
	if s.cfg.taskDelay <= 0 {
		s.finishTaskLocked(in, t, now)
	}
	return t
}

func (s *Server) finishTaskLocked(in *instance, t *bgTask, now time.Time) {
	t.status = TaskSuccess
	t.updated = t.end
	if t.apply != nil {
		t.apply(in, now)
	}
}

// refreshTasksLocked applies what is due at now: finished background
// tasks, scheduled tasks whose time has come, deleted instances entering
// the recycle bin, and recycled instances whose retention has ended.
func (s *Server) refreshTasksLocked(now time.Time) {
	for _, p := range s.projList {
		for id, in := range p.instances {
			for _, t := range in.x.bgTasks {
				if t.status == TaskExecuting && !now.Before(t.end) {
					s.finishTaskLocked(in, t, now)
				}
			}
			for _, j := range in.x.sched {
				if j.status == TaskCreated && !now.Before(j.scheduleAt) {
					j.status, j.updated = TaskSuccess, j.scheduleAt
				}
			}
			if in.status == StatusDeleting && in.x.toRecycle && !now.Before(in.goneAt) {
				s.recycleLocked(p, in, now)
				delete(p.instances, id)
			}
		}
		for id, r := range p.x.bin {
			if !now.Before(r.at.Add(time.Duration(r.saveDays) * 24 * time.Hour)) {
				delete(p.x.bin, id)
			}
		}
	}
}

// recycleLocked puts in into its project's recycle bin.
func (s *Server) recycleLocked(p *project, in *instance, now time.Time) {
	x := p.ext()
	in.status = StatusFrozen
	in.x.toRecycle = false
	x.bin[in.id] = &recycled{in: in, at: now, saveDays: x.recycleDays}
}

// task returns the instance's background task with that ID, or nil.
func (in *instance) task(id string) *bgTask {
	for _, t := range in.x.bgTasks {
		if t.id == id {
			return t
		}
	}
	return nil
}

func (in *instance) schedTask(id string) *schedTask {
	for _, t := range in.x.sched {
		if t.id == id {
			return t
		}
	}
	return nil
}

func (s *Server) addScheduledLocked(in *instance, seed ScheduledTaskSeed, now time.Time) (string, error) {
	if seed.ScheduleAt.IsZero() {
		return "", fmt.Errorf("scheduled task %q: ScheduleAt is required", seed.Name)
	}
	t := &schedTask{id: seed.ID, name: seed.Name, params: seed.Params, status: seed.Status,
		created: now, updated: now, scheduleAt: seed.ScheduleAt.UTC()}
	if t.id == "" {
		t.id = newJobID()
	} else if in.schedTask(t.id) != nil {
		return "", fmt.Errorf("scheduled task %q already exists", t.id)
	}
	if t.name == "" {
		t.name = "restartInstance"
	}
	if t.params == "" {
		t.params = "{}"
	}
	if t.status == "" {
		t.status = TaskCreated
	}
	if !slices.Contains([]string{TaskCreated, TaskExecuting, TaskSuccess, TaskFailed, TaskDeleted, TaskCancelled}, t.status) {
		return "", fmt.Errorf("scheduled task %q: unknown status %q", t.id, t.status)
	}
	in.x.sched = append(in.x.sched, t)
	return t.id, nil
}

// AddScheduledTask adds a scheduled task to an instance and returns its ID.
func (s *Server) AddScheduledTask(instanceID string, t ScheduledTaskSeed) (string, error) {
	var id string
	err := s.withInstance(instanceID, func(in *instance, now time.Time) error {
		var err error
		id, err = s.addScheduledLocked(in, t, now)
		return err
	})
	return id, err
}

// TaskStatus returns the status of an instance's background task ("" when
// there is no such task).
func (s *Server) TaskStatus(instanceID, taskID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refreshLocked(s.now())
	if in := s.findInstanceLocked(instanceID); in != nil {
		if t := in.task(taskID); t != nil {
			return t.status
		}
	}
	return ""
}

// SetTaskStatus forces the status of an instance's background task, e.g.
// FAILED to test how code copes with a failed resize: a running task
// forced to FAILED or CANCELLED does not change the instance (a resize
// leaves it EXTENDEDFAILED); one forced to SUCCESS applies its change now.
func (s *Server) SetTaskStatus(instanceID, taskID, status string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.refreshLocked(now)
	in := s.findInstanceLocked(instanceID)
	if in == nil {
		return fmt.Errorf("rocketmqtest: no instance %q", instanceID)
	}
	t := in.task(taskID)
	if t == nil {
		return fmt.Errorf("rocketmqtest: instance %q has no task %q", instanceID, taskID)
	}
	running := t.status == TaskExecuting || t.status == TaskCreated
	switch {
	case running && status == TaskSuccess:
		t.end = now
		s.finishTaskLocked(in, t, now)
		return nil
	case running && (status == TaskFailed || status == TaskCancelled) && t.fail != nil:
		t.fail(in)
	}
	t.status, t.updated = status, now
	return nil
}

// SetRecyclePolicy sets the recycle-bin policy of a project ("" is the
// default project).
func (s *Server) SetRecyclePolicy(projectID string, p RecyclePolicy) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if projectID == "" {
		projectID = s.cfg.projects[0].ID
	}
	pr := s.projects[projectID]
	if pr == nil {
		return fmt.Errorf("rocketmqtest: no project %q", projectID)
	}
	return applyRecyclePolicy(pr, p)
}

func applyRecyclePolicy(pr *project, p RecyclePolicy) error {
	if p.RetentionDays == 0 {
		p.RetentionDays = 3
	}
	if p.RetentionDays < 1 || p.RetentionDays > 7 {
		return fmt.Errorf("rocketmqtest: retention days must be from 1 to 7, not %d", p.RetentionDays)
	}
	x := pr.ext()
	x.recycleDays, x.useRecycle = p.RetentionDays, p.Enabled
	return nil
}

// RecycledInstances returns the IDs of the instances in a project's
// recycle bin ("" is the default project).
func (s *Server) RecycledInstances(projectID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refreshLocked(s.now())
	if projectID == "" {
		projectID = s.cfg.projects[0].ID
	}
	pr := s.projects[projectID]
	if pr == nil {
		return nil
	}
	var ids []string
	for id := range pr.x.bin {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// WithTaskDelay sets how long background tasks (resize, SSL switch,
// restore from the recycle bin) run before they succeed (default 50ms; 0
// ends them at once). A resize leaves its instance EXTENDING meanwhile.
func WithTaskDelay(d time.Duration) Option { return func(c *config) { c.taskDelay = max(d, 0) } }

// WithInstanceQuota sets how many instances a project may have (default
// DefaultInstanceQuota); creating one more is DMS.00400035, and
// GET /v2/{project_id}/quotas reports it.
func WithInstanceQuota(n int) Option { return func(c *config) { c.instanceQuota = max(n, 0) } }

// WithRecyclePolicy sets the recycle-bin policy of every project when the
// server starts (default: off, retention 3 days).
func WithRecyclePolicy(p RecyclePolicy) Option {
	return func(c *config) { c.recyclePolicy = &p }
}
