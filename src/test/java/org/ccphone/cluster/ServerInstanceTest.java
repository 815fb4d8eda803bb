package org.ccphone.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A node's name: its host and SIP port unless one is given. */
class ServerInstanceTest {
  @Test
  void twoNodesOfOneHostAreNamedApartByTheirSipPorts() {
    assertEquals("cc01.acme.local:5060", ServerInstance.name(Optional.empty(), "cc01.acme.local", 5060));
    assertEquals("cc01.acme.local:5062", ServerInstance.name(Optional.empty(), "cc01.acme.local", 5062));
    assertEquals("cc01.acme.local:5060", ServerInstance.name(Optional.of("  "), "cc01.acme.local", 5060), "blank: not given");
  }

  @Test
  void aGivenNameIsKeptAndALongHostIsCutToTheColumn() {
    assertEquals("node-a", ServerInstance.name(Optional.of(" node-a "), "cc01", 5060));
    String host = "h".repeat(80);
    String name = ServerInstance.name(Optional.empty(), host, 15060);
    assertEquals(64, name.length());
    assertEquals(":15060", name.substring(58), "the port is kept whole");
    assertThrows(IllegalArgumentException.class, () -> ServerInstance.name(Optional.of("n".repeat(65)), "cc01", 5060));
  }
}
