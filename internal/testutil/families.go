package testutil

import (
	"encoding/json"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
)

// Collect ranges over seq to its end and returns the items and the errors
// it yielded, in order.
func Collect[T any](t testing.TB, seq iter.Seq2[T, error]) ([]T, []error) {
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

// AssertValidation asserts that err is a *rocketmq.ValidationError naming
// field, with a message.
func AssertValidation(t testing.TB, err error, field string) {
	t.Helper()
	var ve *rocketmq.ValidationError
	if assert.ErrorAs(t, err, &ve) {
		assert.Equal(t, field, ve.Field, "field of %v", err)
		assert.NotEmpty(t, ve.Message)
	}
}

// FixtureCall is the call described by testdata/<op>.request.json (a
// request without a body: {"method", "path", "query"}) answered by
// testdata/<op>.response.json.
func FixtureCall(t testing.TB, op string) Call {
	t.Helper()
	var req struct {
		Method, Path, Query string
	}
	if err := json.Unmarshal([]byte(Fixture(t, op+".request.json")), &req); err != nil {
		t.Fatalf("%s.request.json: %v", op, err)
	}
	return Call{Method: req.Method, Path: req.Path, Query: req.Query, Response: Fixture(t, op+".response.json")}
}
