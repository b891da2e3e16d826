package generated_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/gen"
)

// loadModel builds the schema in dir.
func loadModel(t *testing.T, dir string) *gen.Model {
	t.Helper()
	m, err := gen.Build([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// checkUpToDate fails when `go generate` would change the package in dir.
func checkUpToDate(t *testing.T, m *gen.Model, dir string) {
	t.Helper()
	diff, err := gen.Diff(m, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range diff {
		t.Errorf("%s/%s is stale: run go generate ./...", dir, name)
	}
}

// TestKOOKGeneratedUpToDate fails when `go generate ./...` would change events/kook.
func TestKOOKGeneratedUpToDate(t *testing.T) { checkUpToDate(t, kookModel(t), "../events/kook") }

// registerAll registers, through every Handle<Event> method of mux, a func
// that records the event's Go name in the returned string.
func registerAll(mux any) *string {
	got := new(string)
	mv := reflect.ValueOf(mux)
	for i := 0; i < mv.NumMethod(); i++ {
		name := mv.Type().Method(i).Name
		if !strings.HasPrefix(name, "Handle") {
			continue
		}
		fnType := mv.Method(i).Type().In(0)
		event := strings.TrimPrefix(name, "Handle")
		mv.Method(i).Call([]reflect.Value{reflect.MakeFunc(fnType, func([]reflect.Value) []reflect.Value {
			*got = event
			return []reflect.Value{reflect.Zero(fnType.Out(0))}
		})})
	}
	return got
}

// TestReferenceUpToDate fails when `go generate ./...` would change the
// Markdown reference pages (docs/events/*.md).
func TestReferenceUpToDate(t *testing.T) {
	for _, platform := range []string{"kook", "onebot12"} {
		schema, page := "../schema/"+platform, "../docs/events/"+platform+".md"
		link, err := gen.ReferenceLink(page, schema)
		if err != nil {
			t.Fatal(err)
		}
		want := gen.Reference(loadModel(t, schema), link)
		have, err := os.ReadFile(page)
		if err != nil || !bytes.Equal(have, want) {
			t.Errorf("%s is stale: run go generate ./... (%v)", page, err)
		}
	}
}
