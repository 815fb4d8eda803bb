package org.ccphone.web.phone;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames waiting to go to one phone, sent one at a time without blocking the thread that
 * produced them. A phone that stops reading is closed rather than allowed to hold the server's memory.
 */
final class Outbound {
  private static final int MAX_QUEUED = 10_000;

  private final Session ws;
  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();

  Outbound(Session ws) {
    this.ws = ws;
  }

  void send(String frame) {
    if (!ws.isOpen()) {
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "not reading its messages"));
      return;
    }
    queue.add(frame);
    drain();
  }

  private void drain() {
    while (sending.compareAndSet(false, true)) {
      String next = queue.poll();
      if (next == null) {
        sending.set(false);
        if (queue.isEmpty()) {
          return;
        }
        continue;
      }
      queued.decrementAndGet();
      try {
        ws.getAsyncRemote().sendText(next, result -> {
          sending.set(false);
          drain();
        });
      } catch (RuntimeException e) {
        sending.set(false);
        return; // the socket is closing
      }
      return;
    }
  }

  void close(CloseReason reason) {
    try {
      if (ws.isOpen()) {
        ws.close(reason);
      }
    } catch (IOException | IllegalStateException e) {
      // already closed
    }
  }
}
