package org.ccphone.health;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ccphone.media.turn.IceServers;
import org.ccphone.media.turn.TurnProbe;
import org.ccphone.tls.TlsIdentity;
import org.ccphone.tls.TlsIdentityException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a supervisor sees of the server's reach beyond this machine, in the detailed health: the
 * HTTPS certificate (names, expiry, fingerprint), the media addresses announced to callers and
 * phones, and whether the TURN relay answers. Not in the anonymous answer: it maps the network.
 */
@ApplicationScoped
public class NetworkHealth {
  private static final Duration TURN_WAIT = Duration.ofMillis(1000);
  /** A relay's answer is kept this long, so that supervisors' pages asking often do not probe it every time. */
  private static final Duration TURN_KEPT = Duration.ofSeconds(10);

  @Inject IceServers iceServers;

  @Inject
  @ConfigProperty(name = "callcenter.https.port")
  int httpsPort;

  @Inject
  @ConfigProperty(name = "callcenter.https.publicName")
  Optional<String> publicName;

  @Inject
  @ConfigProperty(name = "callcenter.media.rtpAddress")
  Optional<String> rtpAddress;

  @Inject
  @ConfigProperty(name = "callcenter.media.candidateAddresses")
  Optional<String> candidateAddresses;

  @Inject
  @ConfigProperty(name = "callcenter.media.phoneCandidateAddresses")
  Optional<String> phoneCandidateAddresses;

  private record TurnAnswer(Optional<String> problem, Instant at) {}

  private volatile TurnAnswer lastTurn;

  public JsonObject json() {
    return JSON.createObjectBuilder().add("https", https()).add("media", media()).add("turn", turn()).build();
  }

  private JsonObjectBuilder https() {
    JsonObjectBuilder https = JSON.createObjectBuilder().add("port", httpsPort);
    publicName.ifPresent(name -> https.add("publicName", name));
    String keystore = System.getProperty("javax.net.ssl.keyStore");
    if (keystore == null) {
      return https.add("certificate", "the server was given no keystore (javax.net.ssl.keyStore)");
    }
    try {
      TlsIdentity identity = TlsIdentity.load(Path.of(keystore),
          System.getProperty("javax.net.ssl.keyStorePassword", "").toCharArray(),
          Optional.ofNullable(System.getProperty("callcenter.https.alias")));
      JsonArrayBuilder names = JSON.createArrayBuilder();
      identity.names().forEach(names::add);
      JsonArrayBuilder problems = JSON.createArrayBuilder();
      identity.problems(Instant.now(), publicName.map(List::of).orElse(List.of())).forEach(problems::add);
      return https.add("certificate", JSON.createObjectBuilder().add("names", names)
          .add("notAfter", identity.notAfter().toString()).add("fingerprint", identity.fingerprint()).add("problems", problems));
    } catch (TlsIdentityException e) {
      return https.add("certificate", e.getMessage());
    }
  }

  private JsonObjectBuilder media() {
    return JSON.createObjectBuilder()
        .add("rtpAddress", rtpAddress.orElse("the media server's first address"))
        .add("candidateAddresses", candidateAddresses.filter(s -> !s.isBlank()).orElse("all"))
        .add("phoneCandidateAddresses", phoneCandidateAddresses.filter(s -> !s.isBlank()).orElse("all"));
  }

  private JsonObjectBuilder turn() {
    List<String> relay = iceServers.relay();
    JsonObjectBuilder turn = JSON.createObjectBuilder();
    if (relay.isEmpty()) {
      return turn.add("status", "NONE");
    }
    JsonArrayBuilder uris = JSON.createArrayBuilder();
    relay.forEach(uris::add);
    turn.add("uris", uris);
    TurnAnswer answer = lastTurn;
    if (answer == null || answer.at().plus(TURN_KEPT).isBefore(Instant.now())) {
      answer = lastTurn = new TurnAnswer(TurnProbe.check(TurnProbe.address(relay.get(0)), TURN_WAIT), Instant.now());
    }
    answer.problem().ifPresent(problem -> turn.add("problem", problem));
    return turn.add("status", answer.problem().isEmpty() ? "UP" : "DOWN").add("checkedAt", answer.at().toString());
  }
}
