package org.ccphone.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Headless Chromium (Debian's, driven by Playwright) with the test agent pages of
 * src/test/resources/media served on loopback: agents' browsers with a fake microphone (a beep
 * near 400 Hz) that answer calls with real WebRTC media.
 */
public final class BrowserPhones implements AutoCloseable {
  private final HttpServer pages;
  private final Playwright playwright;
  private final Browser chromium;

  private BrowserPhones(HttpServer pages, Playwright playwright, Browser chromium) {
    this.pages = pages;
    this.playwright = playwright;
    this.chromium = chromium;
  }

  public static BrowserPhones start() throws Exception {
    HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pages.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().replaceFirst("^/", "");
      byte[] page = null;
      if (name.matches("[a-z-]+\\.html")) { // the test pages only
        try (var in = BrowserPhones.class.getResourceAsStream("/media/" + name)) {
          page = in == null ? null : in.readAllBytes();
        }
      }
      if (page == null) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    pages.start();
    // Debian's chromium, never a download: the machine reaches no browser CDN.
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getProperty("callcenter.chromium", "/usr/bin/chromium")))
        .setArgs(List.of("--no-sandbox", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required",
            // many agents' pages at once: none of them is a background tab to be slowed down
            "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
            "--disable-renderer-backgrounding")));
    return new BrowserPhones(pages, playwright, chromium);
  }

  public Browser chromium() {
    return chromium;
  }

  /** The address of a test page, with its query. */
  public String page(String name, String query) {
    return "http://127.0.0.1:" + pages.getAddress().getPort() + "/" + name + "?" + query;
  }

  /**
   * The test agent page in a browser context of its own (an agent's own browser), its phone
   * connected to {@code wsUrl} with {@code token}, once it is READY. {@code standing}: the phone
   * opens its media once, before READY, and calls attach to it.
   */
  public Page agentPhone(String wsUrl, String token, boolean standing) throws Exception {
    Page page = chromium.newContext().newPage();
    page.navigate(page("agent-phone.html", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
        + "&ws=" + URLEncoder.encode(wsUrl, StandardCharsets.UTF_8) + (standing ? "&standing=1" : "")));
    Object state = Eventually.await(Duration.ofSeconds(30), () -> page.evaluate("window.phone && window.phone.state"),
        "READY"::equals, "none");
    if (!"READY".equals(state)) {
      throw new AssertionError("the agent's phone is not READY: " + page.evaluate("JSON.stringify(window.phone)"));
    }
    return page;
  }

  /** The strongest frequency the page hears on its call, once it is near {@code tone} or the time is up. */
  public static double hearing(Page agent, double tone, Duration within) throws Exception {
    return Eventually.await(within, () -> ((Number) agent.evaluate("window.phone ? window.phone.peakHz : 0")).doubleValue(),
        hz -> Math.abs(hz - tone) < 30, 0.0);
  }

  @Override
  public void close() {
    chromium.close();
    playwright.close();
    pages.stop(0);
  }
}
