package org.ccphone.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client of the product's REST API, as the phone page uses it. */
public final class Api {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  /** Headers every request carries: those of a proxy in front of the server, when speaking as a remote client. */
  private final java.util.Map<String, String> proxied;

  /** Talks to the server over loopback only, whatever host name the container reports. */
  public Api(URL base) {
    String path = base.getPath().endsWith("/") ? base.getPath().substring(0, base.getPath().length() - 1) : base.getPath();
    this.base = "http://127.0.0.1:" + base.getPort() + path;
    this.proxied = java.util.Map.of();
  }

  public Api(String base) {
    this(base, java.util.Map.of());
  }

  private Api(String base, java.util.Map<String, String> proxied) {
    this.base = base;
    this.proxied = proxied;
  }

  /**
   * The same server as a client at {@code address} sees it through a TLS-terminating proxy on
   * loopback (the test servers trust 127.0.0.1 as a proxy): X-Forwarded-For and -Proto.
   */
  public Api asRemoteClient(String address) {
    return new Api(base, java.util.Map.of("X-Forwarded-For", address, "X-Forwarded-Proto", "https"));
  }

  /** A POST with the body's own Content-Type. */
  public Answer post(String path, String body, String contentType, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  public record Answer(int status, String body, HttpResponse<String> response) {
    public JsonObject json() {
      return Json.createReader(new StringReader(body)).readObject();
    }
  }

  public Answer login(String appId, String username, String password) {
    return post("/api/apps/" + appId + "/sessions",
        Json.createObjectBuilder().add("username", username).add("password", password).build().toString());
  }

  /** Logs in and returns the token, failing unless the answer is 201. */
  public String token(String appId, String username, String password) {
    Answer a = login(appId, username, password);
    if (a.status != 201) {
      throw new AssertionError("login of " + username + " on " + appId + ": " + a.status + " " + a.body);
    }
    return a.json().getString("token");
  }

  public Answer post(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A POST with a supervisor's or agent's token. */
  public Answer post(String path, String body, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * A gauge of the application's metrics (/metrics is served at the server's root, so this Api's
   * base must be the root).
   */
  public double metric(String name) {
    String text = get("/metrics?scope=application", null).body();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^(?:application_)?" + name + "(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)").matcher(text);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in " + text);
    }
    return Double.parseDouble(m.group(1));
  }

  public Answer get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  public Answer delete(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).DELETE());
  }

  private Answer send(HttpRequest.Builder request) {
    proxied.forEach(request::header);
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }
}
