package instances

import (
	"encoding/json"
	"errors"
	"strings"
)

// CrossVPCEntry is one IP address's cross-VPC access settings in
// Instance.CrossVPCInfo. The service writes "-" for a port that is not
// used on that address.
type CrossVPCEntry struct {
	// AdvertisedIP is the address advertised to clients.
	AdvertisedIP string `json:"advertised_ip"`
	// BrokerPort is the broker port, or "-".
	BrokerPort string `json:"broker_port"`
	// PortID is the network port's ID.
	PortID string `json:"port_id"`
	// NamesrvPort is the name server port, or "-".
	NamesrvPort string `json:"namesrv_port"`
}

// ParseCrossVPC parses a cross_vpc_info string into its entries, keyed by
// IP address. It is tolerant: the reference's examples (and the service)
// put each "namesrv_port" after its IP's object instead of inside it
// ({"192.168.1.21":{…},"namesrv_port":"8301"},"192.168.1.246":{…},…),
// which no JSON parser accepts. ParseCrossVPC reads the text as a stream
// of tokens: every "key":{ at the top level (or, past the malformed form's
// extra closing braces, below it) opens the entry of that key, and every
// "field":value that follows at the entry's level or outside it fills the
// entry opened last; deeper objects are skipped.
// So well-formed and malformed documents give the same result; numbers are
// kept as their text. An empty string (or "{}", "null") gives an empty map;
// an error comes only when the text holds no entry at all.
func ParseCrossVPC(s string) (map[string]CrossVPCEntry, error) {
	out := map[string]CrossVPCEntry{}
	trimmed := strings.TrimSpace(s)
	if trimmed == "" || trimmed == "{}" || trimmed == "null" {
		return out, nil
	}
	toks := scanTokens(trimmed)
	cur := ""
	depth := 0 // nesting before toks[i]; the malformed form drifts below 0
	for i := 0; i < len(toks); i++ {
		if i+2 < len(toks) && toks[i].scalar() && toks[i+1].punct == ':' {
			k, v := toks[i], toks[i+2]
			switch {
			case v.punct == '{' && depth <= 1:
				cur = k.text
				if _, ok := out[cur]; !ok {
					out[cur] = CrossVPCEntry{}
				}
				depth++
				i += 2
				continue
			case v.scalar() && depth <= 2 && cur != "":
				e := out[cur]
				switch k.text {
				case "advertised_ip":
					e.AdvertisedIP = v.text
				case "broker_port":
					e.BrokerPort = v.text
				case "port_id":
					e.PortID = v.text
				case "namesrv_port":
					e.NamesrvPort = v.text
				}
				out[cur] = e
				i += 2
				continue
			}
		}
		switch toks[i].punct {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
	}
	if len(out) == 0 {
		return out, errors.New("instances: cross_vpc_info holds no IP entry")
	}
	return out, nil
}

// token is a JSON-ish token: punctuation ({ } [ ] : ,) or a scalar (a
// string, decoded, or a bare word such as a number, true or null).
type token struct {
	punct byte
	text  string
}

func (t token) scalar() bool { return t.punct == 0 }

// scanTokens splits s into tokens, never failing: an unterminated string
// ends the stream.
func scanTokens(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("{}[]:,", c) >= 0:
			toks = append(toks, token{punct: c})
			i++
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return toks
			}
			raw := s[i : j+1]
			var text string
			if json.Unmarshal([]byte(raw), &text) != nil {
				text = raw[1 : len(raw)-1]
			}
			toks = append(toks, token{text: text})
			i = j + 1
		default:
			j := i
			for j < len(s) && strings.IndexByte("{}[]:,\" \t\n\r", s[j]) < 0 {
				j++
			}
			toks = append(toks, token{text: s[i:j]})
			i = j
		}
	}
	return toks
}
