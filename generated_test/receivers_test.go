package generated_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
)

// TestMarshalByValue: an event marshals to the same JSON whether
// encoding/json gets the pointer or the value (MarshalJSON has a value
// receiver), so an event held by value in a user's struct loses nothing.
func TestMarshalByValue(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(kookSchema, "testdata", "examples", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := kook.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		want := ev.AppendJSON(nil)
		byPointer, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		value := reflect.ValueOf(ev).Elem().Interface() // the struct, not the pointer
		byValue, err := json.Marshal(value)
		if err != nil {
			t.Fatal(err)
		}
		// As a field of a struct of the user's, held by value.
		holder := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "E", Type: reflect.TypeOf(value), Tag: `json:"e"`}})).Elem()
		holder.Field(0).Set(reflect.ValueOf(value))
		inStruct, err := json.Marshal(holder.Interface())
		if err != nil {
			t.Fatal(err)
		}
		var gotField map[string]json.RawMessage
		if err := json.Unmarshal(inStruct, &gotField); err != nil {
			t.Fatal(err)
		}
		if !jsonEqual(byPointer, want) || !jsonEqual(byValue, want) || !jsonEqual(gotField["e"], want) {
			t.Errorf("%s: json.Marshal by pointer, by value and in a struct differ from AppendJSON", filepath.Base(file))
		}
	}
}
