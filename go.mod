module github.com/eventbind/eventbind

go 1.24

require (
	github.com/dave/jennifer v1.7.1
	go.yaml.in/yaml/v3 v3.0.6
)

require (
	github.com/coder/websocket v1.8.15
	github.com/goccy/go-json v0.11.1
	github.com/google/go-cmp v0.7.0
	github.com/redis/go-redis/v9 v9.17.3
	golang.org/x/perf v0.0.0-20241204221936-711ff2ab7231
)

require (
	github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f // indirect
)
