package tasks_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

func newClient(t *testing.T, calls ...testutil.Call) *tasks.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return tasks.New(c)
}

// fixtureCall reads testdata/<op>.request.json (the request to send) and
// testdata/<op>.response.json (the answer).
func fixtureCall(t *testing.T, op string) testutil.Call {
	t.Helper()
	var req struct {
		Method, Path, Query string
	}
	require.NoError(t, json.Unmarshal([]byte(testutil.Fixture(t, op+".request.json")), &req))
	return testutil.Call{Method: req.Method, Path: req.Path, Query: req.Query,
		Response: testutil.Fixture(t, op+".response.json")}
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) ([]T, []error) {
	t.Helper()
	var items []T
	var errs []error
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, v)
	}
	return items, errs
}

func assertField(t *testing.T, err error, field string) {
	t.Helper()
	var ve *rocketmq.ValidationError
	if assert.ErrorAs(t, err, &ve) {
		assert.Equal(t, field, ve.Field, "field of %v", err)
		assert.NotEmpty(t, ve.Message)
	}
}
