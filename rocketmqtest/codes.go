package rocketmqtest

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/errcodes"
)

// apiError is an error answer: HTTP status, error_code and error_msg.
type apiError struct {
	status     int
	code       string
	msg        string
	retryAfter string
	rawBody    []byte // replaces the standard error document (IAM errors)
}

func (e *apiError) Error() string { return e.code + ": " + e.msg }

// withDetail returns a copy of a catalogue error whose message carries a
// detail after the documented text.
func bad(code, msg string, detail ...string) *apiError {
	if len(detail) > 0 && detail[0] != "" {
		msg = strings.TrimSpace(msg + " " + strings.Join(detail, " "))
	}
	return &apiError{status: http.StatusBadRequest, code: code, msg: msg}
}

// Error codes the emulator answers with (appendix 7.2 of the reference,
// package errcodes, and the ones the real service sends that 7.2 omits, see
// QUIRKS.md §6, the SDK's friendly aliases).
const (
	codeBodyEmpty          = errcodes.DMS00400004
	codeBadJSON            = errcodes.DMS00400005
	codeUnsupportedType    = errcodes.DMS00400007
	codeUnsupportedVersion = errcodes.DMS00400008
	codeBadProductID       = errcodes.DMS00400009
	codeBadInstanceName    = errcodes.DMS00400010
	codeBadDescription     = errcodes.DMS00400011
	codeNoVPC              = errcodes.DMS00400013
	codeNoSecurityGroup    = errcodes.DMS00400014
	codeBadUsername        = errcodes.DMS00400015
	codeNoSubnet           = errcodes.DMS00400016
	codeWeakPassword       = errcodes.DMS00400019
	codeStatusConflict     = errcodes.DMS00400026
	codeAZNotFound         = errcodes.DMS00400042
	codeSoldOut            = errcodes.DMS00400055
	codeDuplicateInstance  = errcodes.DMS00400060
	codeInvalidParam       = errcodes.DMS00400062
	codeBadAction          = errcodes.DMS00400064
	codeNoInstances        = errcodes.DMS00400065
	codeRepeatedInstanceID = errcodes.DMS00400082
	codeCannotDelete       = errcodes.DMS00400099
	codeTooManyInstances   = errcodes.DMS00400100
	codeBadSpecCode        = errcodes.DMS00400125
	codeBadPublicAccess    = errcodes.DMS00400128
	codeBadTimestamp       = errcodes.DMS00400142
	codeBadDiskSpace       = errcodes.DMS00400500
	codeDuplicateTopic     = errcodes.DMS00400800
	codeGroupExists        = errcodes.DMS10240018
	codeQuota              = errcodes.DMS10240020
	codeTagKeyLength       = errcodes.DMS10240035
	codeTagKeyChars        = errcodes.DMS10240036
	codeTagValueLength     = errcodes.DMS10240038
	codeTagValueChars      = errcodes.DMS10240039
	codeTagAction          = errcodes.DMS10240040
	codeBadLimit           = errcodes.DMS10240042
	codeBadOffset          = errcodes.DMS10240043
	codeTooManyTags        = errcodes.DMS10240044
	codeInvalidToken       = errcodes.DMS10240101
	codeExpiredToken       = errcodes.DMS10240102
	codeMissingToken       = errcodes.DMS10240103
	codeProjectMismatch    = errcodes.DMS10240104
	codeAccessDenied       = errcodes.DMS10240309
	codeURLNotFound        = errcodes.DMS00404001
	codeInstanceNotFound   = errcodes.DMS00404022
	codeMethodNotAllowed   = errcodes.DMS00405001
	codeInternal           = errcodes.DMS00500000

	codeUserNotFound  = rocketmq.CodeUserNotFound
	codeGroupNotFound = rocketmq.CodeGroupNotFound
	codeTopicNotFound = rocketmq.CodeTopicNotFound
	codeTaskNotFound  = rocketmq.CodeMigrationTaskNotFound
	codeOffsetInvalid = rocketmq.CodeOffsetInvalid

	codeSignature = rocketmq.CodeSignatureInvalid
)

func errBadRequestBody(detail string) *apiError {
	return bad(codeBadJSON, "The message body is not in JSON format or contains invalid characters.", detail)
}

func errEmptyBody() *apiError {
	return bad(codeBodyEmpty, "The request body is empty.")
}

func errInvalid(detail string) *apiError {
	return bad(codeInvalidParam, "Invalid request parameter.", detail)
}

func errInstanceNotFound() *apiError {
	return &apiError{status: http.StatusNotFound, code: codeInstanceNotFound, msg: "This instance does not exist."}
}

func errUserNotFound(name string) *apiError {
	return bad(codeUserNotFound, "The user does not exist: "+strconv.Quote(name)+".")
}

func errGroupNotFound(name string) *apiError {
	return bad(codeGroupNotFound, "The consumer group does not exist: "+strconv.Quote(name)+".")
}

func errTopicNotFound(name string) *apiError {
	return bad(codeTopicNotFound, "The topic does not exist: "+strconv.Quote(name)+".")
}

func errTaskNotFound(id string) *apiError {
	return bad(codeTaskNotFound, "The migration task does not exist: "+strconv.Quote(id)+".")
}

func errStatus(status string) *apiError {
	return bad(codeStatusConflict, "This operation is not allowed due to the instance status.", "The instance is "+status+".")
}

func errNotFoundURL() *apiError {
	return &apiError{status: http.StatusNotFound, code: codeURLNotFound, msg: "The requested URL does not exist."}
}

func errMethod() *apiError {
	return &apiError{status: http.StatusMethodNotAllowed, code: codeMethodNotAllowed, msg: "This request method is not allowed."}
}

// Name rules of the reference.
var (
	// Instance names (5.1.1): start with a letter; letters, digits, '-' and
	// '_'; 4 to 64 characters. Migration task names follow the same rule.
	reInstanceName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{3,63}$`)
	// Topic and group names (5.2.1, 5.3.1): letters, digits, '%', '|', '-'
	// and '_'; 3 to 64 characters.
	reResourceName = regexp.MustCompile(`^[A-Za-z0-9%|_-]{3,64}$`)
	// ACL user names (5.5.1): start with a letter; letters, digits, '-' and
	// '_'; 7 to 64 characters.
	reUserName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{6,63}$`)
	// Tag keys and values (5.7.1).
	reTagKey   = regexp.MustCompile(`^[\p{L}\p{N} _.:=+\-@]*$`)
	reTagValue = regexp.MustCompile(`^[\p{L}\p{N} _.:/=+\-@]*$`)
)

func checkInstanceName(name string) *apiError {
	if !reInstanceName.MatchString(name) {
		return bad(codeBadInstanceName, "Invalid instance name. The name must be 4 to 64 characters long, start with a letter, and contain only letters, digits, underscores (_), and hyphens (-).")
	}
	return nil
}

func checkDescription(d string) *apiError {
	if utf8.RuneCountInString(d) > 1024 {
		return bad(codeBadDescription, "The instance description can contain a maximum of 1024 characters.")
	}
	return nil
}

func checkResourceName(kind, name string) *apiError {
	if !reResourceName.MatchString(name) {
		return errInvalid("The " + kind + " name " + strconv.Quote(name) + " is invalid: it must be 3 to 64 characters long and contain only letters, digits, percent signs (%), vertical bars (|), hyphens (-) and underscores (_).")
	}
	if kind == "topic" && (strings.HasPrefix(name, "%DLQ%") || strings.HasPrefix(name, "%RETRY%")) {
		return errInvalid("The topic name " + strconv.Quote(name) + " is reserved for the system.")
	}
	return nil
}

func checkUserName(name string) *apiError {
	if !reUserName.MatchString(name) {
		return bad(codeBadUsername, "Invalid username. A username must be 7 to 64 characters long, start with a letter, and consist of only letters, digits, hyphens (-) and underscores (_).")
	}
	return nil
}

const secretSpecials = "`~!@#$%^&*()-_=+\\|[{}];:'\",<.>/?"

// checkSecret applies 5.5.1's rules: 8 to 32 characters, at least three of
// upper case, lower case, digits and specials, not the name or the name
// reversed.
func checkSecret(name, secret string) *apiError {
	n := utf8.RuneCountInString(secret)
	var upper, lower, digit, special int
	for _, r := range secret {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = 1
		case r >= 'a' && r <= 'z':
			lower = 1
		case r >= '0' && r <= '9':
			digit = 1
		case strings.ContainsRune(secretSpecials, r):
			special = 1
		default:
			return bad(codeWeakPassword, "The password does not meet the complexity requirements.", "The secret key contains a character that is not allowed.")
		}
	}
	if n < 8 || n > 32 || upper+lower+digit+special < 3 {
		return bad(codeWeakPassword, "The password does not meet the complexity requirements.", "A secret key must be 8 to 32 characters long and contain at least three of: upper-case letters, lower-case letters, digits and special characters.")
	}
	if secret == name || secret == reverse(name) {
		return bad(codeWeakPassword, "The password does not meet the complexity requirements.", "A secret key must not equal the user name or the user name reversed.")
	}
	return nil
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func checkTag(key, value string) *apiError {
	if n := utf8.RuneCountInString(key); n == 0 || n > 128 {
		return bad(codeTagKeyLength, "The tag key is empty or too long.", "A tag key must be 1 to 128 characters long.")
	}
	if strings.TrimSpace(key) != key || !reTagKey.MatchString(key) {
		return bad(codeTagKeyChars, "The tag key contains invalid characters.", "Allowed: letters, digits, spaces and _ . : = + - @, with no leading or trailing space.")
	}
	if utf8.RuneCountInString(value) > 255 {
		return bad(codeTagValueLength, "The tag value is too long.", "A tag value must be at most 255 characters long.")
	}
	if !reTagValue.MatchString(value) {
		return bad(codeTagValueChars, "The tag value contains invalid characters.", "Allowed: letters, digits, spaces and _ . : / = + - @.")
	}
	return nil
}

// perms of ACL users.
var userPerms = map[string]bool{"DENY": true, "PUB": true, "SUB": true, "PUB|SUB": true, "SUB|PUB": true}

func checkUserPerm(field, v string) *apiError {
	if v == "" || userPerms[strings.ToUpper(v)] {
		return nil
	}
	return errInvalid(field + " must be one of DENY, PUB, SUB or PUB|SUB, not " + strconv.Quote(v) + ".")
}

// topic permissions.
var topicPerms = map[string]bool{"all": true, "pub": true, "sub": true}

// The engine of RocketMQ instances: the service takes "rocketmq" (what the
// official SDKs send) and its alias "reliability" (what the reference's
// examples send) wherever it takes an engine, and answers "reliability".
const (
	engineReliability = "reliability"
	engineRocketMQ    = "rocketmq"
)

// isEngine reports whether v names the RocketMQ engine.
func isEngine(v string) bool { return v == engineReliability || v == engineRocketMQ }

// canonicalEngineQuery rewrites an engine query value naming the RocketMQ
// engine as "reliability", the form the handlers compare with.
func canonicalEngineQuery(q url.Values) url.Values {
	for i, v := range q["engine"] {
		if isEngine(v) {
			q["engine"][i] = engineReliability
		}
	}
	return q
}
