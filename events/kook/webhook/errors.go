package webhook

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/eventbind/eventbind/jsonwire"
)

// Error is why the receiver refused a request. Status is the HTTP status it
// answered with; Error() names the place first: "d.verify_token: does not
// match the configured verify token", "zlib: inflated body is larger than
// 8388608 bytes", "d.extra.body.joined_at: want number, got string".
//
// Statuses: 400 for a malformed body (bad JSON, bad zlib, not encrypted or
// not decryptable), 403 for a missing or wrong verify token, 405 for a method
// other than POST, 413 for a body over MaxBody or MaxInflated, 500 when the
// handler or the seen store failed (KOOK then retries), 503 when a retry
// arrives while the first delivery is still being handled.
type Error struct {
	Status int
	// Place is where the problem is: "method", "body", "zlib", "encrypt", a
	// JSON path ("d.verify_token", "d.extra.body.joined_at"), "offset N" for
	// JSON broken before any path, "sn", "seen store" or "handler".
	Place string
	// Msg says what is wrong there.
	Msg string
	// Err is the cause, when there is one (a *jsonwire.Error, a zlib error,
	// the handler's error); Msg already includes its text.
	Err error

	// hidden is set once a body was decrypted: the response then carries
	// only the status text (see Public).
	hidden bool
}

func (e *Error) Error() string {
	if e.Place == "" {
		return e.Msg
	}
	return e.Place + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Public is the text the receiver sends back: Error(), except after the
// body was decrypted (and for handler failures), when it is only the status
// text. A client that tampers with a ciphertext must not learn whether its
// padding was right or its plaintext parsed: that would make the receiver a
// padding oracle. The full reason goes to Config.Report.
func (e *Error) Public() string {
	if e.hidden {
		return http.StatusText(e.Status)
	}
	return e.Error()
}

func refuse(status int, place, msg string) *Error {
	return &Error{Status: status, Place: place, Msg: msg}
}

func refuseErr(status int, place, msg string, err error) *Error {
	if msg == "" {
		msg = err.Error()
	} else {
		msg += ": " + err.Error()
	}
	return &Error{Status: status, Place: place, Msg: msg, Err: err}
}

// jsonError turns a decoding error into a 400 that names its JSON path.
func jsonError(err error) *Error {
	var je *jsonwire.Error
	if errors.As(err, &je) {
		place := je.Path
		if place == "" {
			place = "offset " + strconv.Itoa(je.Offset)
		}
		return &Error{Status: http.StatusBadRequest, Place: place, Msg: je.Msg, Err: err}
	}
	return &Error{Status: http.StatusBadRequest, Place: "body", Msg: err.Error(), Err: err}
}
