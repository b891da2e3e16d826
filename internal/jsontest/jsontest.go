// Package jsontest compares JSON documents in the repository's tests.
package jsontest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"

	"github.com/google/go-cmp/cmp"
)

// Normal decodes one JSON document into a value that is equal for equal
// documents, whatever their member order, spacing, escapes or number
// spelling: integers become int64 and other numbers float64, so that 1.50
// and 1.5 compare equal but 1 and 1.000001 do not.
func Normal(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one JSON value")
	}
	return normalNumbers(v), nil
}

// Diff returns "" when want and got are the same document, else their
// difference (-want +got). An error says one of them is not JSON.
func Diff(want, got []byte) (string, error) {
	w, err := Normal(want)
	if err != nil {
		return "", err
	}
	g, err := Normal(got)
	if err != nil {
		return "", err
	}
	if reflect.DeepEqual(w, g) { // cmp.Diff is slow; only explain a difference
		return "", nil
	}
	return cmp.Diff(w, g), nil
}

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
