package rocketmq

import "github.com/dms-rocketmq/rocketmq-go/errcodes"

//go:generate go run ./internal/gen/errcodes

// Friendly names for the error codes callers check most often. Compare them
// with APIError.Code:
//
//	var apiErr *rocketmq.APIError
//	if errors.As(err, &apiErr) && apiErr.Code == rocketmq.CodeInstanceNotFound { … }
//
// (or, simpler, use the error classes: errors.Is(err,
// rocketmq.ErrInstanceNotFound), rocketmq.IsAlreadyExists). Package
// errcodes has a constant for every code of appendix 7.2 and
// LookupErrorCode (errcodes.Lookup) its documented meaning. The first group
// are aliases of appendix 7.2 codes; the second group are codes the real
// service sends that appendix 7.2 does not list, so LookupErrorCode does
// not know them.
const (
	// CodeInstanceNotFound (HTTP 404, DMS.00404022): the instance does not
	// exist (ErrInstanceNotFound).
	CodeInstanceNotFound = errcodes.DMS00404022

	// CodeGroupIDNotFound (HTTP 404, DMS.10240405): the consumer group ID
	// is incorrect or not found (ErrGroupNotFound).
	CodeGroupIDNotFound = errcodes.DMS10240405

	// CodeDuplicateInstanceName (HTTP 400, DMS.00400060): an instance with
	// this name already exists (ErrAlreadyExists).
	CodeDuplicateInstanceName = errcodes.DMS00400060

	// CodeInstanceNameAlreadyExists is CodeDuplicateInstanceName.
	CodeInstanceNameAlreadyExists = CodeDuplicateInstanceName

	// CodeTopicAlreadyExists (HTTP 400, DMS.00400800): "Duplicate topic
	// name". The service sends the same code for other invalid requests
	// (a topic operation on a Kafka instance, an invalid parameter): only
	// a message that reports a duplicate ("already exists", "Duplicate
	// topic name") makes it ErrAlreadyExists.
	CodeTopicAlreadyExists = errcodes.DMS00400800

	// CodeGroupAlreadyExists (HTTP 400, DMS.10240018): the consumer group
	// already exists (ErrAlreadyExists).
	CodeGroupAlreadyExists = errcodes.DMS10240018

	// CodeQueueAlreadyExists (HTTP 400, DMS.10240017): the queue already
	// exists (ErrAlreadyExists).
	CodeQueueAlreadyExists = errcodes.DMS10240017

	// CodeInstanceStatusConflict (HTTP 400, DMS.00400026): the operation is
	// not allowed in the instance's current status (e.g. while it is being
	// created or changed); try again once the instance is stable. Retried
	// by default (DefaultRetryableCodes).
	CodeInstanceStatusConflict = errcodes.DMS00400026

	// CodeJobRunning (HTTP 400, DMS.00400017): a job of the instance is still
	// running; try again later. Retried by default (DefaultRetryableCodes).
	CodeJobRunning = errcodes.DMS00400017

	// CodeFlowControl (HTTP 404, DMS.10240407): the request was refused by
	// flow control; try again later. Despite the 404 it does not mean that a
	// resource is missing (IsNotFound reports false for it). Retried by
	// default (DefaultRetryableCodes).
	CodeFlowControl = errcodes.DMS10240407

	// CodeScaleUpInProgress (HTTP 400, DMS.00400108): a scale-up order of
	// the instance is being processed; try again later. Retried by default
	// (DefaultRetryableCodes).
	CodeScaleUpInProgress = errcodes.DMS00400108
)

// Codes not in appendix 7.2, seen from the real service. The first four are
// "not found" answers sent with HTTP 400 (IsNotFound reports true for them).
const (
	// CodeUserNotFound (HTTP 400, DMS.00500972): the user does not exist
	// (ErrUserNotFound). Not in appendix 7.2.
	CodeUserNotFound = "DMS.00500972"

	// CodeGroupNotFound (HTTP 400, DMS.00050012): the consumer group does not
	// exist (ErrGroupNotFound). Not in appendix 7.2.
	CodeGroupNotFound = "DMS.00050012"

	// CodeTopicNotFound (HTTP 400, DMS.00050004): the topic does not exist
	// (ErrTopicNotFound). Not in appendix 7.2.
	CodeTopicNotFound = "DMS.00050004"

	// CodeMigrationTaskNotFound (HTTP 400, DMS.00405011): the metadata
	// migration task does not exist (ErrTaskNotFound). Not in appendix 7.2.
	CodeMigrationTaskNotFound = "DMS.00405011"

	// CodeOffsetInvalid (DMS.40050010, "Offset parameter is invalid"): a
	// listing was asked for an offset at or beyond its total (the iterators
	// never ask past a known total). Not in appendix 7.2.
	CodeOffsetInvalid = "DMS.40050010"

	// CodeSignatureInvalid (HTTP 401, APIGW.0301): the API gateway refused
	// the request's AK/SK signature (bad signature, unknown AK, or a signing
	// time too far from the gateway's clock). Never retry it: repeated
	// failures lock the AK. Not in appendix 7.2.
	CodeSignatureInvalid = "APIGW.0301"
)

// ErrorCodeInfo is the documented meaning of an appendix 7.2 error code
// (errcodes.Info): status, English message, Chinese description and advice,
// and the advice in English (AdviceEN).
type ErrorCodeInfo = errcodes.Info

// LookupErrorCode returns the documented meaning of an appendix 7.2 error
// code (errcodes.Lookup). White space inside the code is ignored.
func LookupErrorCode(code string) (ErrorCodeInfo, bool) { return errcodes.Lookup(code) }
