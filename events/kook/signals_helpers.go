package kook

// SessionID returns the resumed session's ID: d.session_id, as the websocket
// document spells it, or, when that is absent or empty, d.sessionId (the
// spelling of the reconnect URL's parameter, which some servers and SDKs
// send). It is "" when neither came. Both members stay in D as they came, so
// re-encoding keeps the spelling.
func (x *ResumeAckSignal) SessionID() string {
	if id := x.D.SessionID.Or(""); id != "" {
		return id
	}
	return x.D.LegacySessionID.Or("")
}

// SessionID returns the new session's ID: d.session_id, or, when that is
// absent or empty, d.sessionId, as ResumeAckSignal.SessionID. It is "" when
// neither came (a failed handshake).
func (x *HelloSignal) SessionID() string {
	if id := x.D.SessionID.Or(""); id != "" {
		return id
	}
	return x.D.LegacySessionID.Or("")
}
