package org.ccphone.routing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The callers waiting for an agent, one line per tenant, first come first served. A call whose offer
 * was withdrawn goes back to the head of its line. Not thread-safe: the call service uses it from
 * its one routing thread.
 *
 * @param <C> the call
 */
public final class CallQueue<C> {
  private final Map<String, Deque<C>> lines = new HashMap<>();

  public void addLast(String appId, C call) {
    lines.computeIfAbsent(appId, k -> new ArrayDeque<>()).addLast(call);
  }

  public void addFirst(String appId, C call) {
    lines.computeIfAbsent(appId, k -> new ArrayDeque<>()).addFirst(call);
  }

  public boolean remove(String appId, C call) {
    Deque<C> line = lines.get(appId);
    return line != null && line.remove(call);
  }

  /** The tenant's waiting calls in order, as a copy the caller may change the queue while walking. */
  public List<C> waiting(String appId) {
    Deque<C> line = lines.get(appId);
    return line == null ? List.of() : List.copyOf(line);
  }

  public int size(String appId) {
    Deque<C> line = lines.get(appId);
    return line == null ? 0 : line.size();
  }
}
