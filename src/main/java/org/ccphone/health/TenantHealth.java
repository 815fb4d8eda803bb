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
import org.ccphone.call.sip.ScreenPops;
import org.ccphone.figures.DailyFigures;
import org.ccphone.media.MediaPlane;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantRegistry;
import org.ccphone.tenant.outbox.OutboxStore;

/** A tenant's health: its configuration problems and the events waiting in the outbox for it. */
@ApplicationScoped
public class TenantHealth {
  /** The one problem an anonymous caller is told of. */
  public static final String UNDISCLOSED =
      "this call center has problems; its supervisors and the server's log have them";

  @Inject TenantRegistry tenants;
  @Inject OutboxStore outbox;
  @Inject Instance<MediaPlane> mediaPlanes;
  @Inject RecordingFailures recordingFailures;
  @Inject ScreenPops screenPops;
  @Inject DailyFigures figures;

  /** What the tenant's supervisors and the server's operator see: every problem as found. */
  public Optional<JsonObject> of(String appId) {
    return tenants.find(appId).map(t -> json(t, pending().get(appId), setAside().getOrDefault(appId, 0L), media(),
        recordingFailures.of(appId), screenPops.of(appId), figures.refused(appId)));
  }

  /**
   * What anyone may see: the states and counts, no problem's text. A problem can carry a database
   * driver's message (host names, users, a statement), which is for the tenant's own people.
   */
  public Optional<JsonObject> anonymous(String appId) {
    return of(appId).map(TenantHealth::withoutDetail);
  }

  static JsonObject withoutDetail(JsonObject detailed) {
    JsonObjectBuilder json = JSON.createObjectBuilder(detailed);
    if (!detailed.getJsonArray("problems").isEmpty()) {
      json.add("problems", JSON.createArrayBuilder().add(UNDISCLOSED));
    }
    JsonObjectBuilder media = JSON.createObjectBuilder(detailed.getJsonObject("media"));
    media.remove("problem");
    media.remove("lastRecordingFailure");
    JsonObjectBuilder pops = JSON.createObjectBuilder(detailed.getJsonObject("screenPop"));
    pops.remove("lastRefused");
    JsonObjectBuilder daily = JSON.createObjectBuilder(detailed.getJsonObject("figures"));
    daily.remove("lastSetAside");
    return json.add("media", media).add("screenPop", pops).add("figures", daily).build();
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
      RecordingFailures.Failures recordings, ScreenPops.Refused pops, Optional<DailyFigures.Refused> figures) {
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
    JsonObjectBuilder screenPop = JSON.createObjectBuilder().add("refused", pops == null ? 0 : pops.count());
    if (pops != null) {
      screenPop.add("lastRefused", pops.lastReason() + " (" + pops.lastAt() + ")");
    }
    JsonObjectBuilder daily = JSON.createObjectBuilder().add("setAside", figures.map(DailyFigures.Refused::keys).orElse(0));
    figures.ifPresent(f -> daily.add("lastSetAside", f.reason()));
    return json.add("outbox", outbox).add("media", media).add("screenPop", screenPop).add("figures", daily).build();
  }
}
