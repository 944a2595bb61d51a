package rocketmqtest

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

type wireBgTask struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	UserName  string `json:"user_name"`
	UserID    string `json:"user_id"`
	Params    string `json:"params"`
	Status    string `json:"status"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

func fmtTaskTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(taskTimeLayout)
}

func (s *Server) wireBgTask(in *instance, t *bgTask) wireBgTask {
	return wireBgTask{
		ID: t.id, Name: t.name, UserName: s.cfg.iamUsers[0].Name, UserID: in.project.id,
		Params: t.params, Status: t.status, CreatedAt: fmtTaskTime(t.created), UpdatedAt: fmtTaskTime(t.updated),
	}
}

// timeRange reads begin_time and end_time (YYYYMMDDHHmmss, UTC); zero
// times mean no bound.
func (c *call) timeRange() (begin, end time.Time, e *apiError) {
	parse := func(key string) (time.Time, *apiError) {
		v := c.query(key)
		if v == "" {
			return time.Time{}, nil
		}
		t, err := time.ParseInLocation(queryTimeLayout, v, time.UTC)
		if err != nil {
			return time.Time{}, bad(codeBadTimestamp, "Timestamp is invalid.", key+" must be YYYYMMDDHHmmss, not "+quote(v)+".")
		}
		return t, nil
	}
	if begin, e = parse("begin_time"); e != nil {
		return
	}
	if end, e = parse("end_time"); e != nil {
		return
	}
	if !begin.IsZero() && !end.IsZero() && begin.After(end) {
		return begin, end, errInvalid("begin_time must not be after end_time.")
	}
	return begin, end, nil
}

// inRange reports whether t (to the second) lies within [begin, end].
func inRange(t, begin, end time.Time) bool {
	t = t.Truncate(time.Second)
	return (begin.IsZero() || !t.Before(begin)) && (end.IsZero() || !t.After(end))
}

// GET /v2/{project_id}/instances/{instance_id}/tasks: newest first,
// filtered by start time; task_count is a string, as the definitions type
// it.
func (s *Server) listBgTasks(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	begin, end, e := c.timeRange()
	if e != nil {
		return failed(e)
	}
	var all []*bgTask
	for _, t := range in.x.bgTasks {
		if inRange(t.created, begin, end) {
			all = append(all, t)
		}
	}
	slices.Reverse(all)
	page, _, _, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	out := make([]wireBgTask, 0, len(page))
	for _, t := range page {
		out = append(out, s.wireBgTask(in, t))
	}
	return okJSON(map[string]any{"task_count": strconv.Itoa(len(all)), "tasks": out})
}

// GET …/tasks/{task_id}: a one-task list (empty, task_count "0", when there
// is no such task).
func (s *Server) getBgTask(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	out := []wireBgTask{}
	if t := in.task(c.pathValue("task_id")); t != nil {
		out = append(out, s.wireBgTask(in, t))
	}
	return okJSON(map[string]any{"task_count": strconv.Itoa(len(out)), "tasks": out})
}

func errBgTaskNotFound(id string) *apiError {
	return bad(codeTaskNotFound, "The task does not exist: "+strconv.Quote(id)+".")
}

// GET …/tasks/{task_id}/progress: steps spread evenly over the task's run,
// each COMPLETED, IN_PROGRESS or WAITING (FAILED for the current step of a
// failed task), in step_list[].statue as the definitions spell it.
func (s *Server) bgTaskProgress(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	t := in.task(c.pathValue("task_id"))
	if t == nil {
		return failed(errBgTaskNotFound(c.pathValue("task_id")))
	}
	type wireStep struct {
		Name      string `json:"name"`
		Statue    string `json:"statue"`
		StartTime string `json:"start_time"`
		EndTime   string `json:"end_time"`
	}
	total := t.end.Sub(t.created)
	now := c.now
	if t.status != TaskExecuting && t.status != TaskCreated {
		now = t.updated
	}
	elapsed := now.Sub(t.created)
	n := len(t.steps)
	steps := make([]wireStep, 0, n)
	pct := 100
	if t.status == TaskExecuting && total > 0 {
		pct = min(int(elapsed*100/total), 99)
	}
	for i, name := range t.steps {
		from := t.created.Add(total * time.Duration(i) / time.Duration(n))
		to := t.created.Add(total * time.Duration(i+1) / time.Duration(n))
		st := wireStep{Name: name}
		switch {
		case t.status == TaskSuccess || !now.Before(to) && t.status == TaskExecuting:
			st.Statue, st.StartTime, st.EndTime = "COMPLETED", fmtTaskTime(from), fmtTaskTime(to)
		case !now.Before(from) || i == 0:
			st.Statue, st.StartTime = "IN_PROGRESS", fmtTaskTime(from)
			if t.status == TaskFailed || t.status == TaskCancelled {
				st.Statue, st.EndTime = "FAILED", fmtTaskTime(t.updated)
			}
		default:
			st.Statue = "WAITING"
		}
		steps = append(steps, st)
	}
	remain := 0
	if t.status == TaskExecuting {
		remain = int((t.end.Sub(c.now) + time.Second - 1) / time.Second)
	}
	return okJSON(map[string]any{"progress_percentage": pct, "remain_time": max(remain, 0), "step_list": steps})
}

// DELETE …/tasks/{task_id}: removes the record; a running task cannot be
// deleted (DMS.00400017).
func (s *Server) deleteBgTask(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	id := c.pathValue("task_id")
	t := in.task(id)
	if t == nil {
		return failed(errBgTaskNotFound(id))
	}
	if t.status == TaskExecuting || t.status == TaskCreated {
		return failed(bad(codeJobRunning, "This DMS instance job task is still running."))
	}
	in.x.bgTasks = slices.DeleteFunc(in.x.bgTasks, func(x *bgTask) bool { return x == t })
	return noContent()
}

type wireSchedTask struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	UserName   string `json:"user_name"`
	UserID     string `json:"user_id"`
	Params     string `json:"params"`
	Status     string `json:"status"`
	CreatedAt  string `json:"created_at"`
	UpdatedAt  string `json:"updated_at"`
	ScheduleAt string `json:"schedule_at"`
}

// GET /v2/{project_id}/instances/{instance_id}/scheduled-tasks: in
// schedule order, filtered by schedule_at; start is the index of the first
// task; job_count is a string.
func (s *Server) listScheduled(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	begin, end, e := c.timeRange()
	if e != nil {
		return failed(e)
	}
	var all []*schedTask
	for _, t := range in.x.sched {
		if inRange(t.scheduleAt, begin, end) {
			all = append(all, t)
		}
	}
	slices.SortStableFunc(all, func(a, b *schedTask) int { return cmp.Compare(a.scheduleAt.UnixNano(), b.scheduleAt.UnixNano()) })
	limit := defaultLimit
	if v := c.query("limit"); v != "" || c.hasQuery("limit") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return failed(bad(codeBadLimit, "The number of records on each page for pagination query exceeds the upper limit.", "limit must be an integer from 1 to 50, not "+quote(v)+"."))
		}
		limit = n
	}
	start := 0
	if v := c.query("start"); v != "" || c.hasQuery("start") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return failed(bad(codeBadOffset, "The number of skipped records for pagination query exceeds the upper limit.", "start must be an integer of at least 0, not "+quote(v)+"."))
		}
		start = n
	}
	lo, hi := min(start, len(all)), min(start+limit, len(all))
	out := make([]wireSchedTask, 0, hi-lo)
	for _, t := range all[lo:hi] {
		out = append(out, wireSchedTask{
			ID: t.id, Name: t.name, UserName: s.cfg.iamUsers[0].Name, UserID: in.project.id, Params: t.params,
			Status: t.status, CreatedAt: fmtTaskTime(t.created), UpdatedAt: fmtTaskTime(t.updated), ScheduleAt: fmtTaskTime(t.scheduleAt),
		})
	}
	return okJSON(map[string]any{"job_count": strconv.Itoa(len(all)), "jobs": out})
}

// PUT …/scheduled-tasks/{task_id}?execute_at=YYYYMMDDHHmmss&status=CANCELLED:
// moves a pending (CREATED) task to a later time and/or cancels it.
func (s *Server) updateScheduled(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	id := c.pathValue("task_id")
	t := in.schedTask(id)
	if t == nil {
		return failed(errBgTaskNotFound(id))
	}
	at, status := c.query("execute_at"), c.query("status")
	if at == "" && status == "" {
		return failed(errInvalid("Give execute_at and/or status=CANCELLED."))
	}
	if status != "" && status != TaskCancelled {
		return failed(errInvalid("status must be CANCELLED, not " + quote(status) + "."))
	}
	var when time.Time
	if at != "" {
		var err error
		when, err = time.ParseInLocation(queryTimeLayout, at, time.UTC)
		if err != nil {
			return failed(bad(codeBadTimestamp, "Timestamp is invalid.", "execute_at must be YYYYMMDDHHmmss, not "+quote(at)+"."))
		}
		if !when.After(c.now) {
			return failed(bad(codeBadTimestamp, "Timestamp is invalid.", "execute_at must be in the future."))
		}
	}
	if t.status != TaskCreated {
		return failed(errInvalid("The scheduled task is " + t.status + "; only a CREATED task can be changed."))
	}
	if !when.IsZero() {
		t.scheduleAt = when
	}
	if status != "" {
		t.status = TaskCancelled
	}
	t.updated = c.now
	return noContent()
}

// DELETE …/scheduled-tasks/{task_id}.
func (s *Server) deleteScheduled(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	id := c.pathValue("task_id")
	t := in.schedTask(id)
	if t == nil {
		return failed(errBgTaskNotFound(id))
	}
	in.x.sched = slices.DeleteFunc(in.x.sched, func(x *schedTask) bool { return x == t })
	return noContent()
}
