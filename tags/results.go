package tags

// Tag is one instance tag (TagEntity, tables 5-8, 5-11 and 5-132). Value may
// be empty and is always sent.
type Tag struct {
	// Key is 1–128 characters: letters, digits, spaces and _ . : = + - @,
	// with no leading or trailing space.
	Key string `json:"key"`
	// Value is 0–255 characters: letters, digits, spaces and
	// _ . : = + - @, with no leading or trailing space (no "/").
	Value string `json:"value"`
}

// ListResponse is the answer of List: every tag of the instance.
type ListResponse struct {
	// Tags are the instance's tags.
	Tags []Tag `json:"tags"`
	// Total is the number of tags the service reports (the number of Tags
	// when it reports none).
	Total int64 `json:"total"`
}

// ProjectTag is one key of the project's tags with the values it has
// across the project's instances (TagMultyValueEntity).
type ProjectTag struct {
	// Key is the tag key.
	Key string `json:"key"`
	// Values are the key's values, each once.
	Values []string `json:"values"`
}

// ProjectTagsResponse is the answer of ListProject: every key of the
// project's tags.
type ProjectTagsResponse struct {
	// Tags are the keys with their values.
	Tags []ProjectTag `json:"tags"`
	// Total is the number of items the service reports (for the
	// reference's {key, value} form one per pair, so it may exceed the
	// number of Tags; the number of items received when it reports none).
	Total int64 `json:"total"`
}

// projectPage is one page of the project's tags as the service sends it:
// items {key, values[]} or, in the reference's form, {key, value}.
type projectPage struct {
	Tags  []wireProjectTag `json:"tags"`
	Total int64            `json:"total"`
}

type wireProjectTag struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
	Value  *string  `json:"value"`
}
