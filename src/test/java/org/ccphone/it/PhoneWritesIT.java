package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccphone.support.PhoneClient;
import org.ccphone.support.Sipp;
import org.junit.jupiter.api.Test;

/**
 * Phones never block each other: two supervisor phones stop reading while an agent's state changes
 * 20,000 times, and an offer to another agent still arrives at once. The server writes to each phone
 * asynchronously, closes the ones that stall, and writes an agent's call frames ahead of
 * supervisors' traffic.
 */
class PhoneWritesIT extends ArquillianIT {
  private static final Pattern SENT_AT = Pattern.compile("-{20,} (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6})\\s*\\n\\S+ message sent");

  private String http() {
    return "http://127.0.0.1:" + base.getPort() + base.getPath().replaceFirst("/$", "");
  }

  @Test
  void supervisorsThatStopReadingDelayNoOffer() throws Exception {
    String supervisor = api().token("demo", "super1", "super1");
    try (PhoneClient stalled1 = PhoneClient.hello(http(), supervisor);
        PhoneClient stalled2 = PhoneClient.hello(http(), supervisor);
        PhoneClient agent1 = PhoneClient.hello(http(), api().token("demo", "agent1", "agent1"));
        PhoneClient agent2 = PhoneClient.hello(http(), api().token("demo", "agent2", "agent2"))) {
      agent1.send("{\"type\":\"ready\"}");
      agent1.await(f -> "state".equals(f.getString("type")) && "READY".equals(f.getString("state")), "READY");
      // A first call warms the path up (a fresh server compiles and loads as it goes); it is not measured.
      placeCallFor(agent1, 15600);
      JsonObject first = agent1.await("offer");
      firstCall = first.getString("call");
      agent1.send(PhoneClient.answerTo(first));
      assertTrue(ivr.succeeded(30), ivr.report());
      agent1.await(f -> "state".equals(f.getString("type")) && "READY".equals(f.getString("state")), "READY again");

      stalled1.stopReading();
      stalled2.stopReading();
      for (int i = 0; i < 20_000; i++) {
        agent2.send(i % 2 == 0 ? "{\"type\":\"ready\"}" : "{\"type\":\"busy\"}");
        if (i == 10_000) {
          placeCallFor(agent1, 15601);
        }
      }
      JsonObject offer = agent1.await(f -> "offer".equals(f.getString("type")) && !f.getString("call").equals(firstCall),
          "the second offer");
      long delay = agent1.lastArrival("offer") - inviteSentAt();
      System.out.println("INVITE -> offer at the agent while 2 supervisor phones stalled: " + delay + " ms");
      // Behind the stalled phones the offer would wait for their write timeout (5 s). How fast it is
      // otherwise is the benchmarks' to measure: on these shared 2 cores it took 26 to 160 ms.
      assertTrue(delay < 1000, "the offer took " + delay + " ms");
      agent1.send(PhoneClient.answerTo(offer));
      assertTrue(ivr.succeeded(30), ivr.report());
      agent2.send("{\"type\":\"away\",\"reason\":\"Break\"}");
      // Its AWAY comes after the 20,000 changes it asked for, each applied and sent to it in order.
      agent2.await(f -> "state".equals(f.getString("type")) && "AWAY".equals(f.getString("state")),
          "the busy agent's phone still works", java.time.Duration.ofSeconds(60));
    }
  }

  private Sipp ivr;

  private String firstCall = "";

  private void placeCallFor(PhoneClient agent, int port) throws Exception {
    Map<String, String> keys = new HashMap<>(Map.of("dnis", "8005551100", "ani", "5558001", "skills", "sales",
        "callcenter", "", "url", "", "session", "-"));
    ivr = Sipp.start("call-answered.xml", 15060, port, keys, "-d", "100");
  }

  /** When SIPp sent the INVITE, from its message trace (the same clock as this test's). */
  private long inviteSentAt() throws Exception {
    Matcher sent = SENT_AT.matcher(ivr.messages());
    if (!sent.find()) {
      throw new AssertionError("SIPp sent no INVITE: " + ivr.report());
    }
    LocalDateTime at = LocalDateTime.parse(sent.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
    return at.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
  }
}
