// Package onebot12 holds typed bindings for OneBot 12 events, generated from
// the schema in schema/onebot12.
//
// Decode takes one event object and returns an Event: a pointer to one event
// type, or *UnknownEvent for a detail_type the schema does not know (an
// extended one such as "qq.xxx" included). Members with a platform prefix
// ("qq.nickname") are extensions: kept in Extensions and re-encoded. Message
// segments are Segment values; an unknown segment type is kept whole in
// *UnknownSegment.
package onebot12

//go:generate go run ../../internal/cmd/generate --schema ../../schema/onebot12 --out . --reference ../../docs/events/onebot12.md
