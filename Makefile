# Thin wrappers: `go generate ./...` and `go test ./...` work without make.
.PHONY: help generate test check fuzz bench

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

generate: ## regenerate events/ from schema/
	go generate ./...

test: ## vet and run every test: the project's test command
	go vet ./...
	go test ./...

check: ## fail if gofmt, go generate or go mod tidy would change the tree
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt would change these files"; exit 1; }
	go generate ./...
	@test -z "$$(git status --porcelain)" || { git status --porcelain; echo "go generate changed the tree: commit its output"; exit 1; }
	go mod tidy -diff

FUZZTIME ?= 30s
# The differential targets check 16 generated frames per input: fewer inputs.
DIFF_FUZZTIME ?= $(FUZZTIME)
fuzz: ## run every fuzz target for FUZZTIME each (a duration, or a count like 100000x; DIFF_FUZZTIME for the differential ones)
	go test ./jsonwire/wireimpl -run '^$$' -fuzz '^FuzzSkip$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./jsonwire/wireimpl -run '^$$' -fuzz '^FuzzDecoder$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./generated_test -run '^$$' -fuzz '^FuzzKOOKDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./generated_test -run '^$$' -fuzz '^FuzzOneBot12Decode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./generated_test -run '^$$' -fuzz '^FuzzKOOKSignalDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./generated_test -run '^$$' -fuzz '^FuzzKOOKStream$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./generated_test -run '^$$' -fuzz '^FuzzOneBot12Stream$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./jsonwire/wireimpl -run '^$$' -fuzz '^FuzzAppendString$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./jsonwire/wireimpl -run '^$$' -fuzz '^FuzzAppendFloat$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./events/kook -run '^$$' -fuzz '^FuzzDecodeOnArrival$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./events/onebot12 -run '^$$' -fuzz '^FuzzDecodeOnArrival$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./events/kook/webhook -run '^$$' -fuzz '^FuzzWebhookBody$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./internal/drift -run '^$$' -fuzz '^FuzzCheck$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
	go test ./bench -run '^$$' -fuzz '^FuzzKOOKDifferential$$' -fuzztime $(DIFF_FUZZTIME) -fuzzminimizetime 2s
	go test ./bench -run '^$$' -fuzz '^FuzzOneBot12Differential$$' -fuzztime $(DIFF_FUZZTIME) -fuzzminimizetime 2s

BENCHCOUNT ?= 10
BENCHTIME ?= 1s
# The test binary runs BENCHCOUNT times, each time every benchmark once, so
# that each implementation's runs alternate with its baselines' and a slow
# spell of the shared machine falls on both (with -count, go test would run
# one implementation ten times, then the next). A second binary, built with
# GOEXPERIMENT=jsonv2, runs in each round what needs it (encoding/json on
# the v2 engine, json.Marshal of an event on it, encoding/json/v2), after checking that they
# decode every frame as encoding/json does; benchstat puts all in one table.
V2BENCH = /impl=(encoding_json_v2engine|eventbind_marshal_v2engine|json_v2)
bench: ## run the benchmarks BENCHCOUNT rounds of BENCHTIME each into bench/results.txt, print the benchstat table and issue 21's targets as per-round ratios
	go test -c -o bench/bench.test ./bench
	GOEXPERIMENT=jsonv2 go test -c -o bench/bench_v2.test ./bench
	(cd bench && ./bench_v2.test -test.run 'Baselines$$')
	: > bench/results.txt
	for i in $$(seq $(BENCHCOUNT)); do \
		(cd bench && ./bench.test -test.run '^$$' -test.bench . -test.benchmem -test.benchtime $(BENCHTIME) -test.timeout 60m) >> bench/results.txt || { cat bench/results.txt; exit 1; }; \
		(cd bench && ./bench_v2.test -test.run '^$$' -test.bench '$(V2BENCH)' -test.benchmem -test.benchtime $(BENCHTIME) -test.timeout 60m) >> bench/results.txt || { cat bench/results.txt; exit 1; }; \
	done
	go run golang.org/x/perf/cmd/benchstat -col /impl bench/results.txt
	go run ./bench/ratios bench/results.txt
