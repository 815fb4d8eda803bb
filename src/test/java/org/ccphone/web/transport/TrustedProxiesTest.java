package org.ccphone.web.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies proxies = new TrustedProxies("10.0.0.5, 10.0.1.0/24");

  @Test
  void anUntrustedPeersForwardedHeadersAreIgnored() {
    assertEquals(new Arrival("http", "203.0.113.7"),
        proxies.arrival("http", "203.0.113.7", "127.0.0.1", "https"), "a client cannot name itself loopback or claim HTTPS");
    assertEquals(new Arrival("http", "203.0.113.7"), new TrustedProxies("").arrival("http", "203.0.113.7", "127.0.0.1", "https"));
  }

  @Test
  void aTrustedProxyNamesTheClientAndItsScheme() {
    assertEquals(new Arrival("https", "198.51.100.20"), proxies.arrival("http", "10.0.0.5", "198.51.100.20", "https"));
  }

  @Test
  void theClientIsTheRightMostAddressNotAProxyForTheLeftOnesCanBeMadeUp() {
    assertEquals(new Arrival("https", "198.51.100.20"),
        proxies.arrival("http", "10.0.0.5", "127.0.0.1, 198.51.100.20, 10.0.1.9", "https, http"));
  }

  @Test
  void aGarbledChainStopsWhereItCanNoLongerBeRead() {
    assertEquals(new Arrival("http", "10.0.1.9"), proxies.arrival("http", "10.0.0.5", "198.51.100.20, unknown, 10.0.1.9", "gopher"));
    assertEquals(new Arrival("http", "10.0.0.5"), proxies.arrival("http", "10.0.0.5", null, null));
  }
}
