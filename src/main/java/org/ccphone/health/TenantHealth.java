package org.ccphone.health;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ccphone.call.end.RecordingFailures;
import org.ccphone.media.MediaPlane;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantRegistry;
import org.ccphone.tenant.outbox.OutboxStore;

/** A tenant's health: its configuration problems and the events waiting in the outbox for it. */
@ApplicationScoped
public class TenantHealth {
  @Inject TenantRegistry tenants;
  @Inject OutboxStore outbox;
  @Inject Instance<MediaPlane> mediaPlanes;
  @Inject RecordingFailures recordingFailures;

  public Optional<JsonObject> of(String appId) {
    return tenants.find(appId).map(t -> json(t, pending().get(appId), setAside().getOrDefault(appId, 0L), media(),
        recordingFailures.of(appId)));
  }

  /**
   * Why calls cannot reach agents now (no media plane, or its media server unreachable), or empty.
   * Agents still log in and calls that overflow still overflow meanwhile; calls offered get 503.
   */
  public Optional<String> media() {
    if (!mediaPlanes.isResolvable()) {
      return Optional.of("no media plane is configured");
    }
    return mediaPlanes.get().unavailable();
  }

  /** Per appId: rows the customer's database kept rejecting, set aside until a supervisor replays them. */
  public Map<String, Long> setAside() {
    Map<String, Long> byApp = new HashMap<>();
    for (Object[] row : outbox.setAsideCounts()) {
      byApp.put((String) row[0], ((Number) row[1]).longValue());
    }
    return byApp;
  }

  public Map<String, Object[]> pending() {
    Map<String, Object[]> byApp = new HashMap<>();
    for (Object[] row : outbox.pending()) {
      byApp.put((String) row[0], row);
    }
    return byApp;
  }

  static JsonObject json(Tenant tenant, Object[] pending, long setAside, Optional<String> mediaProblem,
      RecordingFailures.Failures recordings) {
    JsonObjectBuilder json = JSON.createObjectBuilder()
        .add("appId", tenant.appId())
        .add("status", tenant.usable() ? "UP" : "DOWN")
        .add("problems", JSON.createArrayBuilder(tenant.problems()));
    long waiting = pending == null ? 0 : ((Number) pending[1]).longValue();
    JsonObjectBuilder outbox = JSON.createObjectBuilder().add("pending", waiting).add("setAside", setAside);
    if (waiting > 0) {
      outbox.add("oldest", ((LocalDateTime) pending[2]).toInstant(ZoneOffset.UTC).toString());
    }
    JsonObjectBuilder media = JSON.createObjectBuilder().add("status", mediaProblem.isEmpty() ? "UP" : "DOWN");
    mediaProblem.ifPresent(problem -> media.add("problem", problem));
    media.add("recordingFailures", recordings == null ? 0 : recordings.count());
    if (recordings != null) {
      media.add("lastRecordingFailure", recordings.lastReason() + " (" + recordings.lastAt() + ")");
    }
    return json.add("outbox", outbox).add("media", media).build();
  }
}
