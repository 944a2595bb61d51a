package tags

import (
	"testing"

	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// TestRoundTrip: 5.7.1's request example decodes into the request body type
// and encodes back to the same JSON.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	testutil.RoundTrip(t, testutil.Fixture(t, "create.request.json"), &actionRequest{})
}
