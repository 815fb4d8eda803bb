package org.ccphone.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ccphone.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {
  private static final char[] PASSWORD = TestCertificates.PASSWORD.toCharArray();
  @TempDir static Path dir;
  private static TestCertificates ca;
  private static Path named;

  @BeforeAll
  static void authority() throws Exception {
    ca = new TestCertificates(dir);
    named = ca.server("named", "dns:cc.example.com", "dns:*.agents.example.com", "ip:10.20.0.1");
  }

  @Test
  void theKeyEntryIsFoundByItselfAndItsNamesReadAsBrowsersReadThem() throws Exception {
    TlsIdentity identity = TlsIdentity.load(named, PASSWORD, Optional.empty());
    assertEquals("server", identity.alias(), "the only private key, though the keystore also holds the authority");
    assertEquals(List.of("cc.example.com", "*.agents.example.com", "10.20.0.1"), identity.names());
    assertTrue(identity.isFor("cc.example.com"));
    assertTrue(identity.isFor("CC.Example.com"));
    assertTrue(identity.isFor("desk7.agents.example.com"));
    assertFalse(identity.isFor("a.b.agents.example.com"), "a wildcard is one label");
    assertFalse(identity.isFor("agents.example.com"));
    assertTrue(identity.isFor("10.20.0.1"));
    assertFalse(identity.isFor("10.20.0.2"));
    assertEquals(List.of(), identity.problems(Instant.now(), List.of("cc.example.com", "10.20.0.1")));
    assertEquals(Optional.of("cc.example.com"), identity.agentsHost());
    assertEquals(Optional.of("10.20.0.7"), TlsIdentity.load(ca.server("by-address", "dns:localhost", "ip:127.0.0.1", "ip:10.20.0.7"),
        PASSWORD, Optional.empty()).agentsHost(), "the address agents reach, not loopback");
  }

  @Test
  void theFingerprintIsTheCertificatesSha256AsBrowsersShowIt() throws Exception {
    TlsIdentity identity = TlsIdentity.load(named, PASSWORD, Optional.of("server"));
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.certificate().getEncoded());
    assertEquals(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), identity.fingerprint());
    assertTrue(identity.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), identity.fingerprint());
  }

  @Test
  void anExpiredCertificateOrOneForAnotherNameIsSaidPlainly() throws Exception {
    TlsIdentity expired = TlsIdentity.load(ca.server("expired", "-3d", 1, "dns:cc.example.com"), PASSWORD, Optional.empty());
    List<String> problems = expired.problems(Instant.now(), List.of("10.20.0.9"));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("expired on"), problems.get(0));
    assertTrue(problems.get(1).contains("not for 10.20.0.9"), problems.get(1));
    TlsIdentity soon = TlsIdentity.load(named, PASSWORD, Optional.empty());
    assertTrue(soon.expiresWithin(Instant.now(), Duration.ofDays(30)));
    assertFalse(soon.expiresWithin(Instant.now(), Duration.ofHours(1)));
  }

  @Test
  void aMissingFileAWrongPasswordOrAnUnknownAliasAreRefusedWithTheirReason() {
    var missing = assertThrows(TlsIdentityException.class,
        () -> TlsIdentity.load(dir.resolve("nowhere.p12"), PASSWORD, Optional.empty()));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    var wrong = assertThrows(TlsIdentityException.class, () -> TlsIdentity.load(named, "wrong".toCharArray(), Optional.empty()));
    assertTrue(wrong.getMessage().contains("cannot be read as PKCS#12"), wrong.getMessage());
    var alias = assertThrows(TlsIdentityException.class, () -> TlsIdentity.load(named, PASSWORD, Optional.of("ca")));
    assertTrue(alias.getMessage().contains("no private key named ca"), alias.getMessage());
  }
}
