package wireimpl

// The versions of the contract between generated code and this runtime.
// Every generated package checks both bounds at compile time, as
// protobuf-go's protoimpl.EnforceVersion does:
//
//	const (
//		_ = wireimpl.EnforceVersion(GenVersion - wireimpl.MinVersion) // the generated code is new enough
//		_ = wireimpl.EnforceVersion(wireimpl.MaxVersion - GenVersion) // the runtime is new enough
//	)
//
// A package generated against another runtime then fails to compile at that
// line, whose comment says what to do, instead of failing somewhere inside
// the generated code (or, worse, compiling and misbehaving).
const (
	// MaxVersion is the newest contract this runtime implements.
	MaxVersion = 2
	// MinVersion is the oldest contract this runtime still implements.
	// Version 1 was the runtime inside package jsonwire, before it moved here.
	MinVersion = 2
)

// EnforceVersion is used by generated code to check the versions: a
// negative constant does not convert to it.
type EnforceVersion uint
