package org.ccphone.call.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.model.CallsView;
import org.ccphone.call.queue.CallQueues;

/** A tenant's calls as its supervisors see them, read on the routing thread, which owns them. */
@ApplicationScoped
public class CallsNow {
  @Inject RoutingThread routing;
  @Inject CallQueues queues;

  public CompletionStage<CallsView> view(String appId) {
    CompletableFuture<CallsView> view = new CompletableFuture<>();
    routing.execute(() -> {
      try {
        view.complete(CallsView.of(queues.waiting(appId), queues.withAgents(appId), Instant.now()));
      } catch (RuntimeException e) {
        view.completeExceptionally(e);
      }
    });
    return view;
  }
}
