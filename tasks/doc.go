// Package tasks follows the background and scheduled tasks of a DMS for
// RocketMQ instance (beyond the 2022 reference; ListBackgroundTasks,
// ShowBackgroundTask, ShowBackgroundTaskProgress, DeleteBackgroundTask,
// ListScheduledTasks, UpdateScheduledTask and DeleteScheduledTask of the
// current API). The job_id that instances.Resize, instances.UpdateSSL and
// instances.Restore return is the task ID these methods take.
//
//	tc := tasks.New(client)
//	task, err := tc.WaitForTask(ctx, instanceID, jobID, nil)
//	if err != nil {
//		var failed *tasks.TerminalStatusError
//		if errors.As(err, &failed) {
//			fmt.Println("the task ended", failed.Status)
//		}
//		return err
//	}
//	p, err := tc.Progress(ctx, instanceID, jobID)
//	…
//	for _, s := range p.Steps {
//		fmt.Println(s.Name, s.Status)
//	}
//
// WaitForTask polls at once, then after 100ms, doubling up to every 5s
// (DefaultPollInterval), for at most an hour by default; an explicit
// WaitOptions.PollInterval polls at that fixed interval. Times sent in
// queries (list filters, a scheduled task's new execution time) are
// written YYYYMMDDHHmmss in UTC; times of the answers whose format the
// definitions do not state stay strings.
//
// Input is validated before anything is sent (*rocketmq.ValidationError
// names the field); service errors are *rocketmq.APIError. Get answers a
// *NotFoundError when the service's one-task list is empty.
package tasks
