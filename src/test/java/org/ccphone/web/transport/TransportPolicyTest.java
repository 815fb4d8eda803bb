package org.ccphone.web.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportPolicyTest {
  private static final Arrival REMOTE_HTTP = new Arrival("http", "10.20.0.2");
  private final TransportPolicy policy = new TransportPolicy(8443, Optional.empty());

  @Test
  void loopbackIsServedOverPlainHttpForTheDemo() {
    for (String local : new String[] {"127.0.0.1", "::1"}) {
      assertEquals(new TransportPolicy.Serve(Optional.empty()),
          policy.decide(new Arrival("http", local), "/api/apps/demo/sessions", null, "localhost:8080", "127.0.0.1"));
    }
  }

  @Test
  void aConnectionFromThisMachineToOneOfItsOwnAddressesIsServedItNeverCrossedANetwork() {
    assertEquals(new TransportPolicy.Serve(Optional.empty()),
        policy.decide(new Arrival("http", "10.20.0.1"), "/ArquillianServletRunnerEE9", null, "10.20.0.1:8080", "10.20.0.1"));
    assertInstanceOf(TransportPolicy.Refuse.class,
        policy.decide(new Arrival("http", "10.20.0.7"), "/api/apps/demo/sessions", null, "10.20.0.1:8080", "10.20.0.1"));
  }

  @Test
  void aPageOverPlainHttpFromAnotherMachineGoesToTheSameAddressOverHttps() {
    assertEquals(new TransportPolicy.Redirect("https://10.20.0.1:8443/phone/demo?x=1"),
        policy.decide(REMOTE_HTTP, "/phone/demo", "x=1", "10.20.0.1:8080", "10.20.0.1"));
    assertEquals(new TransportPolicy.Redirect("https://cc.example.com:8443/"),
        policy.decide(REMOTE_HTTP, "/", null, "cc.example.com:8080", "10.20.0.1"));
    assertEquals(new TransportPolicy.Redirect("https://[fd00::1]:8443/supervisor/demo"),
        policy.decide(REMOTE_HTTP, "/supervisor/demo", "", "[fd00::1]:8080", "fd00::1"));
    assertEquals(new TransportPolicy.Redirect("https://cc.example.com/phone/demo"),
        new TransportPolicy(443, Optional.empty()).decide(REMOTE_HTTP, "/phone/demo", null, "cc.example.com", "10.20.0.1"));
  }

  @Test
  void aMalformedHostHeaderIsNotEchoedTheRequestsOwnAddressIsUsed() {
    assertEquals(new TransportPolicy.Redirect("https://10.20.0.1:8443/phone/demo"),
        policy.decide(REMOTE_HTTP, "/phone/demo", null, "evil.example/x?@", "10.20.0.1"));
    assertEquals(new TransportPolicy.Redirect("https://[fd00::1]:8443/phone/demo"),
        policy.decide(REMOTE_HTTP, "/phone/demo", null, null, "fd00::1"));
  }

  @Test
  void aConfiguredNameIsWhereRedirectsGo() {
    TransportPolicy named = new TransportPolicy(8443, Optional.of("cc.example.com"));
    assertEquals(new TransportPolicy.Redirect("https://cc.example.com:8443/phone/demo"),
        named.decide(REMOTE_HTTP, "/phone/demo", null, "10.20.0.1:8080", "10.20.0.1"));
  }

  @Test
  void theApiAndThePhoneSocketOverPlainHttpFromAnotherMachineAreRefused() {
    for (String path : new String[] {"/api/apps/demo/sessions", "/api", "/ws/phone"}) {
      assertInstanceOf(TransportPolicy.Refuse.class, policy.decide(REMOTE_HTTP, path, null, "10.20.0.1:8080", "10.20.0.1"), path);
    }
  }

  @Test
  void httpsIsServedWithHstsOnlyForADnsName() {
    Arrival secure = new Arrival("https", "10.20.0.2");
    assertEquals(new TransportPolicy.Serve(Optional.of(TransportPolicy.HSTS)),
        new TransportPolicy(8443, Optional.of("cc.example.com")).decide(secure, "/phone/demo", null, "cc.example.com", "10.20.0.1"));
    for (String notADnsName : new String[] {"localhost", "10.20.0.1", "fd00::1", "agents.localhost"}) {
      assertEquals(new TransportPolicy.Serve(Optional.empty()),
          new TransportPolicy(8443, Optional.of(notADnsName)).decide(secure, "/phone/demo", null, null, "10.20.0.1"), notADnsName);
    }
    assertEquals(new TransportPolicy.Serve(Optional.empty()), policy.decide(secure, "/api/apps/demo/sessions", null, null, "10.20.0.1"));
  }

  @Test
  void aPublicNameThatIsNoHostNameIsRefusedAtStart() {
    assertThrows(IllegalArgumentException.class, () -> new TransportPolicy(8443, Optional.of("https://cc.example.com")));
  }
}
