package org.ccphone.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's name, under which it keeps its rows in the server's database (its sessions'
 * checkpoints, its heartbeat): {@code callcenter.instance}, or by default this host's name and the
 * node's SIP port, so that two nodes never take each other's rows, on one machine or several
 * (docs/deploy.md, "Nodes").
 */
@ApplicationScoped
public class ServerInstance {
  /** The one name every node had before names were per node: its rows are this node's when the name is not set. */
  public static final String LEGACY = "default";

  @Inject
  @ConfigProperty(name = "callcenter.instance")
  Optional<String> configured;

  @Inject
  @ConfigProperty(name = "callcenter.sip.port", defaultValue = "5060")
  int sipPort;

  private String name;

  public synchronized String name() {
    if (name == null) {
      name = name(configured, hostName(), sipPort);
    }
    return name;
  }

  /** Whether the name was given: then rows of the legacy name are another node's, not this one's. */
  public boolean named() {
    return configured.filter(n -> !n.isBlank()).isPresent();
  }

  /** The configured name, else {@code host:sipPort}, the host cut to fit 64 characters (the column's width). */
  static String name(Optional<String> configured, String host, int sipPort) {
    Optional<String> given = configured.map(String::strip).filter(n -> !n.isEmpty());
    if (given.isPresent()) {
      if (given.get().length() > 64) {
        throw new IllegalArgumentException("callcenter.instance is at most 64 characters: " + given.get());
      }
      return given.get();
    }
    String port = ":" + sipPort;
    return (host.length() + port.length() > 64 ? host.substring(0, 64 - port.length()) : host) + port;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost"; // a host that cannot name itself: the SIP port still tells its nodes apart
    }
  }
}
