package org.ccphone.web.phone;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The frames waiting to go to one phone, written in order by one task at a time on a shared pool,
 * so that the thread that produced them (a state change fanned out to supervisors) never waits for a
 * socket. Waiting for each asynchronous send to complete before the next capped a supervisor at a
 * few hundred frames per second. A phone that stops reading is closed rather than allowed to hold
 * the server's memory.
 */
final class Outbound {
  private static final Logger LOG = Logger.getLogger(Outbound.class.getName());
  private static final int MAX_QUEUED = 10_000;
  private static final int MAX_BATCH = 500;
  private static final String BATCH_START = "{\"type\":\"batch\",\"frames\":[";

  private final Session ws;
  private final Executor writer;
  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private volatile CloseReason closeWhenWritten;

  Outbound(Session ws, Executor writer) {
    this.ws = ws;
    this.writer = writer;
  }

  void send(String frame) {
    if (!ws.isOpen()) {
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      LOG.warning("closing phone socket " + ws.getId() + ": more than " + MAX_QUEUED + " frames waiting");
      close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "not reading its messages"));
      return;
    }
    queue.add(frame);
    drain();
  }

  private void drain() {
    if (sending.compareAndSet(false, true)) {
      writer.execute(this::write);
    }
  }

  private void write() {
    try {
      String next;
      while ((next = queue.poll()) != null) {
        queued.decrementAndGet();
        String more = queue.peek() == null ? null : queue.poll();
        if (more == null) {
          ws.getBasicRemote().sendText(next);
          continue;
        }
        // Frames that queued up while the phone was being written to go out as one batch frame:
        // a supervisor watching a busy floor gets a few frames a second instead of thousands.
        queued.decrementAndGet();
        StringBuilder batch = new StringBuilder(BATCH_START).append(next).append(',').append(more);
        for (int n = 2; n < MAX_BATCH && (next = queue.poll()) != null; n++) {
          queued.decrementAndGet();
          batch.append(',').append(next);
        }
        ws.getBasicRemote().sendText(batch.append("]}").toString());
      }
    } catch (IOException | RuntimeException e) {
      queue.clear(); // the socket is gone; its close handler cleans up
      return;
    } finally {
      sending.set(false);
    }
    if (!queue.isEmpty()) {
      drain();
    } else if (closeWhenWritten != null) {
      close(closeWhenWritten);
    }
  }

  /** Closes the socket once the frames queued before this call are written (a goodbye, then the close). */
  void closeAfterWriting(CloseReason reason) {
    closeWhenWritten = reason;
    drain();
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
