//go:build tools

// Package tools pins the versions of the commands the Makefile runs with
// `go run`, so that go.mod records them: benchstat for `make bench`. The build
// tag keeps it out of every build.
package tools

import (
	_ "golang.org/x/perf/cmd/benchstat"
)
