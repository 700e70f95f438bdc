// Command kycsim serves emulations of the NILLN.LV IKS, Lursoft Klientu
// Portfelis and peer-data APIs for integration tests. `kycsim --help` lists
// its flags.
package main

import (
	"os"

	"github.com/kycsim/kycsim/cmd/kycsim/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}
