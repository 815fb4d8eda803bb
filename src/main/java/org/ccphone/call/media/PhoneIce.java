package org.ccphone.call.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import java.time.Instant;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.turn.IceServers;

/** The ICE servers an agent's phone builds a peer connection with: the relay, with fresh credentials of its own. */
@ApplicationScoped
public class PhoneIce {
  @Inject IceServers iceServers;

  public JsonArray forAgent(AgentSession agent) {
    return iceServers.forPhone(agent.appId() + "/" + agent.agent().agentId(), Instant.now());
  }
}
