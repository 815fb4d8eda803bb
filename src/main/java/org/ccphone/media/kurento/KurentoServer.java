package org.ccphone.media.kurento;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoConnectionListener;
import org.kurento.client.MediaPipeline;

/**
 * The connection to Kurento Media Server's control WebSocket. Connected at start and on first use
 * after a loss, off the caller's thread (the client's connect blocks); while KMS is unreachable
 * every use fails at once and the next one tries again, so calls work again once it is back,
 * without a restart. A connection lost for {@code lostAfterSeconds}, or a KMS that came back as a
 * new process, means the media made on it is gone: {@link #lost()} tells the calls.
 */
@ApplicationScoped
public class KurentoServer {
  private static final Logger LOG = Logger.getLogger(KurentoServer.class.getName());

  @Inject
  @ConfigProperty(name = "callcenter.media.kurento.uri", defaultValue = "ws://127.0.0.1:8888/kurento")
  String uri;

  @Inject
  @ConfigProperty(name = "callcenter.media.kurento.lostAfterSeconds", defaultValue = "3")
  int lostAfterSeconds;

  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;

  private KurentoClient client;
  private CompletableFuture<KurentoClient> connecting;
  private CompletableFuture<String> lost = new CompletableFuture<>();
  private volatile String unreachable = "not connected yet";
  /** Pipelines this application holds on KMS; any other pipeline of ours found there is a leftover. */
  private final Set<String> pipelines = ConcurrentHashMap.newKeySet();

  /** The connected client; a new connection is tried when there is none. */
  public synchronized CompletionStage<KurentoClient> client() {
    if (client != null) {
      return CompletableFuture.completedFuture(client);
    }
    if (connecting == null) {
      CompletableFuture<KurentoClient> attempt = CompletableFuture.supplyAsync(this::connect, executor);
      connecting = attempt;
      attempt.whenComplete(this::settled);
    }
    return connecting;
  }

  /** Completes when the media made on the current connection is lost. */
  public synchronized CompletionStage<String> lost() {
    return lost;
  }

  /** Why KMS cannot be used now, or null when it can; a new attempt starts when it is not connected. */
  public String unreachable() {
    if (unreachable != null) {
      client();
    }
    return unreachable;
  }

  java.util.concurrent.Executor executor() {
    return executor;
  }

  public String uri() {
    return uri;
  }

  void opened(MediaPipeline pipeline) {
    pipelines.add(pipeline.getId());
  }

  void released(MediaPipeline pipeline) {
    pipelines.remove(pipeline.getId());
  }

  int pipelinesOpen() {
    return pipelines.size();
  }

  private KurentoClient connect() {
    return KurentoClient.create(uri, new KurentoConnectionListener() {
      @Override
      public void connected() {
        // settled() takes it from here
      }

      @Override
      public void connectionFailed() {
        mediaLost("the connection to the media server failed");
      }

      @Override
      public void disconnected() {
        unreachable = "disconnected";
        LOG.warning("media server " + uri + " disconnected");
        scheduler.schedule(() -> {
          if (unreachable != null) {
            mediaLost("the media server was unreachable for " + lostAfterSeconds + " s");
          }
        }, lostAfterSeconds, TimeUnit.SECONDS);
      }

      @Override
      public void reconnected(boolean sameServer) {
        if (sameServer) {
          unreachable = null;
          LOG.info("media server " + uri + " reconnected");
        } else {
          mediaLost("the media server restarted");
        }
      }
    });
  }

  private synchronized void settled(KurentoClient connected, Throwable failure) {
    connecting = null;
    if (failure != null) {
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      if (unreachable == null || "not connected yet".equals(unreachable)) {
        LOG.warning("media server " + uri + " unreachable: " + cause.getMessage());
      }
      unreachable = "unreachable: " + cause.getMessage();
      return;
    }
    client = connected;
    unreachable = null;
    LOG.info("media server " + uri + " connected");
    releaseLeftovers(connected);
  }

  /**
   * The media of the current connection is gone: the calls on it are told, the client is dropped and
   * the next use connects anew (to a KMS that may have come back).
   */
  private void mediaLost(String why) {
    KurentoClient old;
    CompletableFuture<String> tell;
    synchronized (this) {
      old = client;
      client = null;
      unreachable = why;
      tell = lost;
      lost = new CompletableFuture<>();
      pipelines.clear();
    }
    if (old != null) {
      LOG.warning("media server " + uri + ": " + why + "; the calls on it lose their media");
    }
    tell.complete(why);
    if (old != null) {
      executor.execute(() -> destroyQuietly(old));
    }
  }

  /** Pipelines of this application that a crash of it left on KMS (none are known to be ours yet). */
  private void releaseLeftovers(KurentoClient connected) {
    Kms.<List<MediaPipeline>>call(c -> connected.getServerManager().getPipelines(c)).thenAccept(found -> {
      for (MediaPipeline pipeline : found) {
        Kms.<String>call(pipeline::getName).thenAccept(name -> {
          if (name != null && name.startsWith(KurentoMediaPlane.PIPELINE_PREFIX) && !pipelines.contains(pipeline.getId())) {
            LOG.info("releasing " + name + ", left on the media server by an earlier run");
            pipeline.release(Kms.ignored());
          }
        });
      }
    }).exceptionally(e -> {
      LOG.log(Level.WARNING, "could not list the media server's pipelines", e);
      return null;
    });
  }

  private static void destroyQuietly(KurentoClient old) {
    try {
      old.destroy();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing a lost media server connection", e);
    }
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      destroyQuietly(client);
      client = null;
    }
  }
}
