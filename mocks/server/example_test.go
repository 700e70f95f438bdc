package server_test

import (
	"fmt"
	"io"
	"net/http"

	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/server"
)

// A test starts kycsim in-process and talks to it as to the real NILLN API.
func ExampleStart() {
	srv, err := server.Start(server.Options{LogOutput: io.Discard})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	req, _ := http.NewRequest("GET", srv.URL()+"/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172", nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer KycsimNordexoReadOnly0000000000000000002")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode)
	fmt.Println(string(body))
	// Output:
	// 200
	// {"data":{"uuid":"69ade873-f02c-4df1-a307-1c388f7a5172","type":"Juridiska persona","name":"SIA \"Nordexo IT\"","reg_no":"40203206226","reference_no":"1","email":null,"comment":"IT uz\u0146\u0113mums","risk_level":"zems","is_active":true,"set_at":"2022-04-25T00:00:00.000000Z","reviewed_at":"2022-04-25T00:00:00.000000Z","inputs":[]}}
}

// Each parallel test job gets its own namespace: its own data, clock and
// journal, reached under /t/{name}/.
func ExampleServer_Namespace() {
	srv, err := server.Start(server.Options{LogOutput: io.Discard})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	req, _ := http.NewRequest("DELETE", srv.URL()+"/t/job-1/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172", nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer KycsimNordexoReadCreateUpdateDelete00001")
	resp, _ := http.DefaultClient.Do(req)
	resp.Body.Close()

	ns, _ := srv.Namespace("job-1")
	entry := ns.Journal.List(emu.Filter{})[0]
	fmt.Println(resp.StatusCode, entry.Operation, entry.Credential)
	// Output:
	// 204 nilln.clients.archive token 1 (visas tiesības)
}
