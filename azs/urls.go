package azs

// listPath is 5.8.1's path; it has no project segment.
const listPath = "/v2/available-zones"
