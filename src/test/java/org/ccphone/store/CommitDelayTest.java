package org.ccphone.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a group-commit writer waits for more rows: only under load, only for the rows expected, never past the wait. */
class CommitDelayTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();

  /** Takes {@code batches} batches of {@code rows} rows, {@code everyMillis} apart on the writer's clock. */
  private void takeBatches(CommitDelay delay, int batches, int rows, long everyMillis) throws InterruptedException {
    for (int i = 0; i < batches; i++) {
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(everyMillis));
      List<Integer> batch = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        batch.add(r);
      }
      delay.gather(new LinkedBlockingQueue<>(), batch, rows); // full already: counted, never waited on
    }
  }

  @Test
  void aLightlyLoadedWriterCommitsAtOnce() throws InterruptedException {
    // One row every 100 ms and a 50 ms wait: no second row is expected within it, so the row
    // already queued is left for the next commit.
    CommitDelay delay = new CommitDelay(Duration.ofMillis(50), nanos::get);
    takeBatches(delay, 3, 1, 100);
    queue.add(2);
    List<Integer> batch = new ArrayList<>(List.of(1));
    delay.gather(queue, batch, 500);
    assertEquals(List.of(1), batch);
    assertEquals(List.of(2), List.copyOf(queue));
  }

  @Test
  void underLoadTheWriterWaitsForTheRowsExpectedWithinTheWaitAndNoLonger() throws Exception {
    // One row every 10 s on the writer's clock, which then stands still, and a 30 s wait: three more
    // rows are expected. They come one by one; the writer returns once the third is in, long before
    // the wait would have ended.
    CommitDelay delay = new CommitDelay(Duration.ofSeconds(30), nanos::get);
    takeBatches(delay, 3, 1, 10_000);
    queue.add(2);
    Thread producer = new Thread(() -> {
      for (int r = 3; r <= 4; r++) {
        while (!queue.isEmpty()) {
          Thread.onSpinWait();
        }
        queue.add(r);
      }
    });
    producer.start();
    List<Integer> batch = new ArrayList<>(List.of(1));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> delay.gather(queue, batch, 500));
    producer.join(10_000);
    assertEquals(List.of(1, 2, 3, 4), batch);
  }

  @Test
  void theWaitEndsAtItsLimitWhenTheExpectedRowsDoNotCome() throws InterruptedException {
    // Three rows are expected within 30 s, but the clock jumps 40 s on every reading after the
    // writer starts to wait: the wait is over at its first check, with nothing more taken.
    AtomicBoolean jumping = new AtomicBoolean();
    AtomicLong readsSinceJump = new AtomicLong();
    CommitDelay delay = new CommitDelay(Duration.ofSeconds(30),
        () -> nanos.get() + (jumping.get() ? readsSinceJump.getAndIncrement() * 40_000_000_000L : 0));
    takeBatches(delay, 3, 1, 10_000);
    jumping.set(true);
    List<Integer> batch = new ArrayList<>(List.of(1));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> delay.gather(queue, batch, 500));
    assertEquals(List.of(1), batch);
  }

  @Test
  void anInterruptEndsTheWaitAndKeepsTheRowsHeld() throws Exception {
    // Three rows expected within 30 s on a clock that stands still; the writer is interrupted while
    // it waits (a stop past its limit): it returns with its row, and the interrupt stays set.
    CommitDelay delay = new CommitDelay(Duration.ofSeconds(30), nanos::get);
    takeBatches(delay, 3, 1, 10_000);
    List<Integer> batch = new ArrayList<>(List.of(1));
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      delay.gather(queue, batch, 500);
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });
    writer.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    writer.interrupt();
    writer.join(10_000);
    assertEquals(List.of(1), batch);
    assertEquals(true, stillInterrupted.get());
  }

  @Test
  void noWaitIsConfiguredMeansNoneIsTaken() throws InterruptedException {
    CommitDelay delay = new CommitDelay(Duration.ZERO);
    List<Integer> batch = new ArrayList<>(List.of(1));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> delay.gather(queue, batch, 500));
    assertEquals(List.of(1), batch);
  }
}
