package org.ccphone.call;

import org.ccphone.agent.AgentSession;

/** The way to an agent's open phones (the WebSocket hub implements it). */
public interface AgentPhones {
  /** Sends a frame to every phone the agent has open; none open is not an error. */
  void send(AgentSession agent, String frame);
}
