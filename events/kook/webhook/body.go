package webhook

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	zinflate "github.com/eventbind/eventbind/internal/inflate"
	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

// The steps of the body pipeline, each on its own: (*Receiver).Open chains them.

// inflate decompresses a zlib stream of at most limit bytes (see
// inflate.Zlib): a larger one is a 413, a broken one a 400.
func inflate(b []byte, limit int64) ([]byte, *Error) {
	out, err := zinflate.Zlib(b, limit)
	var tooLarge *zinflate.TooLargeError
	var trailing *zinflate.TrailingError
	switch {
	case err == nil:
		return out, nil
	case errors.As(err, &tooLarge):
		return nil, refuse(http.StatusRequestEntityTooLarge, "zlib", "inflated body is larger than "+strconv.FormatInt(limit, 10)+" bytes")
	case errors.As(err, &trailing):
		return nil, refuse(http.StatusBadRequest, "zlib", trailing.Error())
	}
	return nil, zlibError(err)
}

// zlibError is a 400 for a broken zlib stream, without the package's own
// "zlib: " prefix: the place says it.
func zlibError(err error) *Error {
	return &Error{Status: http.StatusBadRequest, Place: "zlib", Msg: strings.TrimPrefix(err.Error(), "zlib: "), Err: err}
}

// encryptedPayload returns the "encrypt" member of a body {"encrypt": "..."}.
// ok is false when the body is JSON without that member: not encrypted.
func encryptedPayload(body []byte) (payload string, ok bool, e *Error) {
	if firstByte(body) != '{' {
		return "", false, nil
	}
	raw, ok, err := wireimpl.Lookup(body, "encrypt")
	if err != nil {
		return "", false, jsonError(err)
	}
	if !ok {
		return "", false, nil
	}
	if err := wholeJSON(body); err != nil {
		return "", false, err
	}
	if err := json.Unmarshal(raw, &payload); err != nil {
		return "", false, refuse(http.StatusBadRequest, "encrypt", "want a string, got "+kindOf(raw))
	}
	return payload, true, nil
}

// newKey pads an encrypt key with NUL bytes to the 32 bytes of AES-256.
func newKey(key string) (cipher.Block, error) {
	k := make([]byte, 32)
	copy(k, key)
	return aes.NewCipher(k)
}

// decrypt undoes KOOK's encryption (docs/zh-cn/webhook.md, 解密消息):
// base64-decode, the first 16 bytes are the IV, the rest is the base64 of
// the AES-256-CBC ciphertext, PKCS#7-padded. Errors past the outer base64 are
// hidden from the response (see Error.Public).
func decrypt(block cipher.Block, payload string) ([]byte, *Error) {
	outer, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		return nil, refuseErr(http.StatusBadRequest, "encrypt", "not base64", err)
	}
	if len(outer) <= aes.BlockSize {
		return nil, refuse(http.StatusBadRequest, "encrypt", strconv.Itoa(len(outer))+" bytes once base64-decoded: want a 16-byte IV and a ciphertext")
	}
	iv, rest := outer[:aes.BlockSize], outer[aes.BlockSize:]
	ct := make([]byte, base64.StdEncoding.DecodedLen(len(rest)))
	n, err := base64.StdEncoding.Decode(ct, rest)
	if err != nil {
		e := refuseErr(http.StatusBadRequest, "encrypt", "the ciphertext after the IV is not base64", err)
		e.hidden = true
		return nil, e
	}
	ct = ct[:n]
	if len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		e := refuse(http.StatusBadRequest, "encrypt", "ciphertext of "+strconv.Itoa(len(ct))+" bytes: want a positive multiple of 16")
		e.hidden = true
		return nil, e
	}
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(ct, ct)
	size, ok := unpad(ct)
	if !ok {
		e := refuse(http.StatusBadRequest, "encrypt", "bad PKCS#7 padding: encrypted with another key, or corrupt")
		e.hidden = true
		return nil, e
	}
	return ct[:size], nil
}

// unpad checks PKCS#7 padding strictly (1 to 16 bytes, all equal to the
// count) in constant time, and returns the length without it. len(b) is a
// positive multiple of 16.
func unpad(b []byte) (int, bool) {
	n := len(b)
	pad := int(b[n-1])
	good := subtle.ConstantTimeLessOrEq(1, pad) & subtle.ConstantTimeLessOrEq(pad, aes.BlockSize)
	for i := 0; i < aes.BlockSize; i++ {
		inPad := subtle.ConstantTimeLessOrEq(i+1, pad)
		same := subtle.ConstantTimeByteEq(b[n-1-i], byte(pad))
		good &= (1 ^ inPad) | same
	}
	return n - pad, good == 1
}

// firstByte is the first byte of data that is not JSON whitespace, or 0.
func firstByte(data []byte) byte {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c
	}
	return 0
}

// kindOf names the kind of a JSON value by its first byte, for messages.
func kindOf(v []byte) string {
	switch c := firstByte(v); {
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	case c == '-' || ('0' <= c && c <= '9'):
		return "number"
	case c == 0:
		return "nothing"
	}
	return "invalid JSON"
}

// wholeJSON checks that data is exactly one JSON value (with whitespace), for
// the bodies kook.Decode does not read: the encrypted wrapper and challenges.
func wholeJSON(data []byte) *Error {
	if json.Valid(data) {
		return nil
	}
	var v json.RawMessage
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &Error{Status: http.StatusBadRequest, Place: "offset " + strconv.FormatInt(se.Offset, 10), Msg: se.Error(), Err: err}
	}
	if err == nil {
		err = errors.New("not valid JSON")
	}
	return refuseErr(http.StatusBadRequest, "body", "", err)
}

// lookupString reads the string at path in data. present is false when the
// path does not lead to a value; a value that is not a string is an error.
func lookupString(data []byte, path ...string) (s string, present bool, err error) {
	raw, ok, err := wireimpl.Lookup(data, path...)
	if err != nil || !ok {
		return "", false, err
	}
	if firstByte(raw) != '"' {
		return "", true, errNotString
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", true, err
	}
	return s, true, nil
}

type notString struct{}

func (notString) Error() string { return "not a string" }

var errNotString error = notString{}
