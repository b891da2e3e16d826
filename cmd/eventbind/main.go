// Command eventbind generates typed event bindings from a schema, decodes
// event streams with them, and receives KOOK events over webhook or the
// websocket gateway. See package cli for the commands.
package main

import (
	"os"

	"github.com/eventbind/eventbind/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
