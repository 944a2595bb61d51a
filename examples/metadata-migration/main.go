// Command metadata-migration imports the metadata of a self-built
// RocketMQ or RabbitMQ into an instance: it creates migration tasks from
// JSON documents (a RocketMQ metadata export with topicConfigTable and
// subscriptionGroupTable, or a RabbitMQ definitions export), lists the
// instance's tasks page by page (this API's offset is a 1-based page
// number), reads each task, and deletes the tasks it created.
//
// Run it from the module root:
//
//	go run ./examples/metadata-migration
//
// Without credentials it runs against the in-process emulator
// (rocketmqtest) with the two documents in sample/, and a third task that
// imports the RocketMQ document again without overwrite, which fails
// because its topics now exist. To use a real instance, set
// HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION
// (optionally HUAWEICLOUD_SDK_PROJECT_ID) and:
//
//	ROCKETMQ_INSTANCE_ID         the instance to import into (required)
//	ROCKETMQ_METADATA_FILE       the JSON document to import (required)
//	ROCKETMQ_METADATA_TYPE       rocketmq or rabbitToRocket (optional: detected from the document)
//	ROCKETMQ_METADATA_OVERWRITE  true to modify topics and groups that already exist (optional, default false)
//
// A migration creates the document's topics and consumer groups in the
// instance; they stay, as that is the point of it. The example deletes
// only the task records it created. It never imports a sample document
// into a real instance.
package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Environment variables of this example.
const (
	EnvFile      = "ROCKETMQ_METADATA_FILE"
	EnvType      = "ROCKETMQ_METADATA_TYPE"
	EnvOverwrite = "ROCKETMQ_METADATA_OVERWRITE"
)

var (
	//go:embed sample/rocketmq-metadata.json
	sampleRocketMQ []byte
	//go:embed sample/rabbitmq-definitions.json
	sampleRabbitMQ []byte
)

// document is one metadata document to import.
type document struct {
	// Label names the task ("migrate-<label>-<suffix>").
	Label     string
	Type      string
	Overwrite bool
	Data      json.RawMessage
}

// config is what run needs beyond the client.
type config struct {
	InstanceID string
	// Suffix ends the names of the tasks.
	Suffix string
	Docs   []document
	// PageSize is the page size of the listing (0: 10).
	PageSize int
}

func main() { exampleenv.Main("metadata-migration", start) }

// start runs the example where exampleenv.Open says; emu are extra emulator
// options (tests shorten the lifecycle delays with them).
func start(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error {
	env, err := exampleenv.Open(out, "metadata-migration", emu...)
	if err != nil {
		return err
	}
	defer env.Close()
	cfg := config{Suffix: exampleenv.Suffix(), PageSize: 2}
	if env.Emulated() {
		if cfg.InstanceID, err = env.Server.AddInstance(rocketmqtest.InstanceSeed{Name: "shop"}); err != nil {
			return err
		}
		cfg.Docs = sampleDocs()
	} else {
		v, err := exampleenv.Require(os.Getenv, "a metadata migration", exampleenv.EnvInstanceID, EnvFile)
		if err != nil {
			return err
		}
		cfg.InstanceID = v[exampleenv.EnvInstanceID]
		doc, err := fileDoc(v[EnvFile], os.Getenv(EnvType), os.Getenv(EnvOverwrite))
		if err != nil {
			return err
		}
		cfg.Docs = []document{doc}
		cfg.PageSize = 10
	}
	return run(ctx, env.Client, out, cfg)
}

// sampleDocs are the emulator's documents: RocketMQ, RabbitMQ, then the
// RocketMQ one again, which fails without overwrite.
func sampleDocs() []document {
	return []document{
		{Label: "rocketmq", Type: metadata.TypeRocketMQ, Data: sampleRocketMQ},
		{Label: "rabbitmq", Type: metadata.TypeRabbitToRocket, Data: sampleRabbitMQ},
		{Label: "rocketmq-again", Type: metadata.TypeRocketMQ, Data: sampleRocketMQ},
	}
}

// fileDoc reads the document named by the user.
func fileDoc(path, typ, overwrite string) (document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return document{}, err
	}
	if typ == "" {
		if typ, err = detectType(data); err != nil {
			return document{}, fmt.Errorf("%s: %w; set %s", path, err, EnvType)
		}
	}
	ow := false
	if overwrite != "" {
		if ow, err = strconv.ParseBool(overwrite); err != nil {
			return document{}, fmt.Errorf("%s must be true or false, not %q", EnvOverwrite, overwrite)
		}
	}
	label := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return document{Label: taskLabel(label), Type: typ, Overwrite: ow, Data: data}, nil
}

// detectType tells a RocketMQ export from a RabbitMQ definitions export.
func detectType(data []byte) (string, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return "", errors.New("the document is not a JSON object")
	}
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := doc[k]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("topicConfigTable", "subscriptionGroupTable"):
		return metadata.TypeRocketMQ, nil
	case has("rabbit_version", "exchanges", "queues", "bindings"):
		return metadata.TypeRabbitToRocket, nil
	}
	return "", errors.New("cannot tell whether the document comes from RocketMQ or RabbitMQ")
}

// taskLabel keeps the letters, digits and hyphens of s (task names allow
// letters, digits, '_' and '-'), at most 40 of them.
func taskLabel(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
		if b.Len() == 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "file"
	}
	return b.String()
}

func run(ctx context.Context, c *rocketmq.Client, out io.Writer, cfg config) (err error) {
	if cfg.InstanceID == "" || cfg.Suffix == "" || len(cfg.Docs) == 0 {
		return errors.New("an instance ID, a name suffix and at least one document are required")
	}
	pageSize := cfg.PageSize
	if pageSize <= 0 {
		pageSize = 10
	}
	id := cfg.InstanceID
	mc := metadata.New(c)
	steps := exampleenv.NewSteps(out)

	// The tasks this run created; deleted at the end, or after an error.
	var created []string
	names := map[string]string{}
	defer func() {
		if err == nil || len(created) == 0 {
			return
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		fmt.Fprintf(out, "\nStopped early; deleting the %d task(s) created.\n", len(created))
		if derr := mc.DeleteTasks(cctx, id, created); derr != nil {
			err = errors.Join(err, fmt.Errorf("delete tasks: %w", derr))
		}
	}()

	steps.Next("Create migration tasks")
	t := exampleenv.NewTable(out, "NAME", "ID", "TYPE", "OVERWRITE", "DOCUMENT")
	for _, d := range cfg.Docs {
		name := "migrate-" + d.Label + "-" + cfg.Suffix
		resp, err := mc.CreateTask(ctx, id, &metadata.CreateTaskRequest{
			Name:      name,
			Type:      d.Type,
			Overwrite: d.Overwrite,
			Metadata:  d.Data,
		})
		if err != nil {
			_ = t.Flush()
			return fmt.Errorf("create task %s: %w", name, err)
		}
		created = append(created, resp.ID)
		names[resp.ID] = name
		t.Row(name, resp.ID, d.Type, d.Overwrite, fmt.Sprintf("%d bytes", len(d.Data)))
	}
	if err := t.Flush(); err != nil {
		return err
	}

	steps.Next("List the instance's tasks, page by page")
	exampleenv.Printf(out, "Pages of %d; the offset is the page number, from 1.", pageSize)
	t = exampleenv.NewTable(out, "PAGE", "ID", "NAME", "TYPE", "STATUS", "STARTED")
	seen := 0
	for page := 1; ; page++ {
		resp, err := mc.ListTasks(ctx, id, &metadata.ListTasksOptions{Limit: pageSize, Offset: page})
		if err != nil {
			return fmt.Errorf("list tasks, page %d: %w", page, err)
		}
		for _, task := range resp.Tasks {
			t.Row(page, task.ID, task.Name, task.Type, task.Status, exampleenv.OrDash(task.StartDate))
		}
		seen += len(resp.Tasks)
		if len(resp.Tasks) == 0 || int64(seen) >= resp.Total {
			break
		}
	}
	if err := t.Flush(); err != nil {
		return err
	}
	exampleenv.Printf(out, "%d task(s).", seen)

	steps.Next("Get each task")
	t = exampleenv.NewTable(out, "NAME", "TYPE", "STATUS")
	for _, tid := range created {
		task, err := mc.GetTask(ctx, id, tid)
		if err != nil {
			return fmt.Errorf("get task %s: %w", tid, err)
		}
		t.Row(task.Name, task.Type, task.Status)
	}
	if err := t.Flush(); err != nil {
		return err
	}

	steps.Next("Delete the tasks")
	if err := mc.DeleteTasks(ctx, id, created); err != nil {
		return fmt.Errorf("delete tasks: %w", err)
	}
	deleted := created
	created = nil
	for _, tid := range deleted {
		if _, err := mc.GetTask(ctx, id, tid); !rocketmq.IsNotFound(err) {
			return fmt.Errorf("task %s: want not found after deletion, got %v", tid, err)
		}
		exampleenv.Printf(out, "Deleted %s (%s).", names[tid], tid)
	}
	exampleenv.Printf(out, "The migrated topics and groups stay on the instance.")
	return nil
}
