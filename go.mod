module github.com/eventbind/eventbind

go 1.22

require (
	github.com/dave/jennifer v1.7.1
	go.yaml.in/yaml/v3 v3.0.6
)

require github.com/google/go-cmp v0.7.0
