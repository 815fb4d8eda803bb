package org.ccphone.media.kurento;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoConnectionListener;

/**
 * The connection to Kurento Media Server's control WebSocket. Connected on first use, off the
 * caller's thread (the client's connect blocks); while KMS is unreachable every use fails at once
 * and the next one tries again, so calls work again once it is back, without a restart.
 */
@ApplicationScoped
public class KurentoServer {
  private static final Logger LOG = Logger.getLogger(KurentoServer.class.getName());

  @Inject
  @ConfigProperty(name = "callcenter.media.kurento.uri", defaultValue = "ws://127.0.0.1:8888/kurento")
  String uri;

  @Resource ManagedExecutorService executor;

  private KurentoClient client;
  private CompletableFuture<KurentoClient> connecting;
  private volatile String unreachable = "not connected yet";

  /** The connected client; a new connection is tried when there is none. */
  public synchronized CompletionStage<KurentoClient> client() {
    if (client != null && !client.isClosed()) {
      return CompletableFuture.completedFuture(client);
    }
    if (connecting == null) {
      CompletableFuture<KurentoClient> attempt = CompletableFuture.supplyAsync(this::connect, executor);
      connecting = attempt;
      attempt.whenComplete((connected, failure) -> settled(connected, failure));
    }
    return connecting;
  }

  private KurentoClient connect() {
    return KurentoClient.create(uri, new KurentoConnectionListener() {
      @Override
      public void connected() {
        unreachable = null;
      }

      @Override
      public void connectionFailed() {
        lost("connection failed");
      }

      @Override
      public void disconnected() {
        lost("disconnected");
      }

      @Override
      public void reconnected(boolean sameServer) {
        unreachable = null;
        LOG.info("media server " + uri + " reconnected" + (sameServer ? "" : " (a new server: earlier media is gone)"));
      }
    });
  }

  private synchronized void settled(KurentoClient connected, Throwable failure) {
    connecting = null;
    if (failure != null) {
      lost(failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage());
      return;
    }
    client = connected;
    unreachable = null;
    LOG.info("media server " + uri + " connected");
  }

  private void lost(String why) {
    if (unreachable == null) {
      LOG.warning("media server " + uri + " unreachable: " + why);
    }
    unreachable = why;
  }

  /** Why the media server cannot be used now, or null when it can. */
  public String unreachable() {
    return unreachable;
  }

  public String uri() {
    return uri;
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      try {
        client.destroy();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "closing the media server connection", e);
      }
      client = null;
    }
  }
}
