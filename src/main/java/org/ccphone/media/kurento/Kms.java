package org.ccphone.media.kurento;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.kurento.client.Continuation;

/** Kurento's asynchronous calls (a {@link Continuation}) as futures: the call engine never waits on KMS. */
final class Kms {
  private Kms() {}

  /** A continuation for a release nobody waits for; its failure (the element is gone already) changes nothing. */
  static <T> Continuation<T> ignored() {
    return new Continuation<>() {
      @Override
      public void onSuccess(T value) {}

      @Override
      public void onError(Throwable cause) {}
    };
  }

  /** Runs {@code request} with a continuation that completes the returned future. */
  static <T> CompletableFuture<T> call(Consumer<Continuation<T>> request) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      request.accept(new Continuation<>() {
        @Override
        public void onSuccess(T value) {
          result.complete(value);
        }

        @Override
        public void onError(Throwable cause) {
          result.completeExceptionally(cause);
        }
      });
    } catch (RuntimeException e) {
      result.completeExceptionally(e); // the client refused to send it (connection closed)
    }
    return result;
  }
}
