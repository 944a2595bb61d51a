package tags

// Tag is one instance tag (TagEntity, tables 5-8, 5-11 and 5-132). Value may
// be empty and is always sent.
type Tag struct {
	// Key is 1–128 characters: letters, digits, spaces and _ . : = + - @,
	// with no leading or trailing space.
	Key string `json:"key"`
	// Value is 0–255 characters: letters, digits, spaces and
	// _ . : / = + - @.
	Value string `json:"value"`
}

// ListResponse is the answer of List and ListProject: {"tags": [...]}.
type ListResponse struct {
	// Tags are the tags found.
	Tags []Tag `json:"tags"`
}
