package diagnosis_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/diagnosis"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// requireValidation asserts err is a *rocketmq.ValidationError naming field.
func requireValidation(t *testing.T, err error, field string) {
	t.Helper()
	var ve *rocketmq.ValidationError
	require.True(t, errors.As(err, &ve), "want a *rocketmq.ValidationError, got %v", err)
	assert.Equal(t, field, ve.Field)
}

func TestValidationRefusesBeforeSending(t *testing.T) {
	t.Parallel()
	long := make([]byte, 256)
	for i := range long {
		long[i] = 'g'
	}
	ctx := context.Background()
	cases := []struct {
		name  string
		field string
		run   func(c *diagnosis.Client) error
	}{
		{"nil create request", "request", func(c *diagnosis.Client) error {
			_, err := c.Create(ctx, testutil.InstanceID, nil)
			return err
		}},
		{"empty group", "group_name", func(c *diagnosis.Client) error {
			_, err := c.Create(ctx, testutil.InstanceID, &diagnosis.CreateRequest{})
			return err
		}},
		{"group of 256 characters", "group_name", func(c *diagnosis.Client) error {
			_, err := c.Create(ctx, testutil.InstanceID, &diagnosis.CreateRequest{GroupName: string(long)})
			return err
		}},
		{"group with a slash", "group_name", func(c *diagnosis.Client) error {
			_, err := c.Create(ctx, testutil.InstanceID, &diagnosis.CreateRequest{GroupName: "a/b"})
			return err
		}},
		{"empty node ID", "node_id_list[1]", func(c *diagnosis.Client) error {
			_, err := c.Create(ctx, testutil.InstanceID, &diagnosis.CreateRequest{GroupName: "GID_a", NodeIDs: []string{"n1", " "}})
			return err
		}},
		{"empty instance ID", "instance_id", func(c *diagnosis.Client) error {
			_, err := c.Create(ctx, "", &diagnosis.CreateRequest{GroupName: "GID_a"})
			return err
		}},
		{"limit above 50", "limit", func(c *diagnosis.Client) error {
			_, err := c.List(ctx, testutil.InstanceID, &diagnosis.ListOptions{Limit: 51})
			return err
		}},
		{"negative offset", "offset", func(c *diagnosis.Client) error {
			_, err := c.List(ctx, testutil.InstanceID, &diagnosis.ListOptions{Offset: -1})
			return err
		}},
		{"iterator limit above 50", "limit", func(c *diagnosis.Client) error {
			for _, err := range c.ListIter(ctx, testutil.InstanceID, &diagnosis.ListOptions{Limit: 51}) {
				return err
			}
			return nil
		}},
		{"empty report ID", "report_id", func(c *diagnosis.Client) error {
			_, err := c.Get(ctx, "")
			return err
		}},
		{"dot-dot stack ID", "stack_id", func(c *diagnosis.Client) error {
			_, err := c.GetStack(ctx, "..")
			return err
		}},
		{"no report IDs", "report_id_list", func(c *diagnosis.Client) error {
			_, err := c.BatchDelete(ctx, testutil.InstanceID, nil)
			return err
		}},
		{"empty report ID in the list", "report_id_list[0]", func(c *diagnosis.Client) error {
			_, err := c.BatchDelete(ctx, testutil.InstanceID, []string{""})
			return err
		}},
		{"negative poll interval", "PollInterval", func(c *diagnosis.Client) error {
			_, err := c.WaitForReport(ctx, "r1", &diagnosis.WaitOptions{PollInterval: -1})
			return err
		}},
		{"wait for an empty report ID", "report_id", func(c *diagnosis.Client) error {
			_, err := c.WaitForReport(ctx, "", nil)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			requireValidation(t, tc.run(newClient(t)), tc.field)
		})
	}
}

func TestNilClientIsAValidationError(t *testing.T) {
	t.Parallel()
	d := diagnosis.New(nil)
	_, err := d.Get(context.Background(), "r1")
	requireValidation(t, err, "client")
	_, err = d.WaitForReport(context.Background(), "r1", &diagnosis.WaitOptions{Timeout: -1})
	requireValidation(t, err, "client")
}
