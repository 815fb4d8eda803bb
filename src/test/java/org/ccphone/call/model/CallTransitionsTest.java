package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.ccphone.agent.AgentState;
import org.ccphone.call.model.CallLife.Point;
import org.ccphone.media.OutsideMedia;
import org.ccphone.media.IceCandidate;
import org.junit.jupiter.api.Test;

/**
 * Every event of a call at every point of its life: the effects it decides and where the call is
 * after, or its refusal. The expected table is {@code src/test/resources/call-model/transitions.txt},
 * one line per (event, point), read as the model's specification; a change of behaviour shows as a
 * changed line. {@code -Dcall.model.write=true} writes the table anew from the model (to review).
 */
class CallTransitionsTest {
  private static final Path TABLE = Path.of("src/test/resources/call-model/transitions.txt");

  /** The events, each as the phone, the SIP side, the media or a clock would bring it. */
  static Map<String, BiFunction<CallLife, Call, Decision>> events() {
    Map<String, BiFunction<CallLife, Call, Decision>> e = new LinkedHashMap<>();
    e.put("callStartDone(someone can take it)", (l, c) -> c.callStartDone(c.data(), CallLife.RULES, true, l.now()));
    e.put("callStartDone(nobody can)", (l, c) -> c.callStartDone(c.data(), CallLife.RULES, false, l.now()));
    e.put("offer(no standing leg)", (l, c) -> c.offer(l.other, Optional.empty(), l.now()));
    e.put("offer(standing leg)", (l, c) -> c.offer(l.other, Optional.of(l.standing), l.now()));
    e.put("noMediaPlane", (l, c) -> c.noMediaPlane(l.now()));
    e.put("nobodyCanTake", (l, c) -> c.nobodyCanTake(l.now()));
    e.put("agentLegOpened", (l, c) -> c.agentLegOpened(l.segment, l.leg, "offer-2", l.now()));
    e.put("agentLegFailed", (l, c) -> c.agentLegFailed(l.segment, "down", l.now()));
    e.put("parkedLegRenewed", (l, c) -> c.parkedLegRenewed(l.segment, "offer-2", l.now()));
    e.put("parkedLegFailed", (l, c) -> c.parkedLegFailed(l.segment, "down", l.now()));
    e.put("planeCandidate", (l, c) -> c.planeCandidate(l.segment, new IceCandidate("candidate:1", "0", 0)));
    e.put("declined(its agent)", (l, c) -> c.declined(l.agent, l.now()));
    e.put("declined(another agent)", (l, c) -> c.declined(l.other, l.now()));
    e.put("answer(its agent, sdp)", (l, c) -> c.answer(l.agent, "answer-sdp", l.now()));
    e.put("answer(its agent, no sdp)", (l, c) -> c.answer(l.agent, " ", l.now()));
    e.put("answer(another agent)", (l, c) -> c.answer(l.other, "answer-sdp", l.now()));
    e.put("mediaAttached", (l, c) -> c.mediaAttached(l.segment, l.media, "sip-answer-2", null, l.now()));
    e.put("mediaAttached(session timer)", (l, c) -> c.mediaAttached(l.segment, l.media, "sip-answer-2", new SessionTimer(1800, true), l.now()));
    e.put("mediaFailed", (l, c) -> c.mediaFailed(l.segment, "refused", l.now()));
    e.put("accepted", (l, c) -> c.accepted(l.segment, l.now()));
    e.put("acceptFailed(cancelled)", (l, c) -> c.acceptFailed(l.segment, true, "487", l.now()));
    e.put("acceptFailed(not sent)", (l, c) -> c.acceptFailed(l.segment, false, "500", l.now()));
    e.put("parkedResumed", (l, c) -> c.parkedResumed(l.segment, l.now()));
    e.put("parkedResumeFailed", (l, c) -> c.parkedResumeFailed(l.segment, "refused", l.now()));
    e.put("phoneMoved", (l, c) -> c.phoneMoved(l.now()));
    e.put("agentChanged(phone gone)", (l, c) -> c.agentChanged(l.agent, AgentState.ON_PHONE, false, l.now()));
    e.put("agentChanged(AWAY, phone there)", (l, c) -> c.agentChanged(l.agent, AgentState.AWAY, true, l.now()));
    e.put("loggedOut", (l, c) -> c.loggedOut(l.agent, l.now()));
    e.put("drain", (l, c) -> c.drain(l.now()));
    e.put("recordingStarted", (l, c) -> c.recordingStarted(l.segment, l.now()));
    e.put("recordingFailed", (l, c) -> c.recordingFailed(l.segment, "disk full", l.now()));
    e.put("agentHangsUp(its agent)", (l, c) -> c.agentHangsUp(l.agent, l.now()));
    e.put("agentHangsUp(another agent)", (l, c) -> c.agentHangsUp(l.other, l.now()));
    e.put("agentHolds(on)", (l, c) -> c.agentHolds(l.agent, true, l.now()));
    e.put("agentHolds(off)", (l, c) -> c.agentHolds(l.agent, false, l.now()));
    e.put("holdDone(agent, on)", (l, c) -> c.holdDone(l.segment, true, Holder.AGENT, l.now()));
    e.put("holdFailed(agent, on)", (l, c) -> c.holdFailed(l.segment, true, Holder.AGENT, "refused", l.now()));
    e.put("holdDone(lost phone, off)", (l, c) -> c.holdDone(l.segment, false, Holder.LOST_PHONE, l.now()));
    e.put("holdFailed(lost phone, on)", (l, c) -> c.holdFailed(l.segment, true, Holder.LOST_PHONE, "refused", l.now()));
    e.put("holdFailed(lost phone, off)", (l, c) -> c.holdFailed(l.segment, false, Holder.LOST_PHONE, "refused", l.now()));
    e.put("agentDtmf(12#)", (l, c) -> c.agentDtmf(l.agent, "12#"));
    e.put("agentDtmf(bad)", (l, c) -> c.agentDtmf(l.agent, "x"));
    e.put("pauseRecording", (l, c) -> c.pauseRecording(l.agent, true));
    e.put("recordingPaused", (l, c) -> c.recordingPaused(l.segment, true));
    e.put("quality", (l, c) -> c.quality(l.agent, VoiceQuality.of(20, 3, 0, 4.3, l.now())));
    e.put("browserCandidate", (l, c) -> c.browserCandidate(l.agent, new IceCandidate("candidate:2", "0", 0)));
    e.put("rejoinAsked", (l, c) -> c.rejoinAsked(l.agent, l.now()));
    e.put("rejoined", (l, c) -> c.rejoined(l.segment, l.now()));
    e.put("standingPhoneGone(the call's leg)", (l, c) -> c.standingPhoneGone(l.agent, l.leg));
    e.put("standingPhoneGone(another leg)", (l, c) -> c.standingPhoneGone(l.agent, l.standing));
    e.put("mediaLost", (l, c) -> c.mediaLost(l.media, "restarted", l.now()));
    e.put("hangUpNow", (l, c) -> c.hangUpNow("server_stopping", l.now()));
    e.put("acked", (l, c) -> c.acked(null, l.now()));
    e.put("acked(late answer)", (l, c) -> c.acked("v=0", l.now()));
    e.put("callerAnswerFailed", (l, c) -> c.callerAnswerFailed(l.segment, "refused", l.now()));
    e.put("callerGone(BYE)", (l, c) -> c.callerGone(true, l.now()));
    e.put("callerGone(CANCEL)", (l, c) -> c.callerGone(false, l.now()));
    e.put("dialogTerminated", (l, c) -> c.dialogTerminated(l.now()));
    e.put("ackNotReceived", (l, c) -> c.ackNotReceived(l.now()));
    e.put("refresh(re-INVITE sendonly)", (l, c) -> c.refresh("INVITE", "v=0\r\na=sendonly\r\n", l.now()));
    e.put("refresh(UPDATE)", (l, c) -> c.refresh("UPDATE", null, l.now()));
    e.put("callerInfo(5)", (l, c) -> c.callerInfo('5'));
    e.put("probeAnswered(alive)", (l, c) -> c.probeAnswered(Timer.KEEP_ALIVE, false, "200", l.now()));
    e.put("probeAnswered(gone)", (l, c) -> c.probeAnswered(Timer.KEEP_ALIVE, true, "408", l.now()));
    e.put("byeDue", (l, c) -> c.byeDue(l.now()));
    e.put("dialStartDone(standing leg)", (l, c) -> c.dialStartDone(c.data(), CallLife.RULES, Duration.ofSeconds(30), Optional.of(l.standing), l.now()));
    e.put("dialStartDone(no standing leg)", (l, c) -> c.dialStartDone(c.data(), CallLife.RULES, Duration.ofSeconds(30), Optional.empty(), l.now()));
    e.put("dialMediaReady", (l, c) -> c.dialMediaReady(l.segment, l.media, "our-offer-2", l.now()));
    e.put("dialMediaFailed", (l, c) -> c.dialMediaFailed(l.segment, "down", l.now()));
    e.put("dialProgress(180)", (l, c) -> c.dialProgress(180, null, l.now()));
    e.put("dialProgress(183, sdp)", (l, c) -> c.dialProgress(183, "early-sdp", l.now()));
    e.put("dialAnswered", (l, c) -> c.dialAnswered("callee-sdp", l.now()));
    e.put("dialFailed(486)", (l, c) -> c.dialFailed(486, "Busy Here", l.now()));
    e.put("dialCancelled(its agent)", (l, c) -> c.dialCancelled(l.agent, l.now()));
    e.put("dialCancelled(another agent)", (l, c) -> c.dialCancelled(l.other, l.now()));
    e.put("transfer(queue)", (l, c) -> c.transfer(l.agent, new TransferTarget.Queue("support"), l.now()));
    e.put("transfer(another agent)", (l, c) -> c.transfer(l.agent, new TransferTarget.Agent(l.other), l.now()));
    e.put("transfer(its own agent)", (l, c) -> c.transfer(l.agent, new TransferTarget.Agent(l.agent), l.now()));
    e.put("transfer(number, trunk)", (l, c) -> c.transfer(l.agent, new TransferTarget.Number("3001", null, null, null), l.now()));
    e.put("transfer(number, REFER)", (l, c) -> c.transfer(l.agent, TransferTarget.Number.byRefer("3001", "sip:3001@ivr"), l.now()));
    e.put("transfer(number, bridged)", (l, c) -> c.transfer(l.agent, new TransferTarget.Number("3001", null,
        CallLife.handle(CallerLeg.class, "outside"), Duration.ofSeconds(30)), l.now()));
    e.put("outsideMediaReady", (l, c) -> c.outsideMediaReady(CallLife.handle(OutsideMedia.class, "outside-media"), "outside-offer", l.now()));
    e.put("outsideAnswered", (l, c) -> c.outsideAnswered("outside-sdp", l.now()));
    e.put("outsideFailed(486)", (l, c) -> c.outsideFailed(486, "Busy Here", l.now()));
    e.put("outsideGone", (l, c) -> c.outsideGone(l.now()));
    e.put("referAnswered(202)", (l, c) -> c.referAnswered(l.segment, 202, "Accepted", l.now()));
    e.put("referNotified(200)", (l, c) -> c.referNotified(200, l.now()));
    for (Timer timer : Timer.values()) {
      e.put("timerFired(" + timer + ")", (l, c) -> c.timerFired(timer, l.segment, l.now()));
    }
    return e;
  }

  /** The table as the model decides it today. */
  static List<String> table() {
    List<String> lines = new ArrayList<>();
    events().forEach((name, event) -> {
      for (Point point : Point.values()) {
        CallLife life = CallLife.at(point);
        String outcome;
        try {
          Decision decision = event.apply(life, life.call);
          outcome = decision.refusal().map(r -> "refused " + r.code())
              .orElseGet(() -> render(decision.effects()) + " => " + life.call.stage);
        } catch (RuntimeException | AssertionError e) {
          outcome = "THROWS " + e;
        }
        lines.add(name + " @ " + point + ": " + outcome);
      }
    });
    return lines;
  }

  /** Effects in short: their kind, and what tells them apart (a frame's type, a status, a timer...). */
  static String render(List<Effect> effects) {
    if (effects.isEmpty()) {
      return "-";
    }
    return effects.stream().map(CallTransitionsTest::render).collect(Collectors.joining(", "));
  }

  static String render(Effect effect) {
    String kind = effect.getClass().getSimpleName();
    if (effect instanceof Effect.Tell tell) {
      return kind + "(" + Json.createReader(new StringReader(tell.frame())).readObject().getString("type") + ")";
    } else if (effect instanceof Effect.ToPage page) {
      return kind + "(" + Json.createReader(new StringReader(page.frame())).readObject().getString("type") + ")";
    } else if (effect instanceof Effect.MonitorLogged logged) {
      return kind + "(" + (logged.started() ? "started" : logged.reason()) + ")";
    } else if (effect instanceof Effect.EndUnanswered end) {
      return kind + "(" + end.status() + ")";
    } else if (effect instanceof Effect.Respond r) {
      return kind + "(" + r.status() + ")";
    } else if (effect instanceof Effect.RespondWhenStored r) {
      return kind + "(" + r.status() + ")";
    } else if (effect instanceof Effect.StartTimer t) {
      return kind + "(" + t.timer() + ")";
    } else if (effect instanceof Effect.CancelTimer t) {
      return kind + "(" + t.timer() + ")";
    } else if (effect instanceof Effect.Count c) {
      return kind + "(" + c.figure() + ")";
    } else if (effect instanceof Effect.OfferOver o) {
      return kind + (o.rangOut() ? "(rang out)" : "");
    } else if (effect instanceof Effect.Enqueue q) {
      return kind + (q.atHead() ? "(head)" : "(tail)");
    } else if (effect instanceof Effect.HoldMedia h) {
      return kind + "(" + (h.on() ? "on" : "off") + ", " + h.by() + ")";
    } else if (effect instanceof Effect.PhoneError p) {
      return kind + "(" + p.code() + ")";
    } else if (effect instanceof Effect.Release r) {
      return kind + "(" + r.leg() + ", " + r.media() + ")";
    } else if (effect instanceof Effect.AttachCall a) {
      return kind + (a.browserAnswer() == null ? "(standing)" : "(with answer)");
    } else if (effect instanceof Effect.OfferToPhone o) {
      return kind + (o.sdp() == null ? "(no sdp)" : "(sdp)");
    } else if (effect instanceof Effect.Probe p) {
      return kind + "(" + p.method() + ")";
    } else if (effect instanceof Effect.AnswerRefresh a) {
      return kind + (a.sdp() == null ? "" : "(sdp)");
    } else if (effect instanceof Effect.TalkOver t) {
      return kind + (t.phoneGone() ? "(phone gone)" : "");
    } else if (effect instanceof Effect.PhoneGone g) {
      return kind + "(" + g.state() + ")";
    }
    return kind;
  }

  @Test
  void everyEventAtEveryPointOfACallsLifeDecidesAsTheTableSays() throws IOException {
    List<String> now = table();
    if (Boolean.getBoolean("call.model.write")) {
      Files.write(TABLE, now, StandardCharsets.UTF_8);
    }
    List<String> expected = Files.readAllLines(TABLE, StandardCharsets.UTF_8);
    assertEquals(String.join("\n", expected), String.join("\n", now));
  }

  @Test
  void noEventThrowsAtAnyPoint() {
    List<String> throwing = table().stream().filter(l -> l.contains("THROWS")).toList();
    assertEquals(List.of(), throwing);
  }
}
