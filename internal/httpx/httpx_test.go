package httpx

import (
	"io"
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
