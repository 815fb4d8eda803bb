package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** The end of a call or of its agent's segment: the Call End row, and the call leaving the registry. */
@ApplicationScoped
class CallEnds {
  @Inject CallRegistry calls;
  @Inject CallEndWriter callEnds;

  /** A call no agent talked on (overflow, abandoned, refused): its row has AgentId 0 and no ConnectDateTime. */
  void unanswered(Call call) {
    closed(call);
    callEnds.write(call.appId(), CallEndRow.of(call.data(), 1, call.startedAt(), null, Instant.now(), 0, 0));
  }

  /** The agent's talk is over: the segment's row. */
  void segmentOver(Call call, AgentSegment segment) {
    callEnds.write(call.appId(), CallEndRow.of(call.data(), 1, call.startedAt(), segment.connectedAt(), Instant.now(),
        segment.agent().agent().agentId(), 0));
  }

  /** Nothing more will be sent or received for the call. */
  void closed(Call call) {
    call.ended();
    calls.remove(call);
  }
}
