package org.ccphone.web.transport;

import org.ccphone.net.Networks;

/**
 * How a request reached the server, as far as it can be believed: the scheme the client used and
 * the client's address (the connection's, or a trusted proxy's word for it).
 */
public record Arrival(String scheme, String client) {
  public boolean secure() {
    return "https".equals(scheme);
  }

  /** From this machine: the demo's http://localhost is served as it is. */
  public boolean local() {
    // the addresses the container reports for loopback, compared before any parsing (every request asks)
    return "127.0.0.1".equals(client) || "0:0:0:0:0:0:0:1".equals(client) || Networks.isLoopback(client);
  }
}
