package org.ccphone.web.phone;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The frames waiting to go to one phone, written in order, one asynchronous write at a time: no
 * thread ever waits for a socket, so a phone that stops reading delays nobody else. A write that
 * does not complete within the write timeout, or a queue that grows past its bound, closes the
 * phone (it reconnects and resumes within the grace period). Frames that queued up while a write
 * was in flight go out together as one batch frame.
 */
final class Outbound {
  private static final Logger LOG = Logger.getLogger(Outbound.class.getName());
  private static final int MAX_QUEUED = 10_000;
  private static final int MAX_BATCH = 500;
  private static final String BATCH_START = "{\"type\":\"batch\",\"frames\":[";

  private final Session ws;
  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private volatile long writeStartedAt;
  private volatile CloseReason closeWhenWritten;

  Outbound(Session ws, long writeTimeoutMillis) {
    this.ws = ws;
    ws.getAsyncRemote().setSendTimeout(writeTimeoutMillis);
  }

  /** Queues a frame; {@code writer} prepares the next write when none is in flight. */
  void send(String frame, Executor writer) {
    if (!ws.isOpen()) {
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      LOG.warning("closing phone socket " + ws.getId() + ": more than " + MAX_QUEUED + " frames waiting");
      stalled("not reading its messages");
      return;
    }
    queue.add(frame);
    drain(writer);
  }

  private void drain(Executor writer) {
    if (sending.compareAndSet(false, true)) {
      writer.execute(() -> writeNext(writer));
    }
  }

  private void writeNext(Executor writer) {
    String text = nextText();
    if (text == null) {
      sending.set(false);
      if (!queue.isEmpty()) {
        drain(writer); // a frame came in after the queue looked empty
      } else if (closeWhenWritten != null) {
        close(closeWhenWritten);
      }
      return;
    }
    writeStartedAt = System.nanoTime();
    try {
      ws.getAsyncRemote().sendText(text, result -> {
        writeStartedAt = 0;
        if (result.isOK()) {
          writer.execute(() -> writeNext(writer));
        } else {
          sending.set(false);
          stalled("a write did not complete: " + result.getException());
        }
      });
    } catch (RuntimeException e) {
      sending.set(false);
      queue.clear(); // the socket is gone; its close handler cleans up
    }
  }

  /** The next frame, or a batch of every frame waiting, or null. */
  private String nextText() {
    String next = queue.poll();
    if (next == null) {
      return null;
    }
    queued.decrementAndGet();
    String more = queue.poll();
    if (more == null) {
      return next;
    }
    queued.decrementAndGet();
    StringBuilder batch = new StringBuilder(BATCH_START).append(next).append(',').append(more);
    for (int n = 2; n < MAX_BATCH && (next = queue.poll()) != null; n++) {
      queued.decrementAndGet();
      batch.append(',').append(next);
    }
    return batch.append("]}").toString();
  }

  /** Nanoseconds the write in flight has taken so far, or 0. */
  long writingFor() {
    long started = writeStartedAt;
    return started == 0 ? 0 : System.nanoTime() - started;
  }

  private void stalled(String why) {
    queue.clear();
    close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, why.length() > 100 ? why.substring(0, 100) : why));
  }

  /** Closes the socket once the frames queued before this call are written (a goodbye, then the close). */
  void closeAfterWriting(CloseReason reason, Executor writer) {
    closeWhenWritten = reason;
    drain(writer);
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
