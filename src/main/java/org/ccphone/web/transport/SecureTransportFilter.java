package org.ccphone.web.transport;

import static org.ccphone.Jsons.JSON;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request, the phone socket's upgrade included, passes here first (a declared filter runs
 * before the container's WebSocket filter): it is served, redirected to HTTPS or refused as
 * {@link TransportPolicy} decides, and what follows sees the client's address and scheme as
 * {@link TrustedProxies} believes them.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecureTransportFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject
  @ConfigProperty(name = "callcenter.https.port")
  transient int httpsPort;

  @Inject
  @ConfigProperty(name = "callcenter.https.publicName")
  transient Optional<String> publicName;

  @Inject
  @ConfigProperty(name = TrustedProxies.SETTING)
  transient Optional<String> trustedProxies;

  private transient TransportPolicy policy;
  private transient TrustedProxies proxies;

  @PostConstruct
  void configure() {
    policy = new TransportPolicy(httpsPort, publicName);
    proxies = new TrustedProxies(trustedProxies.orElse(""));
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Arrival arrival = proxies.arrival(request.getScheme(), request.getRemoteAddr(),
        request.getHeader("X-Forwarded-For"), request.getHeader("X-Forwarded-Proto"));
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    TransportPolicy.Verdict verdict = policy.decide(arrival, path, request.getQueryString(), request.getHeader("Host"),
        request.getLocalAddr());
    // Every answer: no guessing of types (a JSON error read as a page), no address of the phone in Referer.
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    if (verdict instanceof TransportPolicy.Serve serve) {
      serve.hsts().ifPresent(value -> response.setHeader("Strict-Transport-Security", value));
      boolean asConnected = arrival.client().equals(request.getRemoteAddr()) && arrival.scheme().equals(request.getScheme());
      chain.doFilter(asConnected ? request : new Arrived(request, arrival), response);
    } else if (verdict instanceof TransportPolicy.Redirect redirect) {
      response.setStatus(308);
      response.setHeader("Location", redirect.location());
      response.setContentLength(0);
    } else if (verdict instanceof TransportPolicy.Refuse refuse) {
      response.setStatus(403);
      response.setContentType("application/json");
      response.getWriter().write(JSON.createObjectBuilder().add("error", "https_required")
          .add("message", refuse.message()).build().toString());
    }
  }

  /** The request as the client sent it through the trusted proxies. */
  private static final class Arrived extends HttpServletRequestWrapper {
    private final Arrival arrival;

    Arrived(HttpServletRequest request, Arrival arrival) {
      super(request);
      this.arrival = arrival;
    }

    @Override
    public String getRemoteAddr() {
      return arrival.client();
    }

    @Override
    public String getRemoteHost() {
      return arrival.client();
    }

    @Override
    public String getScheme() {
      return arrival.scheme();
    }

    @Override
    public boolean isSecure() {
      return arrival.secure();
    }
  }
}
