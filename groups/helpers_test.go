package groups_test

import (
	"io"
	"strings"
)

func nopCloser(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }
