package org.ccphone.web.transport;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ccphone.net.Networks;

/**
 * Whether a request may be served over the way it arrived. Over HTTPS, always (with HSTS when the
 * server has a DNS name: never for localhost or an IP literal, which a browser would pin to HTTPS
 * for every port of that host). Over plain HTTP from this machine (loopback, or a connection
 * from the address it was made to), always: the demo on http://localhost. Over plain HTTP from anywhere else, a page is redirected (308) to the same
 * address over HTTPS, and the API and the phone socket are refused: a password or a token must
 * not cross the network in clear, and nothing is processed before the refusal.
 */
public final class TransportPolicy {
  /** One year, as browsers' preload lists ask. */
  static final String HSTS = "max-age=31536000";

  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern BRACKETED_V6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");

  /** What to do with a request. */
  public sealed interface Verdict {}

  /** Served; {@code hsts} is the Strict-Transport-Security value to add, when there is one. */
  public record Serve(Optional<String> hsts) implements Verdict {}

  /** A page asked over plain HTTP from another machine: 308 to this address. */
  public record Redirect(String location) implements Verdict {}

  /** The API or the phone socket over plain HTTP from another machine: 403, nothing processed. */
  public record Refuse(String message) implements Verdict {}

  private static final Serve SERVE = new Serve(Optional.empty());

  private final int httpsPort;
  private final Optional<String> publicName;
  private final Serve serveSecure;

  /**
   * @param httpsPort the port browsers reach HTTPS on ({@code callcenter.https.port})
   * @param publicName the server's DNS name, when it has one ({@code callcenter.https.publicName})
   */
  public TransportPolicy(int httpsPort, Optional<String> publicName) {
    this.httpsPort = httpsPort;
    this.publicName = publicName.map(String::strip).filter(name -> !name.isEmpty());
    this.publicName.ifPresent(name -> {
      if (!HOST_NAME.matcher(name).matches() && !Networks.isLiteral(name)) {
        throw new IllegalArgumentException("callcenter.https.publicName is not a host name: " + name);
      }
    });
    this.serveSecure = new Serve(this.publicName.filter(TransportPolicy::namesAHost).map(name -> HSTS));
  }

  /**
   * @param path the request's path within the application (servlet path and path info)
   * @param query the query string, or null
   * @param host the Host header, or null
   * @param localAddress the address the request came in on, for a redirect without a usable Host
   */
  public Verdict decide(Arrival arrival, String path, String query, String host, String localAddress) {
    if (arrival.secure()) {
      return serveSecure;
    }
    if (arrival.local() || arrival.client().equals(localAddress)) {
      return SERVE; // from this machine, to loopback or to one of its own addresses: it never crossed a network
    }
    if (path.equals("/api") || path.startsWith("/api/") || path.equals("/ws") || path.startsWith("/ws/")) {
      return new Refuse("This server accepts the API and the phone's connection over HTTPS only (port " + httpsPort + ").");
    }
    String target = publicName.orElseGet(() -> hostOf(host).orElseGet(() -> literalHost(localAddress)));
    String port = httpsPort == 443 ? "" : ":" + httpsPort;
    return new Redirect("https://" + target + port + path + (query == null || query.isEmpty() ? "" : "?" + query));
  }

  /** A DNS name, not localhost nor an IP literal: HSTS pins a host's every port to HTTPS. */
  static boolean namesAHost(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !Networks.isLiteral(name) && !lower.equals("localhost") && !lower.endsWith(".localhost")
        && !lower.startsWith("[");
  }

  /** The host part of a Host header when it is a well-formed name or address; empty otherwise. */
  static Optional<String> hostOf(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String host = header.strip();
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? "" : host.substring(0, end + 1);
      return BRACKETED_V6.matcher(host).matches() ? Optional.of(host) : Optional.empty();
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    return HOST_NAME.matcher(host).matches() ? Optional.of(host) : Optional.empty();
  }

  private static String literalHost(String address) {
    return address.contains(":") ? "[" + address + "]" : address;
  }
}
