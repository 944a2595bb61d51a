// Package exampletest holds what the examples' tests share: an emulator
// with short lifecycle delays and quick instance waits.
package exampletest

import (
	"bufio"
	"strings"
	"testing"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Wait polls every few milliseconds. Its timeout only bounds a broken
// run; no test asserts on time.
var Wait = instances.WaitOptions{PollInterval: 2 * time.Millisecond, Timeout: time.Minute}

// Server starts an emulator whose instances are CREATING and DELETING for
// 10ms (opts come after, so they may change that), closed when the test
// ends, and a client wired to it.
func Server(t testing.TB, opts ...rocketmqtest.Option) (*rocketmqtest.Server, *rocketmq.Client) {
	t.Helper()
	all := append([]rocketmqtest.Option{
		rocketmqtest.WithCreateDelay(10 * time.Millisecond),
		rocketmqtest.WithDeleteDelay(10 * time.Millisecond),
	}, opts...)
	srv, err := rocketmqtest.Start(all...)
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(srv.Close)
	c, err := srv.Client()
	if err != nil {
		t.Fatalf("emulator client: %v", err)
	}
	return srv, c
}

// Fast are emulator options for an example's start function: instances
// are CREATING and DELETING for 5ms.
var Fast = []rocketmqtest.Option{
	rocketmqtest.WithCreateDelay(5 * time.Millisecond),
	rocketmqtest.WithDeleteDelay(5 * time.Millisecond),
}

// SkipIfReal skips a test of an example's start function when the
// environment has credentials, since start would then use the real
// service.
func SkipIfReal(t testing.TB) {
	t.Helper()
	if exampleenv.RealService() {
		t.Skip("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are set: start would use the real service")
	}
}

// Banner is how the output of an example begins against the emulator.
const Banner = "Running against the in-process emulator at http://127.0.0.1:"

// Rows returns the rows of the first table in out whose heading line
// starts with heading (after the indentation), each split into fields at
// runs of spaces; the table ends at the first blank or unindented line.
// Cells must not contain spaces for this to be exact.
func Rows(out, heading string) [][]string {
	var rows [][]string
	in := false
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if !in {
			if strings.HasPrefix(line, " ") && strings.HasPrefix(trimmed, heading) {
				in = true
			}
			continue
		}
		if trimmed == "" || !strings.HasPrefix(line, " ") {
			break
		}
		rows = append(rows, strings.Fields(trimmed))
	}
	return rows
}
