package jsonwire

// The versions of the contract between generated code and this runtime:
// jsonwire, and the interfaces of package bind that generated packages
// implement. Every generated package checks both bounds at compile time, as
// protobuf-go's protoimpl.EnforceVersion does:
//
//	const (
//		_ = jsonwire.EnforceVersion(GenVersion - jsonwire.MinVersion) // the generated code is new enough
//		_ = jsonwire.EnforceVersion(jsonwire.MaxVersion - GenVersion) // the runtime is new enough
//	)
//
// A package generated against another runtime then fails to compile at that
// line, whose comment says what to do, instead of failing somewhere inside
// the generated code (or, worse, compiling and misbehaving).
//
// Version 2: bind.Events has Claim and Signals, which packages generated for
// version 1 lack, so this runtime no longer implements version 1.
const (
	// MaxVersion is the newest contract this runtime implements.
	MaxVersion = 2
	// MinVersion is the oldest contract this runtime still implements.
	MinVersion = 2
)

// EnforceVersion is used by generated code to check the versions: a
// negative constant does not convert to it.
type EnforceVersion uint
