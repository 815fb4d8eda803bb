package org.ccphone.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wrap-ups held for a disposition code (the tenant requires one): each ends when both its time
 * is up and the code is picked (or given up), whichever comes last.
 */
final class HeldWrapUps {
  private static final class Held {
    final Presence wrapping;
    boolean timeUp;
    boolean done;

    Held(Presence wrapping) {
      this.wrapping = wrapping;
    }
  }

  private final Map<AgentSession, Held> held = new ConcurrentHashMap<>();

  void held(AgentSession session, Presence wrapping) {
    held.put(session, new Held(wrapping));
  }

  /** The wrap-up's time is up: true when it ends now (not held, or its code is in). */
  boolean timeUp(AgentSession session, Presence wrapping) {
    Held h = held.get(session);
    if (h == null || h.wrapping != wrapping) {
      return true;
    }
    synchronized (h) {
      h.timeUp = true;
      if (h.done) {
        held.remove(session, h);
        return true;
      }
      return false;
    }
  }

  /** The code is in: the wrap-up to end now (its time was up), or null (it ends when its time is). */
  Presence done(AgentSession session) {
    Held h = held.get(session);
    if (h == null) {
      return null;
    }
    synchronized (h) {
      h.done = true;
      if (h.timeUp) {
        held.remove(session, h);
        return h.wrapping;
      }
      return null;
    }
  }

  /** The agent's held wrap-up has had its time (it waits for the code only). */
  boolean timeIsUp(AgentSession session) {
    Held h = held.get(session);
    if (h == null) {
      return false;
    }
    synchronized (h) {
      return h.timeUp;
    }
  }

  /** A wrap-up of this agent is held for its code, not picked yet. */
  boolean waitsForCode(AgentSession session) {
    Held h = held.get(session);
    if (h == null) {
      return false;
    }
    synchronized (h) {
      return !h.done;
    }
  }
}
