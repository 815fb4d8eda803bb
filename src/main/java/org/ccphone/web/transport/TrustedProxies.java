package org.ccphone.web.transport;

import java.util.Locale;
import org.ccphone.net.Networks;

/**
 * The proxies ({@code callcenter.http.trustedProxies}, CIDRs; none by default) whose
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed. From anyone else those
 * headers are ignored: a client could name itself loopback or claim HTTPS.
 */
public final class TrustedProxies {
  static final String SETTING = "callcenter.http.trustedProxies";

  private final Networks proxies;

  public TrustedProxies(String cidrs) {
    this.proxies = Networks.parse(cidrs, SETTING);
  }

  /**
   * The request's arrival: from a trusted proxy, the client is the right-most address of
   * X-Forwarded-For that is not itself a trusted proxy (the left ones could be made up by the
   * client), and the scheme the left-most X-Forwarded-Proto (the first proxy's); otherwise the
   * connection's own.
   */
  public Arrival arrival(String scheme, String remoteAddress, String forwardedFor, String forwardedProto) {
    if (!proxies.contains(remoteAddress)) {
      return new Arrival(scheme, remoteAddress);
    }
    String client = remoteAddress;
    if (forwardedFor != null) {
      String[] hops = forwardedFor.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].strip();
        if (!Networks.isLiteral(hop)) {
          break; // unknown or garbled: stop believing the chain here
        }
        client = hop;
        if (!proxies.contains(hop)) {
          break;
        }
      }
    }
    String proto = scheme;
    if (forwardedProto != null) {
      String first = forwardedProto.split(",")[0].strip().toLowerCase(Locale.ROOT);
      if (first.equals("http") || first.equals("https")) {
        proto = first;
      }
    }
    return new Arrival(proto, client);
  }
}
