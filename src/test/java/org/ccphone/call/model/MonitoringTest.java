package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ccphone.agent.AgentProfile;
import org.ccphone.agent.AgentSession;
import org.ccphone.call.model.CallLife.Point;
import org.ccphone.media.MonitorLeg;
import org.junit.jupiter.api.Test;

/** Supervisors in a connected call: listen, whisper, barge, leave, and let go when the call moves on. */
class MonitoringTest {
  private final CallLife life = CallLife.at(Point.CONNECTED_ACKED);
  private final Call call = life.call;
  private final AgentSession supervisor = supervisor(9001, "s1", "demo");
  private final Page page = new Page();

  private static AgentSession supervisor(int id, String token, String appId) {
    return new AgentSession(token, appId, new AgentProfile(id, "sup" + id, null, "Sam", List.of(), null, AgentProfile.SUPERVISOR),
        CallLife.T0, CallLife.T0.plusSeconds(36_000));
  }

  /** A supervisor's page: what it was refused, for the service's side of a refusal. */
  static final class Page implements SupervisorPage {
    final List<String> frames = new ArrayList<>();

    @Override
    public void send(String frame) {
      frames.add(frame);
    }

    @Override
    public void refused(String code, String message) {
      frames.add(code);
    }
  }

  private static String effects(Decision decision) {
    return CallTransitionsTest.render(decision.effects());
  }

  private static String refusal(Decision decision) {
    return decision.refusal().orElseThrow(() -> new AssertionError("not refused: " + decision)).code();
  }

  /** The supervisor's page joins in {@code mode} and its browser answers: it is in the call. */
  private Monitor joined(Page in, AgentSession who, MonitorMode mode, String expectedOnConnect) {
    Decision start = call.monitoring().start(who, in, mode, life.now());
    assertEquals("OpenMonitor", effects(start));
    Monitor monitor = ((Effect.OpenMonitor) start.effects().get(0)).monitor();
    assertEquals("MonitorOffer", effects(call.monitoring().legOpened(monitor, CallLife.handle(MonitorLeg.class, "monitor"), "offer-s", life.now())));
    assertEquals("ConnectMonitor", effects(call.monitoring().answer(in, "answer-s")));
    assertEquals(expectedOnConnect, effects(call.monitoring().connected(monitor, life.now())));
    return monitor;
  }

  private String agentFrame(Decision decision) {
    Effect.Tell tell = decision.effects().stream().filter(Effect.Tell.class::isInstance).map(Effect.Tell.class::cast)
        .findFirst().orElseThrow();
    assertTrue(tell.agent() == life.agent, "the call's agent is told");
    return Json.createReader(new StringReader(tell.frame())).readObject().getJsonArray("supervisors").toString();
  }

  @Test
  void listeningIsLoggedButNotToldToTheAgentWhisperAndBargeAreAndLeavingEndsIt() {
    Monitor monitor = joined(page, supervisor, MonitorMode.LISTEN, "MonitorLogged(started), ToPage(monitoring)");
    Decision whisper = call.monitoring().mode(page, MonitorMode.WHISPER, life.now());
    assertEquals("Note, HearMonitor, ToPage(monitoring), Tell(supervision)", effects(whisper));
    assertTrue(agentFrame(whisper).contains("\"mode\":\"whisper\"") && agentFrame(whisper).contains("\"name\":\"Sam\""), agentFrame(whisper));
    Decision barge = call.monitoring().mode(page, MonitorMode.BARGE, life.now());
    assertTrue(agentFrame(barge).contains("\"mode\":\"barge\""), agentFrame(barge));
    Decision listen = call.monitoring().mode(page, MonitorMode.LISTEN, life.now());
    assertEquals("[]", agentFrame(listen), "the agent is told nobody coaches it now; a listener is not named");
    assertEquals("ToPage(monitoring)", effects(call.monitoring().mode(page, MonitorMode.LISTEN, life.now())), "the same mode: said again");
    Decision leave = call.monitoring().stop(page, "left", life.now());
    assertEquals("ReleaseMonitor, MonitorLogged(left), ToPage(monitorEnded)", effects(leave));
    assertTrue(!call.monitoring().active());
    assertEquals(Stage.CONNECTED, call.stage, "the call goes on");
    assertEquals(MonitorMode.LISTEN, monitor.mode());
  }

  @Test
  void aHoldATransferOrTheEndLetsEverySupervisorGoWithTheReason() {
    Page second = new Page();
    joined(page, supervisor, MonitorMode.WHISPER, "MonitorLogged(started), ToPage(monitoring), Tell(supervision)");
    joined(second, supervisor(9002, "s2", "demo"), MonitorMode.LISTEN, "MonitorLogged(started), ToPage(monitoring)");
    assertEquals(2, call.monitoring().monitors().size(), "two supervisors in one call");
    call.agentHolds(life.agent, true, life.now());
    call.holdDone(call.segment, true, Holder.AGENT, life.now()); // the media let the supervisors go before the music
    Decision held = call.monitoring().followUp(life.now());
    assertEquals("ReleaseMonitor, MonitorLogged(held), ToPage(monitorEnded), Tell(supervision), ReleaseMonitor, MonitorLogged(held), "
        + "ToPage(monitorEnded)", effects(held));
    assertEquals("not_connected", refusal(call.monitoring().start(supervisor, page, MonitorMode.LISTEN, life.now())), "not while held");

    call.agentHolds(life.agent, false, life.now());
    call.holdDone(call.segment, false, Holder.AGENT, life.now());
    joined(page, supervisor, MonitorMode.LISTEN, "MonitorLogged(started), ToPage(monitoring)");
    call.transfer(life.agent, new TransferTarget.Queue("support"), life.now());
    assertTrue(effects(call.monitoring().followUp(life.now())).contains("MonitorLogged(transferred)"));

    CallLife other = CallLife.at(Point.CONNECTED_ACKED);
    Decision start = other.call.monitoring().start(supervisor, page, MonitorMode.BARGE, other.now());
    Monitor opening = ((Effect.OpenMonitor) start.effects().get(0)).monitor();
    other.call.agentHangsUp(other.agent, other.now());
    assertEquals("ToPage(monitorEnded)", effects(other.call.monitoring().followUp(other.now())),
        "ended before its endpoint was made: nothing to log or release yet");
    assertEquals("ReleaseMonitor", effects(other.call.monitoring().legOpened(opening, CallLife.handle(MonitorLeg.class, "late"), "offer-late", other.now())),
        "the endpoint made after goes at once");
  }

  @Test
  void onlyASupervisorOfTheCallsTenantIsLetInAndOnlyOnceAtATime() {
    assertEquals("forbidden", refusal(call.monitoring().start(life.other, page, MonitorMode.LISTEN, life.now())), "an agent");
    assertEquals("forbidden", refusal(call.monitoring().start(supervisor(9003, "s3", "acme"), page, MonitorMode.LISTEN, life.now())),
        "another tenant's supervisor");
    assertTrue(!call.monitoring().active(), "nothing joined");
    joined(page, supervisor, MonitorMode.LISTEN, "MonitorLogged(started), ToPage(monitoring)");
    assertEquals("already_monitoring", refusal(call.monitoring().start(supervisor, page, MonitorMode.BARGE, life.now())));
    for (int i = 2; i <= Monitoring.MOST; i++) {
      call.monitoring().start(supervisor(9100 + i, "x" + i, "demo"), new Page(), MonitorMode.LISTEN, life.now());
    }
    assertEquals("too_many_supervisors", refusal(call.monitoring().start(supervisor(9200, "y", "demo"), new Page(), MonitorMode.LISTEN,
        life.now())));
    assertEquals("not_monitoring", refusal(call.monitoring().mode(new Page(), MonitorMode.BARGE, life.now())));
    assertEquals("no_such_offer", refusal(call.monitoring().answer(page, "again")));
  }

  @Test
  void aMediaFailureLetsTheSupervisorGoAndTheCallGoesOn() {
    Monitor monitor = joined(page, supervisor, MonitorMode.BARGE, "MonitorLogged(started), ToPage(monitoring), Tell(supervision)");
    Decision failed = call.monitoring().mediaFailed(monitor, "KMS said no", Instant.now());
    assertEquals("ReleaseMonitor, MonitorLogged(media_failed), ToPage(monitorEnded), Tell(supervision)", effects(failed));
    assertEquals(Stage.CONNECTED, call.stage);
  }
}
