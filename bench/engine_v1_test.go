//go:build !goexperiment.jsonv2

package bench

import "testing"

// engine ends the names of the implementations that call encoding/json
// (encoding_json, eventbind_marshal): "" on its own engine. A build with
// GOEXPERIMENT=jsonv2 runs the same code on the v2 engine, named with
// "_v2engine", and adds encoding/json/v2 (engine_v2_test.go); make bench runs
// both binaries into one table.
const engine = ""

// encoding/json/v2 exists only with GOEXPERIMENT=jsonv2.
func benchKOOKDecodeV2(*testing.B, *Corpus)     {}
func benchKOOKEncodeV2(*testing.B, *Corpus)     {}
func benchOneBot12DecodeV2(*testing.B, *Corpus) {}
func benchOneBot12EncodeV2(*testing.B, *Corpus) {}
