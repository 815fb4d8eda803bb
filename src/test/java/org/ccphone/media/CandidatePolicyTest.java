package org.ccphone.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CandidatePolicyTest {
  private static IceCandidate at(String address) {
    return new IceCandidate("candidate:1 1 UDP 2015364095 " + address + " 42903 typ host", "0", 0);
  }

  @Test
  void loopbackOnlyLetsLoopbackCandidatesThroughAndNothingElse() {
    CandidatePolicy loopback = CandidatePolicy.of("127.0.0.0/8, ::1/128");
    assertTrue(loopback.allows(at("127.0.0.1")));
    assertTrue(loopback.allows(at("::1")));
    assertFalse(loopback.allows(at("10.1.2.3")), "the host's other addresses stay out");
    assertFalse(loopback.allows(at("fe80::1")));
    assertFalse(loopback.allows(at("6b3c2d1e-0000-4e1f-9a1b-2c3d4e5f6a7b.local")), "an mDNS name cannot be checked");
    assertFalse(loopback.allows(new IceCandidate("not a candidate", null, 0)));
    assertFalse(loopback.allows(null));
  }

  @Test
  void aNetworkMatchesByItsPrefixBits() {
    CandidatePolicy lan = CandidatePolicy.of("192.168.8.0/22");
    assertTrue(lan.allows(at("192.168.11.200")));
    assertFalse(lan.allows(at("192.168.12.1")));
    assertTrue(CandidatePolicy.of("10.0.0.5").allows(at("10.0.0.5")), "a bare address is a /32");
    assertFalse(CandidatePolicy.of("10.0.0.5").allows(at("10.0.0.6")));
  }

  @Test
  void noPolicyAllowsEverything() {
    assertTrue(CandidatePolicy.of("").allows(at("203.0.113.9")));
    assertTrue(CandidatePolicy.all().allows(at("x.local")));
  }

  @Test
  void aWrongEntryIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> CandidatePolicy.of("127.0.0.0/8,intranet"));
    assertTrue(e.getMessage().contains("intranet"));
    assertThrows(IllegalArgumentException.class, () -> CandidatePolicy.of("10.0.0.0/33"));
  }
}
