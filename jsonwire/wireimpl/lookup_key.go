package wireimpl

import (
	"strings"

	"github.com/eventbind/eventbind/jsonwire"
)

// LookupInt reads the integer at path below data, for dispatch on a
// discriminator. root is the JSON path of data itself, used in errors. An
// absent value is a "required field missing" error.
func LookupInt(data []byte, root string, path ...string) (int64, error) {
	d, err := lookupKey(data, root, path)
	if err != nil {
		return 0, err
	}
	return d.Int64()
}

func lookupKey(data []byte, root string, path []string) (*Decoder, error) {
	v, ok, err := Lookup(data, path...)
	if err != nil {
		return nil, err
	}
	full := joinPath(root, path)
	if !ok {
		return nil, missingAt(full)
	}
	return NewDecoder(v, full), nil
}

// missingAt is the error for a required value absent at path.
func missingAt(path string) error {
	return &jsonwire.Error{Path: path, Msg: "required field missing"}
}

func joinPath(root string, path []string) string {
	p := strings.Join(path, ".")
	if root == "" {
		return p
	}
	return root + "." + p
}
