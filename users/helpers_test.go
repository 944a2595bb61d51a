package users_test

import (
	"encoding/json"
	"io"
	"sync"
)

func jsonMarshal(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// syncWriter serializes writes of a logger shared with the transport.
type syncWriter struct {
	sync.Mutex
	w io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.Lock()
	defer s.Unlock()
	return s.w.Write(p)
}
