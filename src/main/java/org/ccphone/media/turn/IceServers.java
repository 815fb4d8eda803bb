package org.ccphone.media.turn;

import static org.ccphone.Jsons.JSON;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ICE servers a phone's peer connection uses, given with each media offer: the TURN relay's
 * URIs ({@code callcenter.media.turn.uris}) with fresh credentials for that phone, valid
 * {@code callcenter.media.turn.credentialSeconds}. None when no relay is configured. A phone that
 * reconnects gets a new offer, so new credentials, whatever became of the old ones.
 */
@ApplicationScoped
public class IceServers {
  @Inject
  @ConfigProperty(name = "callcenter.media.turn.uris")
  Optional<String> uris;

  @Inject
  @ConfigProperty(name = "callcenter.media.turn.secret")
  Optional<String> secret;

  @Inject
  @ConfigProperty(name = "callcenter.media.turn.credentialSeconds")
  long credentialSeconds;

  private List<String> relay = List.of();

  @PostConstruct
  void configure() {
    relay = uris.map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList())
        .orElse(List.of());
    if (!relay.isEmpty() && secret.filter(s -> !s.isBlank()).isEmpty()) {
      throw new IllegalStateException("callcenter.media.turn.uris is set but callcenter.media.turn.secret is not");
    }
  }

  /** The relay's URIs, or none. */
  public List<String> relay() {
    return relay;
  }

  /** For the phone of {@code who} (tenant and agent, never a token): its relay and credentials, or []. */
  public JsonArray forPhone(String who, Instant now) {
    JsonArrayBuilder servers = JSON.createArrayBuilder();
    if (!relay.isEmpty()) {
      TurnCredentials issued = TurnCredentials.issue(secret.orElseThrow(), who, now.plus(Duration.ofSeconds(credentialSeconds)));
      JsonArrayBuilder urls = JSON.createArrayBuilder();
      relay.forEach(urls::add);
      servers.add(JSON.createObjectBuilder().add("urls", urls).add("username", issued.username())
          .add("credential", issued.credential()));
    }
    return servers.build();
  }
}
