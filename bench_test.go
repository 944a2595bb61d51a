package rocketmq_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// instanceListBody is the response example of 5.1.2 (query all instances).
const instanceListBody = `{
  "instances": [
    {
      "name": "reliability-ztest",
      "engine": "reliability",
      "status": "RUNNING",
      "description": "",
      "type": "cluster",
      "specification": "c6.4u8g.cluster * 1 broker",
      "engine_version": "4.8.0",
      "instance_id": "68fdc9a8-805e-439d-8dd9-25adc1c58bf6",
      "resource_spec_code": "",
      "charging_mode": 1,
      "vpc_id": "3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf",
      "vpc_name": "vpc-1101840",
      "created_at": "1636699753874",
      "product_id": "c6.4u8g.cluster",
      "security_group_id": "23c5977f-ff33-4b95-a73e-08d8a0bc4e6c",
      "security_group_name": "Sys-default",
      "subnet_id": "0a0f1fcb-f019-458d-b9e5-301867394d50",
      "available_zones": [
        "9f1c5806706d4c1fb0eb72f0a9b18c77"
      ],
      "user_id": "0b01fbb53600d4671fa8c00673c71260",
      "user_name": "",
      "maintain_begin": "02:00:00",
      "maintain_end": "06:00:00",
      "enable_log_collection": false,
      "storage_space": 558,
      "total_storage_space": 600,
      "used_storage_space": 28,
      "enable_publicip": false,
      "ssl_enable": false,
      "cross_vpc_info": "{\"192.168.1.21\":{\"advertised_ip\":\"192.168.1.21\",\"broker_port\":\"-\",\"port_id\":\"fa020857-d899-497c-a5f8-8dd90ed67ff7\"},\"namesrv_port\":\"8301\"},\"192.168.1.246\":{\"advertised_ip\":\"192.168.1.246\",\"broker_port\":\"10100\",\"port_id\":\"c0f0586f-a4ee-41b5-a7f1-b4e554bbf12d\"},\"namesrv_port\":\"-\"},\"192.168.1.77\":{\"advertised_ip\":\"192.168.1.77\",\"broker_port\":\"10101\",\"port_id\":\"8eb1d144-4315-402f-8498-37c9a10b630c\"},\"namesrv_port\":\"-\"},\"192.168.1.159\":{\"advertised_ip\":\"192.168.1.159\",\"broker_port\":\"-\",\"port_id\":\"d35b22af-a202-4329-bda4-26e1bdf2aa8e\"},\"namesrv_port\":\"8300\"},\"192.168.1.14\":{\"advertised_ip\":\"192.168.1.14\",\"broker_port\":\"10102\",\"port_id\":\"5fcb50fd-3af5-4123-a455-a67f1b926026\"},\"namesrv_port\":\"-\"}}",
      "storage_resource_id": "164bdaef-2e67-4fd5-be8b-a18f91d455a2",
      "storage_spec_code": "dms.physical.storage.ultra.v2",
      "service_type": "advanced",
      "storage_type": "hec",
      "extend_times": 0,
      "ipv6_enable": false,
      "support_features": "kafka.crossvpc.domain.enable,feature.physerver.kafka.topic.accesspolicy,rabbitmq.plugin.management,rocketmq.acl,roma_app_enable,auto_topic_switch,feature.physerver.kafka.user.manager.enable.new.authinfo,route,kafka.config.dynamic.modify.enable,kafka.new.pod.port.feature.physerver.kafka.topic.modify,message_trace_enable,features.pod.token.access,kafka.ssl.cert.modify.enable,roma.user.manage.no.support,feature.physerver.kafka.pulbic.dynamic,features.log.collection,kafka.config.static.modify.enable",
      "disk_encrypted": false,
      "ces_version": "linux,v1,v2",
      "node_num": 5,
      "new_spec_billing_enable": true,
      "broker_num": 1,
      "namesrv_address": "****",
      "broker_address": "****",
      "public_namesrv_address": "****",
      "public_broker_address": "****"
    }
  ],
  "instance_num": 1
}`

// benchInstance has the fields of table 5-7 with the table's types.
type benchInstance struct {
	Name                 string     `json:"name"`
	Engine               string     `json:"engine"`
	Status               string     `json:"status"`
	Description          string     `json:"description"`
	Type                 string     `json:"type"`
	Specification        string     `json:"specification"`
	EngineVersion        string     `json:"engine_version"`
	InstanceID           string     `json:"instance_id"`
	ResourceSpecCode     string     `json:"resource_spec_code"`
	ChargingMode         int        `json:"charging_mode"`
	VPCID                string     `json:"vpc_id"`
	VPCName              string     `json:"vpc_name"`
	CreatedAt            string     `json:"created_at"`
	ProductID            string     `json:"product_id"`
	SecurityGroupID      string     `json:"security_group_id"`
	SecurityGroupName    string     `json:"security_group_name"`
	SubnetID             string     `json:"subnet_id"`
	SubnetName           string     `json:"subnet_name"`
	SubnetCIDR           string     `json:"subnet_cidr"`
	AvailableZones       []string   `json:"available_zones"`
	UserID               string     `json:"user_id"`
	UserName             string     `json:"user_name"`
	MaintainBegin        string     `json:"maintain_begin"`
	MaintainEnd          string     `json:"maintain_end"`
	EnableLogCollection  bool       `json:"enable_log_collection"`
	StorageSpace         int        `json:"storage_space"`
	TotalStorageSpace    int        `json:"total_storage_space"`
	UsedStorageSpace     int        `json:"used_storage_space"`
	EnablePublicIP       bool       `json:"enable_publicip"`
	PublicIPID           string     `json:"publicip_id"`
	PublicIPAddress      string     `json:"publicip_address"`
	SSLEnable            bool       `json:"ssl_enable"`
	CrossVPCInfo         string     `json:"cross_vpc_info"`
	StorageResourceID    string     `json:"storage_resource_id"`
	StorageSpecCode      string     `json:"storage_spec_code"`
	ServiceType          string     `json:"service_type"`
	StorageType          string     `json:"storage_type"`
	ExtendTimes          int64      `json:"extend_times"`
	IPv6Enable           bool       `json:"ipv6_enable"`
	SupportFeatures      string     `json:"support_features"`
	DiskEncrypted        bool       `json:"disk_encrypted"`
	CESVersion           string     `json:"ces_version"`
	NodeNum              int        `json:"node_num"`
	NewSpecBillingEnable bool       `json:"new_spec_billing_enable"`
	EnableACL            bool       `json:"enable_acl"`
	BrokerNum            int        `json:"broker_num"`
	NamesrvAddress       string     `json:"namesrv_address"`
	BrokerAddress        string     `json:"broker_address"`
	PublicNamesrvAddress string     `json:"public_namesrv_address"`
	PublicBrokerAddress  string     `json:"public_broker_address"`
	Tags                 []benchTag `json:"tags"`
}

type benchTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type benchList struct {
	Instances   []benchInstance `json:"instances"`
	InstanceNum int             `json:"instance_num"`
}

// benchInstanceTolerant differs in one field: created_at as the
// millisecond timestamp it means, so the tolerant decoder has to convert
// the example's string.
type benchListTolerant struct {
	Instances []struct {
		benchInstance
		CreatedAt int64 `json:"created_at"`
	} `json:"instances"`
	InstanceNum int `json:"instance_num"`
}

// loopback starts an httptest server that verifies each request's
// signature and answers body; it counts new connections.
func loopback(tb testing.TB, body string, verify bool) (*httptest.Server, *atomic.Int64) {
	tb.Helper()
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if verify {
			if _, err := signer.Verify(r, b, func(ak string) (string, bool) {
				return testutil.SecretKey, ak == testutil.AccessKey
			}, time.Now()); err != nil {
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = w.Write([]byte(`{"error_code":"APIGW.0301","error_msg":"` + err.Error() + `"}`))
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "bench")
		switch {
		case strings.HasSuffix(r.URL.Path, "/nocontent"):
			w.WriteHeader(http.StatusNoContent)
		case strings.HasSuffix(r.URL.Path, "/missing"):
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error_code":"DMS.00404022","error_msg":"This instance does not exist."}`))
		default:
			_, _ = w.Write([]byte(body))
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	tb.Cleanup(srv.Close)
	return srv, &conns
}

func loopbackClient(tb testing.TB, srv *httptest.Server) *rocketmq.Client {
	tb.Helper()
	c, err := rocketmq.NewClient(
		rocketmq.WithEndpoint(srv.URL+"/base"),
		rocketmq.WithProjectID(testutil.ProjectID),
		rocketmq.WithCredentials(testCreds),
		rocketmq.WithHTTPClient(srv.Client()),
	)
	require.NoError(tb, err)
	return c
}

var listRequest = &rocketmq.Request{
	Method: http.MethodGet,
	Path:   "/v2/{project_id}/instances",
	Query:  &listQuery{Engine: "reliability", Limit: 10},
}

func TestLoopbackRoundTripReusesConnections(t *testing.T) {
	t.Parallel()
	srv, conns := loopback(t, instanceListBody, true)
	c := loopbackClient(t, srv)
	ctx := context.Background()
	for range 5 {
		var out benchList
		resp, err := c.Do(ctx, listRequest, &out)
		require.NoError(t, err)
		assert.Equal(t, "bench", resp.RequestID)
		require.Len(t, out.Instances, 1)
		in := out.Instances[0]
		assert.Equal(t, "reliability-ztest", in.Name)
		assert.Equal(t, testutil.InstanceID, in.InstanceID)
		assert.Equal(t, 558, in.StorageSpace)
		assert.Equal(t, []string{"9f1c5806706d4c1fb0eb72f0a9b18c77"}, in.AvailableZones)
		assert.Equal(t, "****", in.BrokerAddress)
		assert.True(t, in.NewSpecBillingEnable)
		assert.Equal(t, 1, out.InstanceNum)

		_, err = c.Do(ctx, &rocketmq.Request{Method: http.MethodDelete, Path: "/v2/{project_id}/nocontent"}, nil)
		require.NoError(t, err)
		_, err = c.Do(ctx, &rocketmq.Request{Method: http.MethodGet, Path: "/v2/{project_id}/missing"}, nil)
		require.True(t, rocketmq.IsNotFound(err), "%v", err)
	}
	assert.EqualValues(t, 1, conns.Load(), "bodies are drained and closed so the connection is reused")

	var tol benchListTolerant
	_, err := c.Do(ctx, listRequest, &tol)
	require.NoError(t, err)
	assert.EqualValues(t, 1636699753874, tol.Instances[0].CreatedAt)
	assert.Equal(t, "reliability-ztest", tol.Instances[0].Name)
}

// BenchmarkDo is a list call through Do against a loopback server that
// answers the 5.1.2 example: build, sign, send, read and decode.
func BenchmarkDo(b *testing.B) {
	srv, _ := loopback(b, instanceListBody, false)
	c := loopbackClient(b, srv)
	ctx := context.Background()
	b.Run("list", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(instanceListBody)))
		for b.Loop() {
			var out benchList
			if _, err := c.Do(ctx, listRequest, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("list tolerant decode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(instanceListBody)))
		for b.Loop() {
			var out benchListTolerant
			if _, err := c.Do(ctx, listRequest, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	// For comparison: decoding alone, and the bare loopback round trip.
	// What Do adds is list − (decode + baseline).
	b.Run("encoding/json decode only", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(instanceListBody)))
		for b.Loop() {
			var out benchList
			if err := json.Unmarshal([]byte(instanceListBody), &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("net/http baseline", func(b *testing.B) {
		hc := srv.Client()
		u := srv.URL + "/base/v2/" + testutil.ProjectID + "/instances?engine=reliability&limit=10"
		b.ReportAllocs()
		b.SetBytes(int64(len(instanceListBody)))
		for b.Loop() {
			resp, err := hc.Get(u)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
	})
}

// BenchmarkDoLargeBody sends a 1 MiB body (such as a metadata migration
// document): the body must not be copied on its way to the transport.
func BenchmarkDoLargeBody(b *testing.B) {
	hc := &http.Client{Transport: cannedTransport{}}
	c, err := rocketmq.NewClient(rocketmq.WithEndpoint("https://dms.test.example/base"),
		rocketmq.WithProjectID(testutil.ProjectID), rocketmq.WithCredentials(benchToken), rocketmq.WithHTTPClient(hc))
	require.NoError(b, err)
	body := []byte(`{"doc":"` + strings.Repeat("x", 1<<20) + `"}`)
	req := &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances/{instance_id}/metadata",
		PathParams: map[string]string{"instance_id": testutil.InstanceID}, Body: body}
	ctx := context.Background()
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := c.Do(ctx, req, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// benchToken is token auth: AK/SK would hash the body, which is
// not what this benchmark measures.
var benchToken = auth.Token("bench-token")
