package org.ccphone;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the server gracefully: the call engine drains (calls finish or overflow,
 * every Call End and Agent Logout reaches the outbox) while the SIP stack, the phones and the
 * databases still work, and only then does the JVM run its shutdown (Payara's hook, which tears
 * everything down at once). Without this, Payara's hook undeploys in parallel with any drain.
 */
final class GracefulStop {
  private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());
  private static final AtomicBoolean STOPPING = new AtomicBoolean();
  private static final java.util.Map<String, sun.misc.SignalHandler> PREVIOUS = new java.util.concurrent.ConcurrentHashMap<>();

  private GracefulStop() {}

  /** Gives the signals back to the JVM (an undeployed application must not keep them). */
  static void uninstall() {
    PREVIOUS.forEach((name, handler) -> {
      try {
        Signal.handle(new Signal(name), handler);
      } catch (IllegalArgumentException | LinkageError e) {
        LOG.fine("cannot give SIG" + name + " back: " + e);
      }
    });
    PREVIOUS.clear();
    STOPPING.set(false);
  }

  /** Runs {@code stop} on a thread of the application on the first SIGTERM or SIGINT, then exits. */
  static void install(ManagedThreadFactory threads, Runnable stop) {
    // Made now, on the application's thread, so that it carries the application's context (the
    // signal's own thread has none: transactions on a thread made there were run without it).
    Thread drain = threads.newThread(() -> {
      try {
        stop.run();
      } finally {
        System.exit(0);
      }
    });
    drain.setName("graceful-stop");
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.SignalHandler previous = Signal.handle(new Signal(name), signal -> {
          if (!STOPPING.compareAndSet(false, true)) {
            return; // a second signal while draining: the drain's own bounds end it
          }
          LOG.info("SIG" + signal.getName() + ": stopping gracefully");
          drain.start();
        });
        PREVIOUS.putIfAbsent(name, previous);
      }
    } catch (IllegalArgumentException | LinkageError e) {
      LOG.warning("signals cannot be caught here (" + e + "); a stop drains only as far as undeployment allows");
    }
  }
}
