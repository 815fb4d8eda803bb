/**
 * The call as a model: a {@link org.ccphone.call.model.Call} with the caller's dialog and one
 * {@link org.ccphone.call.model.AgentSegment} per agent it reached. Each event of its life is a
 * method that looks at where the call is and returns the {@link org.ccphone.call.model.Effect}s to
 * carry out, or refuses. Plain Java: no I/O, no CDI, no clock (the time is passed in); the engine's
 * services carry the effects out. Also the values a call carries and shows: its data, its rows,
 * its frames to the phone, the supervisors' view.
 */
package org.ccphone.call.model;
