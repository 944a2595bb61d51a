package rocketmqtest

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

// principal is who sent a request.
type principal struct {
	kind      string // "aksk" or "token"
	projectID string // X-Project-Id (AK/SK) or the token's project
}

type token struct {
	projectID string
	user      string
	expires   time.Time
}

const (
	msgSignatureFail = "Incorrect IAM authentication information: verify aksk signature fail"
	msgExpired       = "Incorrect IAM authentication information: the signature expired: X-Sdk-Date is more than 15 minutes from the server's clock"
)

func unauthorized(code, msg string) *apiError {
	return &apiError{status: http.StatusUnauthorized, code: code, msg: msg}
}

// lookupKey finds the AK/SK pair of an access key.
func (s *Server) lookupKey(ak string) (auth.AKSK, bool) {
	if ak == s.cfg.creds.AccessKey {
		return s.cfg.creds, true
	}
	for _, k := range s.cfg.extraKeys {
		if k.AccessKey == ak {
			return k, true
		}
	}
	return auth.AKSK{}, false
}

// authenticate checks the AK/SK signature or the X-Auth-Token of r.
func (s *Server) authenticate(r *http.Request, body []byte, now time.Time) (principal, *apiError) {
	if r.Header.Get(signer.HeaderAuthorization) != "" {
		ak, err := signer.Verify(r, body, func(ak string) (string, bool) {
			k, ok := s.lookupKey(ak)
			return k.SecretKey, ok
		}, now)
		switch {
		case errors.Is(err, signer.ErrExpired):
			return principal{}, unauthorized(codeSignature, msgExpired)
		case errors.Is(err, signer.ErrUnknownAK):
			return principal{}, unauthorized(codeSignature, "Incorrect IAM authentication information: the access key does not exist")
		case err != nil:
			return principal{}, unauthorized(codeSignature, msgSignatureFail)
		}
		k, _ := s.lookupKey(ak)
		a, _ := signer.ParseAuthorization(r.Header.Get(signer.HeaderAuthorization))
		isSigned := func(name string) bool {
			return slices.ContainsFunc(a.SignedHeaders, func(h string) bool { return strings.EqualFold(h, name) })
		}
		if k.SecurityToken != "" {
			signed := isSigned(auth.HeaderSecurityToken)
			got := r.Header.Get(auth.HeaderSecurityToken)
			if !signed || subtle.ConstantTimeCompare([]byte(got), []byte(k.SecurityToken)) != 1 {
				return principal{}, unauthorized(codeSignature, "Incorrect IAM authentication information: the security token is missing or invalid")
			}
		}
		// Only a signed X-Project-Id names the caller's project.
		pid := ""
		if isSigned(auth.HeaderProjectID) {
			pid = r.Header.Get(auth.HeaderProjectID)
		}
		return principal{kind: "aksk", projectID: pid}, nil
	}
	if tok := r.Header.Get(auth.HeaderAuthToken); tok != "" {
		s.mu.Lock()
		t := s.tokens[tok]
		s.mu.Unlock()
		if t == nil {
			return principal{}, unauthorized(codeInvalidToken, "Invalid token.")
		}
		if !now.Before(t.expires) {
			return principal{}, unauthorized(codeExpiredToken, "Expired token.")
		}
		return principal{kind: "token", projectID: t.projectID}, nil
	}
	return principal{}, unauthorized(codeSignature, "Incorrect IAM authentication information: the request carries neither an AK/SK signature (Authorization) nor an X-Auth-Token")
}

// preauthenticate checks what of r's credentials needs no body: a token
// entirely; for an AK/SK signature its form, the access key, the signing
// time and that the time is signed (the signature itself covers the body
// and is verified by authenticate). A request that fails it is answered
// without its body being read.
func (s *Server) preauthenticate(r *http.Request, now time.Time) *apiError {
	if h := r.Header.Get(signer.HeaderAuthorization); h != "" {
		a, err := signer.ParseAuthorization(h)
		if err != nil {
			return unauthorized(codeSignature, msgSignatureFail)
		}
		if _, ok := s.lookupKey(a.AccessKey); !ok {
			return unauthorized(codeSignature, "Incorrect IAM authentication information: the access key does not exist")
		}
		t, err := time.Parse(signer.DateLayout, r.Header.Get(signer.HeaderDate))
		if err != nil || !slices.ContainsFunc(a.SignedHeaders, func(n string) bool { return strings.EqualFold(n, signer.HeaderDate) }) {
			return unauthorized(codeSignature, msgSignatureFail)
		}
		if d := now.Sub(t); d > signer.MaxSkew || d < -signer.MaxSkew {
			return unauthorized(codeSignature, msgExpired)
		}
		return nil
	}
	_, err := s.authenticate(r, nil, now) // a token, or nothing: no body needed
	return err
}

// authorizeProjectLocked checks that the caller may use project pid.
func (s *Server) authorizeProjectLocked(pr principal, pid string, r *http.Request) (*project, *apiError) {
	p := s.projects[pid]
	switch pr.kind {
	case "token":
		hdr := r.Header.Get(auth.HeaderProjectID)
		if pid != pr.projectID || (hdr != "" && hdr != pr.projectID) {
			return nil, unauthorized(codeProjectMismatch, "The project ID and token do not match.")
		}
	default:
		if pr.projectID != "" && pr.projectID != pid {
			return nil, &apiError{status: http.StatusForbidden, code: codeAccessDenied, msg: "Access denied. You cannot perform operations on DMS. The project ID in the path does not match X-Project-Id."}
		}
	}
	if p == nil {
		return nil, &apiError{status: http.StatusForbidden, code: codeAccessDenied, msg: "Access denied. You cannot perform operations on DMS. " + quote(pid) + " is not a project of this account."}
	}
	return p, nil
}

// iamError is an IAM error body (the keystone "error" object, plus the
// error_code/error_msg pair Huawei Cloud adds).
func iamError(status int, code, msg string) *apiError {
	doc := map[string]any{
		"error_code": code,
		"error_msg":  msg,
		"error":      map[string]any{"code": status, "message": msg, "title": http.StatusText(status)},
	}
	b, _ := json.Marshal(doc)
	return &apiError{status: status, code: code, msg: msg, rawBody: b}
}

type tokenRequest struct {
	Auth struct {
		Identity struct {
			Methods  []string `json:"methods"`
			Password struct {
				User struct {
					Name     string `json:"name"`
					Password string `json:"password"`
					Domain   struct {
						Name string `json:"name"`
					} `json:"domain"`
				} `json:"user"`
			} `json:"password"`
		} `json:"identity"`
		Scope struct {
			Project *struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"project"`
		} `json:"scope"`
	} `json:"auth"`
}

type wireRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type wireTokenProject struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Domain wireRef `json:"domain"`
}

type wireTokenUser struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Domain wireRef `json:"domain"`
}

type wireToken struct {
	ExpiresAt string           `json:"expires_at"`
	IssuedAt  string           `json:"issued_at"`
	Methods   []string         `json:"methods"`
	Project   wireTokenProject `json:"project"`
	User      wireTokenUser    `json:"user"`
	Roles     []wireRef        `json:"roles"`
	Catalog   []any            `json:"catalog"`
}

const iamTimeLayout = "2006-01-02T15:04:05.000000Z"

// handleIssueToken is POST /v3/auth/tokens: a password login scoped to a
// project (by ID or name). The token is in X-Subject-Token.
func (s *Server) handleIssueToken(w http.ResponseWriter, r *http.Request) {
	ex := exchangeFrom(r)
	var req tokenRequest
	if err := json.Unmarshal(ex.body, &req); err != nil {
		writeError(w, ex.id, iamError(http.StatusBadRequest, "IAM.0011", "Request parameter error: the body is not valid JSON."))
		return
	}
	id := req.Auth.Identity
	if !slices.Contains(id.Methods, "password") {
		writeError(w, ex.id, iamError(http.StatusBadRequest, "IAM.0011", "Request parameter error: only the password method is supported by the emulator."))
		return
	}
	pu := id.Password.User
	var found *IAMUser
	for i := range s.cfg.iamUsers {
		u := &s.cfg.iamUsers[i]
		if u.Name == pu.Name && u.Domain == pu.Domain.Name {
			found = u
			break
		}
	}
	if found == nil || subtle.ConstantTimeCompare([]byte(found.Password), []byte(pu.Password)) != 1 {
		// Never echo the password.
		writeError(w, ex.id, iamError(http.StatusUnauthorized, "IAM.0101", "The username or password is wrong."))
		return
	}
	sc := req.Auth.Scope.Project
	if sc == nil || (sc.ID == "" && sc.Name == "") {
		writeError(w, ex.id, iamError(http.StatusBadRequest, "IAM.0011", "Request parameter error: the emulator issues project-scoped tokens only; set auth.scope.project.id or .name."))
		return
	}
	now := s.now()
	s.mu.Lock()
	var p *project
	for _, cand := range s.projList {
		if (sc.ID != "" && cand.id == sc.ID) || (sc.ID == "" && cand.name == sc.Name) {
			p = cand
			break
		}
	}
	if p == nil {
		s.mu.Unlock()
		writeError(w, ex.id, iamError(http.StatusBadRequest, "IAM.0012", "The project does not exist or does not belong to the domain."))
		return
	}
	tokStr := "MIIemu" + base64.RawURLEncoding.EncodeToString([]byte(randomString(alnum, 48)))
	exp := now.Add(s.cfg.tokenTTL)
	s.tokens[tokStr] = &token{projectID: p.id, user: found.Name, expires: exp}
	// Forget expired tokens now and then.
	for k, t := range s.tokens {
		if now.After(t.expires.Add(time.Hour)) {
			delete(s.tokens, k)
		}
	}
	pid, pname := p.id, p.name
	s.mu.Unlock()

	domain := wireRef{ID: s.cfg.domainID, Name: found.Domain}
	body := map[string]any{"token": wireToken{
		ExpiresAt: exp.UTC().Format(iamTimeLayout),
		IssuedAt:  now.UTC().Format(iamTimeLayout),
		Methods:   []string{"password"},
		Project:   wireTokenProject{ID: pid, Name: pname, Domain: domain},
		User:      wireTokenUser{ID: fmtID("user", found.Domain+"/"+found.Name), Name: found.Name, Domain: domain},
		Roles:     []wireRef{{ID: "0", Name: "op_service"}, {ID: fmtID("role", "te_admin"), Name: "te_admin"}},
		Catalog:   []any{},
	}}
	w.Header().Set(auth.HeaderSubjectToken, tokStr)
	writeResult(w, ex.id, jsonStatus(http.StatusCreated, body))
}

func fmtID(kind, s string) string {
	h := fnv64(kind + ":" + s)
	g := fnv64(s + ":" + kind)
	return uint64Hex(h) + uint64Hex(g)
}

func uint64Hex(v uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[v&15]
		v >>= 4
	}
	return string(b[:])
}

type wireProject struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	DomainID    string            `json:"domain_id"`
	ParentID    string            `json:"parent_id"`
	Description string            `json:"description"`
	Enabled     bool              `json:"enabled"`
	IsDomain    bool              `json:"is_domain"`
	Links       map[string]string `json:"links"`
}

// handleListProjects is GET /v3/projects[?name=]: the account's projects.
// It takes a token or an AK/SK signature.
func (s *Server) handleListProjects(w http.ResponseWriter, r *http.Request) {
	ex := exchangeFrom(r)
	if _, err := s.authenticate(r, ex.body, s.now()); err != nil {
		writeError(w, ex.id, err)
		return
	}
	name := r.URL.Query().Get("name")
	s.mu.Lock()
	out := []wireProject{}
	for _, p := range s.projList {
		if name != "" && p.name != name {
			continue
		}
		out = append(out, wireProject{
			ID: p.id, Name: p.name, DomainID: s.cfg.domainID, ParentID: s.cfg.domainID,
			Enabled: true, Links: map[string]string{"self": s.url + "/v3/projects/" + p.id},
		})
	}
	s.mu.Unlock()
	writeResult(w, ex.id, okJSON(map[string]any{
		"projects": out,
		"links":    map[string]any{"self": s.url + "/v3/projects", "next": nil, "previous": nil},
	}))
}
