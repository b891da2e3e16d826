package wireimpl

// The versions of the contract between generated code and this runtime:
// wireimpl, jsonwire, and the interfaces of package bind that generated
// packages implement. Every generated package checks both bounds at compile
// time, as protobuf-go's protoimpl.EnforceVersion does:
//
//	const (
//		_ = wireimpl.EnforceVersion(GenVersion - wireimpl.MinVersion) // the generated code is new enough
//		_ = wireimpl.EnforceVersion(wireimpl.MaxVersion - GenVersion) // the runtime is new enough
//	)
//
// A package generated against another runtime then fails to compile at that
// line, whose comment says what to do, instead of failing somewhere inside
// the generated code (or, worse, compiling and misbehaving).
//
// Version 2: bind.Events has Claim and Signals, which packages generated for
// version 1 lack, so this runtime no longer implements version 1.
// Version 3: the runtime moved out of package jsonwire into this one
// (Unknown.AppendTo became AppendUnknown, Limits.Apply Decoder.SetLimits), so
// code generated for version 2, which calls jsonwire, does not work with it.
const (
	// MaxVersion is the newest contract this runtime implements.
	MaxVersion = 3
	// MinVersion is the oldest contract this runtime still implements.
	MinVersion = 3
)

// EnforceVersion is used by generated code to check the versions: a
// negative constant does not convert to it.
type EnforceVersion uint
