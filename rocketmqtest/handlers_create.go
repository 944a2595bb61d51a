package rocketmqtest

import "encoding/json"

// bssParam is the billing of CreateInstanceByEngine.
type bssParam struct {
	IsAutoRenew  *bool        `json:"is_auto_renew"`
	ChargingMode *string      `json:"charging_mode"`
	IsAutoPay    *bool        `json:"is_auto_pay"`
	PeriodType   *string      `json:"period_type"`
	PeriodNum    *json.Number `json:"period_num"`
}

// POST /v2/{engine}/{project_id}/instances: the current create, with the
// same body as 5.1.1's plus bss_param (yearly/monthly billing) and the
// IPv6 addresses.
func (s *Server) createInstanceByEngine(c *call) result {
	var req createInstanceRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if e := checkBilling(req.BssParam); e != nil {
		return failed(e)
	}
	// CreateInstanceByEngineReq.engine is rocketmq or its alias
	// reliability; the emulator keeps every instance as reliability.
	if req.Engine == "rocketmq" {
		req.Engine = "reliability"
	}
	return s.createFromRequest(c, &req)
}

// checkBilling applies bss_param's rules: charging_mode prePaid or
// postPaid; with prePaid, period_type month (period_num 1–9) or year
// (1–3).
func checkBilling(b *bssParam) *apiError {
	if b == nil || b.ChargingMode == nil || *b.ChargingMode == "postPaid" {
		return nil
	}
	if *b.ChargingMode != "prePaid" {
		return errInvalid("bss_param.charging_mode must be prePaid or postPaid, not " + quote(*b.ChargingMode) + ".")
	}
	if b.PeriodType == nil || (*b.PeriodType != "month" && *b.PeriodType != "year") {
		return errInvalid("bss_param.period_type must be month or year with charging_mode prePaid.")
	}
	if b.PeriodNum == nil {
		return errInvalid("bss_param.period_num is required with charging_mode prePaid.")
	}
	n, ok := intOf(b.PeriodNum, 0)
	if !ok {
		return bad("DMS.00400038", "The periodNum parameter in the request must be an integer.")
	}
	hi := 9
	if *b.PeriodType == "year" {
		hi = 3
	}
	if n < 1 || n > hi {
		return errInvalid("bss_param.period_num must be from 1 to " + itoa(hi) + " with period_type " + *b.PeriodType + ".")
	}
	return nil
}

// checkCurrentCreate checks the fields of the current create.
func checkCurrentCreate(req *createInstanceRequest) *apiError {
	if req.TLSMode != nil && *req.TLSMode != "" && !tlsModes[*req.TLSMode] {
		return errInvalid("tls_mode must be PLAINTEXT, SSL or PERMISSIVE, not " + quote(*req.TLSMode) + ".")
	}
	if req.ArchType != nil && *req.ArchType != "" && *req.ArchType != "X86" && *req.ArchType != "ARM" {
		return errInvalid("arch_type must be X86 or ARM, not " + quote(*req.ArchType) + ".")
	}
	if req.DiskEncryptedEnable != nil && *req.DiskEncryptedEnable && (req.DiskEncryptedKey == nil || *req.DiskEncryptedKey == "") {
		return bad("DMS.00400136", "Disk encrypted key is null.")
	}
	return nil
}

// applyCurrentCreate keeps the fields of the current create.
func (in *instance) applyCurrentCreate(req *createInstanceRequest) {
	if req.TLSMode != nil && *req.TLSMode != "" {
		in.x.tlsMode = *req.TLSMode
		in.sslEnable = *req.TLSMode != "PLAINTEXT"
	}
	if req.ArchType != nil {
		in.x.archType = *req.ArchType
	}
	if req.DiskEncryptedEnable != nil && *req.DiskEncryptedEnable && req.DiskEncryptedKey != nil {
		in.x.diskEncrypted, in.x.diskKey = true, *req.DiskEncryptedKey
	}
	if req.IPv6BrokerAddress != nil {
		in.x.ipv6Broker = *req.IPv6BrokerAddress
	}
	if req.IPv6NamesrvAddress != nil {
		in.x.ipv6Namesrv = *req.IPv6NamesrvAddress
	}
	if b := req.BssParam; b != nil && b.ChargingMode != nil && *b.ChargingMode == "prePaid" {
		in.x.prePaid = true
	}
}
