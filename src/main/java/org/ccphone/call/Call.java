package org.ccphone.call;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.MediaSession;

/**
 * One inbound call from arrival to its end. Changed only on the call service's routing thread, so
 * it needs no locks; other threads read {@link #key()} and {@link #appId()} only.
 */
public final class Call {
  /** Where the call is in its life. */
  public enum Stage { ARRIVED, QUEUED, RINGING, CONNECTED, ENDED }

  private final String key = UUID.randomUUID().toString();
  private final String appId;
  private final String sipCallId;
  private final CallLeg leg;
  private final Instant startedAt;
  private CallData data;
  private Stage stage = Stage.ARRIVED;
  private Instant queuedAt;
  private AgentSession agent;
  private MediaSession media;
  private ScheduledFuture<?> ringTimer;
  private Instant connectedAt;
  private final Set<String> declinedBy = new HashSet<>();

  Call(String appId, String sipCallId, CallLeg leg, CallData data, Instant startedAt) {
    this.appId = appId;
    this.sipCallId = sipCallId;
    this.leg = leg;
    this.data = data;
    this.startedAt = startedAt;
  }

  /** The server's own key of the call (the phone protocol's "call"); the customer's is data().callId(). */
  public String key() {
    return key;
  }

  public String appId() {
    return appId;
  }

  /** The SIP Call-ID of the caller's INVITE. */
  public String sipCallId() {
    return sipCallId;
  }

  CallLeg leg() {
    return leg;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public CallData data() {
    return data;
  }

  void data(CallData data) {
    this.data = data;
  }

  public Stage stage() {
    return stage;
  }

  /** Waiting since (first queued), for the tenant's maximum wait. */
  Instant queuedAt() {
    return queuedAt;
  }

  void queued(Instant at) {
    stage = Stage.QUEUED;
    if (queuedAt == null) {
      queuedAt = at;
    }
  }

  /** The agent it rings at or is connected to, or null. */
  public AgentSession agent() {
    return agent;
  }

  MediaSession media() {
    return media;
  }

  void offered(AgentSession to, MediaSession withMedia, ScheduledFuture<?> timer) {
    stage = Stage.RINGING;
    agent = to;
    media = withMedia;
    ringTimer = timer;
  }

  /** The offer is over (rang out, declined, caller gone): the call keeps no agent or media. */
  void offerWithdrawn() {
    cancelRingTimer();
    if (media != null) {
      media.close();
    }
    agent = null;
    media = null;
  }

  void connected(Instant at) {
    cancelRingTimer();
    stage = Stage.CONNECTED;
    connectedAt = at;
  }

  Instant connectedAt() {
    return connectedAt;
  }

  void ended() {
    cancelRingTimer();
    if (media != null) {
      media.close();
    }
    stage = Stage.ENDED;
  }

  boolean declinedBy(AgentSession session) {
    return declinedBy.contains(session.token());
  }

  void declined(AgentSession session) {
    declinedBy.add(session.token());
  }

  private void cancelRingTimer() {
    if (ringTimer != null) {
      ringTimer.cancel(false);
      ringTimer = null;
    }
  }
}
