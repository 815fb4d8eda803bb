package org.ccphone.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU used in one benchmark step by the server and by the load generator, in % of one core (the
 * machine has two): user + system ticks from /proc. The generator's last reading is taken while it
 * still runs, since /proc forgets a process that has exited.
 */
final class CpuShare {
  private static final double TICKS_PER_SECOND = 100;  // USER_HZ on Linux
  private final long serverPid;
  private final long serverTicksBefore;
  private final long startNanos = System.nanoTime();
  private final AtomicLong loadTicks = new AtomicLong();
  private volatile long serverTicksAfter = -1;
  private volatile long endNanos;

  CpuShare(long serverPid) {
    this.serverPid = serverPid;
    this.serverTicksBefore = ticks(serverPid);
  }

  /** Follows the load generator until it exits (polls every 100 ms from a daemon thread). */
  void follow(Process load) {
    Thread t = new Thread(() -> {
      while (load.isAlive()) {
        long v = ticks(load.pid());
        if (v > 0) {
          loadTicks.set(v);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "cpu-share");
    t.setDaemon(true);
    t.start();
  }

  /** Ends the step's window. */
  void stop() {
    serverTicksAfter = ticks(serverPid);
    endNanos = System.nanoTime();
  }

  double serverPercent() {
    return serverPid == 0 || serverTicksAfter < 0 ? 0 : percent(serverTicksAfter - serverTicksBefore);
  }

  /** The server's CPU time in the window, in milliseconds (with the step's calls: its cost per call). */
  double serverMillis() {
    return serverPid == 0 || serverTicksAfter < 0 ? 0 : (serverTicksAfter - serverTicksBefore) * 1000 / TICKS_PER_SECOND;
  }

  double loadPercent() {
    return percent(loadTicks.get());
  }

  private double percent(long ticks) {
    double seconds = (endNanos - startNanos) / 1e9;
    return seconds <= 0 ? 0 : ticks / TICKS_PER_SECOND / seconds * 100;
  }

  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);  // utime, stime (fields 14 and 15)
    } catch (Exception e) {
      return 0;
    }
  }
}
