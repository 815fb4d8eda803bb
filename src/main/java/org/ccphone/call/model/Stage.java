package org.ccphone.call.model;

/** Where a call is in its life. Only the model reads it. */
enum Stage {
  ARRIVED, QUEUED, RINGING,
  /** An outbound call: our INVITE is on its way to the trunk, not answered yet. */
  DIALING,
  /** The agent answered; the media and the 200 OK are on their way. */
  ANSWERING,
  CONNECTED,
  /** Transferred to a number through the trunk: the caller on music, our INVITE to the outside party on its way. */
  BRIDGING,
  /** The caller and the outside party talk through the server; no agent is on the call. */
  BRIDGED,
  /** The caller hung up while its agent consulted another: the two agents talk on; the caller's dialog is over. */
  AGENTS_ONLY,
  /** The agent's side is over; our BYE waits for the caller's ACK (RFC 3261 section 15) and the row. */
  HANGING_UP,
  ENDED
}
