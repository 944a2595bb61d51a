package products_test

import (
	"testing"

	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/products"
)

func newClient(t *testing.T, calls ...testutil.Call) *products.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return products.New(c)
}
