package httpx

import (
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadBodyLimits(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		size    int64
		want    string
		tooLong bool
	}{
		{"known size", "0123456789", 10, "0123456789", false},
		{"unknown size", "0123456789", -1, "0123456789", false},
		{"zero size means unknown", "0123456789", 0, "0123456789", false},
		{"exactly the limit", "0123456789abcdef", -1, "0123456789abcdef", false},
		{"over the limit, unknown size", "0123456789abcdefX", -1, "0123456789abcdef", true},
		{"over the limit, announced", "0123456789abcdefX", 17, "0123456789abcdef", true},
		{"empty", "", -1, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadBody(strings.NewReader(tc.body), tc.size, 16)
			if tc.tooLong {
				require.ErrorIs(t, err, ErrTooLarge)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.want, string(got))
		})
	}
	_, err := ReadBody(strings.NewReader("short"), 10, 16)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "shorter than announced")
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// Reading an endless body allocates about twice the limit in all (the
// doubling buffer, capped at limit+1), not four times (a bytes.Buffer grows
// past the limit to look for the end), and holds at most limit bytes.
func TestReadBodyAllocatesNearTheLimit(t *testing.T) {
	const limit = 8 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b, err := ReadBody(endless{}, -1, limit)
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Len(t, b, limit)
	assert.LessOrEqual(t, cap(b), limit)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(5*limit/2), "bytes allocated")

	// An announced size above the limit allocates nothing on its promise.
	b, err = ReadBody(io.LimitReader(endless{}, 10), 1<<40, limit)
	require.NoError(t, err)
	assert.Equal(t, "xxxxxxxxxx", string(b))
}
