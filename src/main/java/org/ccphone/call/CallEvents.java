package org.ccphone.call;

import java.util.function.Consumer;
import java.util.function.Function;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Decision;

/**
 * The way back into the call engine for work that completes later (a media answer, a SIP
 * response, a timer): the event is decided by the call and carried out on the routing thread.
 */
public interface CallEvents {
  /** From any thread: the event runs on the routing thread, after those already queued. */
  void on(Call call, Function<Call, Decision> event);

  /** As {@link #on(Call, Function)}; a refusal goes to {@code refused} (the phone that asked). */
  void on(Call call, Function<Call, Decision> event, Consumer<Decision.Refusal> refused);

  /** On the routing thread only: the event is decided and carried out now. */
  void decide(Call call, Function<Call, Decision> event);
}
