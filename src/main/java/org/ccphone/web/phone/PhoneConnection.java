package org.ccphone.web.phone;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.concurrent.Executor;
import org.ccphone.agent.AgentSession;
import org.ccphone.call.model.SupervisorPage;

/**
 * One open phone socket and, once it said hello, the agent session it belongs to. A supervisor's
 * page is one too: the calls it listens to talk to it here.
 */
final class PhoneConnection implements SupervisorPage {
  static final int MAX_FRAME = 64 * 1024;

  private final Session ws;
  private final Outbound outbound;
  private volatile AgentSession session;
  private final StringBuilder partial = new StringBuilder();
  private boolean oversized;
  private final long openedAt = System.nanoTime();
  private volatile long lastHeard = openedAt;
  private final FrameBudget budget;

  private final Executor urgent;
  private final Executor broadcast;

  /**
   * @param urgent where frames for this phone's own agent are written from (offers, call frames,
   *     answers to its requests)
   * @param broadcast where other agents' state changes (a supervisor's view) are written from
   */
  PhoneConnection(Session ws, Executor urgent, Executor broadcast, long writeTimeoutMillis, FrameBudget budget) {
    this.ws = ws;
    this.budget = budget;
    this.urgent = urgent;
    this.broadcast = broadcast;
    this.outbound = new Outbound(ws, writeTimeoutMillis);
  }

  String id() {
    return ws.getId();
  }

  AgentSession session() {
    return session;
  }

  void authenticated(AgentSession session) {
    this.session = session;
  }

  /** A frame for this phone's own agent: it goes ahead of supervisor traffic on other phones. */
  @Override
  public void send(String frame) {
    outbound.send(frame, urgent);
  }

  @Override
  public void refused(String code, String message) {
    send(PhoneFrames.error(code, message));
  }

  /** Another agent's change, for a supervisor's view. */
  void sendBroadcast(String frame) {
    outbound.send(frame, broadcast);
  }

  /** Nanoseconds the write in flight to this phone has taken so far (0 when none). */
  long writingFor() {
    return outbound.writingFor();
  }

  /** Whether to take a whole frame the phone sent, within its budget ({@link FrameBudget}). */
  FrameBudget.Verdict budget() {
    return budget.frame(System.nanoTime());
  }

  /** Nanoseconds since the socket opened. */
  long openFor() {
    return System.nanoTime() - openedAt;
  }

  /** Nanoseconds since the phone last sent anything. */
  long silentFor() {
    return System.nanoTime() - lastHeard;
  }

  void close(CloseReason reason) {
    outbound.close(reason);
  }

  /** Closes once the frames already queued for this phone are written. */
  void closeAfterWriting(CloseReason reason) {
    outbound.closeAfterWriting(reason, urgent);
  }

  /**
   * Collects a frame that may arrive in parts; returns the whole text when the last part came, an
   * empty string when the frame was over {@link #MAX_FRAME} (its text is dropped as it arrives), or
   * null while parts are still coming.
   */
  synchronized String append(String part, boolean last) {
    lastHeard = System.nanoTime();
    if (!oversized) {
      if (partial.length() + part.length() > MAX_FRAME) {
        oversized = true;
        partial.setLength(0);
      } else {
        partial.append(part);
      }
    }
    if (!last) {
      return null;
    }
    String whole = oversized ? "" : partial.toString();
    partial.setLength(0);
    oversized = false;
    return whole;
  }
}
