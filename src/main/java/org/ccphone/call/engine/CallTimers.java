package org.ccphone.call.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.ccphone.call.CallEvents;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Effect;
import org.ccphone.call.model.Timer;

/** The calls' clocks, one of each kind per call, fired back to the call as its event. Routing thread only. */
@ApplicationScoped
public class CallTimers {
  @Inject RoutingThread routing;

  private final Map<Call, EnumMap<Timer, ScheduledFuture<?>>> running = new IdentityHashMap<>();

  public void carryOut(Call call, Effect.Timing work, CallEvents back) {
    if (work instanceof Effect.StartTimer start) {
      cancel(call, start.timer());
      ScheduledFuture<?> timer = routing.schedule(
          () -> back.decide(call, c -> c.timerFired(start.timer(), start.segment(), Instant.now())), start.delay());
      running.computeIfAbsent(call, c -> new EnumMap<>(Timer.class)).put(start.timer(), timer);
    } else if (work instanceof Effect.CancelTimer cancel) {
      cancel(call, cancel.timer());
    } else if (work instanceof Effect.Ended) {
      EnumMap<Timer, ScheduledFuture<?>> timers = running.remove(call);
      if (timers != null) {
        timers.values().forEach(t -> t.cancel(false));
      }
    }
  }

  private void cancel(Call call, Timer kind) {
    EnumMap<Timer, ScheduledFuture<?>> timers = running.get(call);
    ScheduledFuture<?> timer = timers == null ? null : timers.remove(kind);
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
