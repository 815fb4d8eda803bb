package org.ccphone.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworksTest {
  @Test
  void addressesMatchByPrefixBitsAndNamesNeverMatch() {
    Networks lan = Networks.parse("192.168.8.0/22, fd00::/8", "x");
    assertTrue(lan.contains("192.168.11.200"));
    assertFalse(lan.contains("192.168.12.1"));
    assertTrue(lan.contains("fd12::1"));
    assertTrue(lan.contains("[fd12::1]"), "an IPv6 address as a URL writes it");
    assertFalse(lan.contains("printer.local"), "a name is never looked up");
    assertFalse(lan.contains(null));
    assertTrue(Networks.parse("", "x").isEmpty());
  }

  @Test
  void loopbackIsRecognisedInEveryForm() {
    assertTrue(Networks.isLoopback("127.0.0.1"));
    assertTrue(Networks.isLoopback("127.8.9.10"));
    assertTrue(Networks.isLoopback("::1"));
    assertTrue(Networks.isLoopback("0:0:0:0:0:0:0:1"));
    assertTrue(Networks.isLoopback("::ffff:127.0.0.1"));
    assertFalse(Networks.isLoopback("10.0.0.1"));
    assertFalse(Networks.isLoopback("localhost"), "a name, not an address");
  }

  @Test
  void aWrongEntryIsNamedWithItsSetting() {
    var e = assertThrows(IllegalArgumentException.class, () -> Networks.parse("10.0.0.0/8,intranet", "some.setting"));
    assertTrue(e.getMessage().contains("intranet") && e.getMessage().contains("some.setting"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Networks.parse("10.0.0.0/33", "x"));
    assertThrows(IllegalArgumentException.class, () -> Networks.parse("10.0.0.0/x", "x"));
  }
}
