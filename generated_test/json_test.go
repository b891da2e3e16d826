package generated_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sameJSON fails the test unless a and b are the same JSON document: the same
// members and values, whatever their order, spacing or number spelling.
func sameJSON(t *testing.T, what string, want, got []byte) {
	t.Helper()
	if diff := cmp.Diff(normalJSON(t, want), normalJSON(t, got)); diff != "" {
		t.Errorf("%s: re-encoding differs (-want +got):\n%s", what, diff)
	}
}

func normalJSON(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return normalNumbers(v)
}

// normalNumbers turns numbers into int64 when they are integers and float64
// otherwise, so that 1.50 and 1.5 compare equal but 1 and 1.000001 do not.
func normalNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalNumbers(x)
		}
	case []any:
		for i, x := range v {
			v[i] = normalNumbers(x)
		}
	case json.Number:
		if n, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return n
		}
		f, _ := strconv.ParseFloat(string(v), 64)
		return f
	}
	return v
}
