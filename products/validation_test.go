package products_test

import (
	"context"
	"testing"

	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/products"
)

func TestValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cores := func(o *products.CoresOptions) func(c *products.Client) error {
		return func(c *products.Client) error { _, err := c.Cores(ctx, o); return err }
	}
	list := func(o *products.ListOptions) func(c *products.Client) error {
		return func(c *products.Client) error { _, err := c.List(ctx, o); return err }
	}
	tests := []struct {
		name  string
		field string
		call  func(c *products.Client) error
	}{
		{"list negative limit", "limit", list(&products.ListOptions{Limit: -1})},
		{"list negative offset", "offset", list(&products.ListOptions{Offset: -1})},
		{"cores nil", "options", cores(nil)},
		{"cores no product", "product_id", cores(&products.CoresOptions{BrokerNum: 1})},
		{"cores blank product", "product_id", cores(&products.CoresOptions{ProductID: " ", BrokerNum: 1})},
		{"cores no broker_num", "broker_num", cores(&products.CoresOptions{ProductID: "c6.4u8g.cluster"})},
		{"cores negative broker_num", "broker_num", cores(&products.CoresOptions{ProductID: "c6.4u8g.cluster", BrokerNum: -2})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			testutil.AssertValidation(t, tc.call(newClient(t)), tc.field)
		})
	}
}

func TestNilClient(t *testing.T) {
	t.Parallel()
	c := products.New(nil)
	_, err := c.Features(context.Background())
	testutil.AssertValidation(t, err, "client")
	_, err = c.List(context.Background(), nil)
	testutil.AssertValidation(t, err, "client")
	for _, err := range c.ListIter(context.Background(), nil) {
		testutil.AssertValidation(t, err, "client")
	}
	_, err = c.Quotas(context.Background(), nil)
	testutil.AssertValidation(t, err, "client")
	_, err = c.Cores(context.Background(), &products.CoresOptions{ProductID: "c6.4u8g.cluster", BrokerNum: 1})
	testutil.AssertValidation(t, err, "client")
}
