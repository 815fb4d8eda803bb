package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.ccphone.support.Api;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.RtpPeer;
import org.ccphone.support.RunCommand;
import org.ccphone.support.Sipp;
import org.ccphone.tls.TlsIdentity;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a newcomer runs it: {@code scripts/run} starts Kurento Media Server
 * and the product with its demo tenant; an agent's browser logs in and goes READY, a call placed at
 * the demo with SIPp reaches it and is answered with audio both ways (not 503); the start prints the
 * HTTPS address for agents on other machines with the fingerprint of the certificate it made; a Ctrl-C
 * (SIGTERM) stops the server and KMS. The build and the prerequisites are the test run's own
 * ({@code CALLCENTER_NO_BUILD}); KMS is the one {@code scripts/install-kurento} found or built.
 */
class QuickStartIT {
  private static final int HTTP_PORT = 18099;
  private static final int HTTPS_PORT = HTTP_PORT + 363; // as scripts/run places it
  private static final int SIP_PORT = 15069;
  private static final int KMS_PORT = HTTP_PORT + 808; // as scripts/run places it
  private static final double CALLER_HZ = 1000;

  @Test
  void theRunCommandStartsKurentoAndTheDemoAndACallReachesAReadyAgent() throws Exception {
    Path work = CustomerDatabases.build().resolve("it-quickstart").toAbsolutePath();
    H2Server.deleteQuietly(work);
    Files.createDirectories(work);
    RunCommand script = RunCommand.start(work, Map.of("PORT", String.valueOf(HTTP_PORT),
        "CALLCENTER_JAVA_OPTS", "-Xmx512m -Dcallcenter.sip.port=" + SIP_PORT,
        "CALLCENTER_LOOPBACK_ONLY", "1")); // media on loopback: the test sends nothing to the machine's other addresses
    try (BrowserPhones phones = BrowserPhones.start()) {
      String started = script.awaitStarted(Duration.ofSeconds(180));
      assertTrue(started.contains(" ready in ") && started.contains("Started in"), "the server started: " + started);
      assertTrue(started.contains("Kurento Media Server on ws://127.0.0.1:" + KMS_PORT + "/kurento"), "KMS beside it: " + started);
      // A fresh data folder: a certificate made for this machine, its address and fingerprint printed for agents elsewhere.
      Path tls = work.resolve("data/tls");
      String fingerprint = TlsIdentity.load(tls.resolve("server.p12"), Files.readString(tls.resolve("password")).strip().toCharArray(),
          Optional.of("server")).fingerprint();
      assertTrue(started.contains("On this machine:     http://localhost:" + HTTP_PORT + "/"), started);
      assertTrue(started.matches("(?s).*From other machines: https://\\S+:" + HTTPS_PORT + "/  \\(certificate SHA-256 fingerprint "
          + fingerprint + "\\).*"), "the HTTPS address and the certificate's fingerprint: " + started);
      Api api = new Api("http://127.0.0.1:" + HTTP_PORT);
      String media = Eventually.await(Duration.ofSeconds(30),
          () -> api.get("/api/apps/demo/health", null).json().getJsonObject("media").getString("status"), "UP"::equals, "");
      assertEquals("UP", media, "the demo tenant's health sees the media server");

      Page agent = phones.agentPhone("ws://127.0.0.1:" + HTTP_PORT + "/ws/phone", api.token("demo", "agent1", "agent1"), true);
      try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
        Sipp ivr = Sipp.start("call-with-media.xml", SIP_PORT, 15549, Map.of("dnis", "8005551100", "ani", "5558049",
            "skills", "sales", "callcenter", "sip:overflow@127.0.0.1:5070", "url", "", "session", "-",
            "rtp_port", String.valueOf(caller.port()), "record", "N", "callid", "quick-start-1"), "-d", "6000");
        double heard = BrowserPhones.hearing(agent, CALLER_HZ, Duration.ofSeconds(20));
        assertTrue(Math.abs(heard - CALLER_HZ) < 30, "the READY agent answered and hears the caller: " + heard + " Hz; "
            + BrowserPhones.story(agent));
        double spoken = Eventually.await(Duration.ofSeconds(10), () -> caller.dominantHz(25), hz -> hz > 330 && hz < 470, 0.0);
        assertTrue(spoken > 330 && spoken < 470, "the caller hears the agent's microphone: " + spoken + " Hz");
        assertTrue(ivr.succeeded(60), "answered (not 503) and ended with the caller's BYE: " + ivr.report());
      } finally {
        agent.context().close();
      }
    } finally {
      boolean stopped = script.stop(90); // SIGTERM, as Ctrl-C: the server drains, then KMS stops
      assertTrue(stopped, "scripts/run stopped on SIGTERM: " + script.log());
    }
    assertFalse(listening(HTTP_PORT), "the server is gone");
    assertFalse(Eventually.await(Duration.ofSeconds(10), () -> listening(KMS_PORT), up -> !up), "KMS is gone with it");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
