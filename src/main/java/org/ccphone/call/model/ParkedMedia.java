package org.ccphone.call.model;

import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;

/**
 * The media of a call waiting for another agent after its agent's phone was lost for good: the leg
 * its caller's RTP lives in (the caller hears music on hold there), renewed for each browser the
 * call is offered to, and whether it is being recorded. Released with the call.
 */
public record ParkedMedia(AgentMediaLeg leg, CallMedia media, boolean recording) {}
