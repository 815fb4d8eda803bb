package org.ccphone.call;

import org.ccphone.agent.AgentSession;

/** The way to an agent's open phones (the WebSocket hub implements it). */
public interface AgentPhones {
  /** Sends a frame to every phone the agent has open; none open is not an error. */
  void send(AgentSession agent, String frame);

  /** Sends the protocol's error frame (the one every refused request gets) to the agent's phones. */
  void sendError(AgentSession agent, String code, String message);
}
