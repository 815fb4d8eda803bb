package org.ccphone.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.ccphone.support.Api;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.CallActions;
import org.ccphone.support.Eventually;
import org.ccphone.support.Sipp;
import org.ccphone.support.TcpProxy;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's phone page (webapp/phone.xhtml and its modules) in headless Chromium from Debian:
 * login and its refusals in plain words, the state with Ready, Busy and Away, a reload that keeps
 * the session, keyboard shortcuts, and a session that ends elsewhere.
 */
class PhonePageIT extends ArquillianIT {
  private static BrowserPhones browsers;

  @BeforeAll
  static void browser() throws Exception {
    browsers = BrowserPhones.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (browsers != null) {
      browsers.close();
    }
  }

  /** On loopback, whatever host Arquillian reports: the tests talk to 127.0.0.1 only (a secure context too). */
  private String address(String path) {
    return "http://127.0.0.1:" + base.getPort() + base.getPath().replaceFirst("/$", "") + path;
  }

  private Page phone(String appId) {
    Page page = browsers.chromium().newContext().newPage();
    page.navigate(address("/phone/" + appId));
    return page;
  }

  /** The server as another origin than the phone's: the same port on "localhost". */
  private String otherOrigin(String path) {
    return "http://localhost:" + base.getPort() + base.getPath().replaceFirst("/$", "") + path;
  }

  private static void logIn(Page page, String username, String password) {
    page.getByLabel("Username").fill(username);
    page.getByLabel("Password").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
  }

  @Test
  void anAgentLogsInChangesStateKeepsItsSessionOverAReloadAndLogsOut() throws Exception {
    Page page = phone("demo");
    try {
      assertThat(page.locator(".tenant")).containsText("demo"); // the appId comes from the address
      logIn(page, "agent2", "wrong");
      assertThat(page.locator("#login-message")).hasText("Wrong username or password.");
      logIn(page, "agent2", "agent2");
      assertThat(page.locator("#state-name")).hasText("Busy"); // a session starts BUSY
      assertThat(page.locator("#connection")).hasText("Connected");
      assertThat(page.locator("#agent-name")).containsText("agent2");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ready")).click();
      // Ready asks for the phone's audio path first (here the media plane's test double), then goes Ready.
      Object state = Eventually.await(Duration.ofSeconds(15), () -> page.locator("#state-name").textContent(), "Ready"::equals, "");
      assertEquals("Ready", state, "the page says: " + page.locator("#agent-message").textContent());
      page.getByLabel("Away reason").selectOption("Lunch");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Away")).click();
      assertThat(page.locator("#state-name")).hasText("Away");
      assertThat(page.locator("#state-reason")).hasText("— Lunch");
      page.keyboard().press("Alt+R");
      assertThat(page.locator("#state-name")).hasText("Ready");
      page.keyboard().press("Alt+B");
      assertThat(page.locator("#state-name")).hasText("Busy");
      page.getByLabel("Away reason").selectOption("Break");
      page.keyboard().press("Alt+A");
      assertThat(page.locator("#state-reason")).hasText("— Break");
      page.keyboard().press("Alt+B");
      assertThat(page.locator("#state-name")).hasText("Busy");

      String loginAt = (String) page.evaluate("window.phone.loginAt");
      page.reload();
      assertThat(page.locator("#state-name")).hasText("Busy"); // the same session: no second login
      assertEquals(loginAt, page.evaluate("window.phone.loginAt"));
      assertThat(page.locator("#ledger td[data-bucket='BusyTime']")).not().hasText("0:00:00",
          new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(5000));

      page.keyboard().press("Alt+L");
      assertThat(page.locator("#login-message")).hasText("You logged out.");
      assertThat(page.getByLabel("Username")).isVisible();
      LocalDateTime login = LocalDateTime.ofInstant(Instant.parse(loginAt), ZoneId.systemDefault()).withNano(0);
      DemoLoginIT.Row row = Eventually.await(Duration.ofSeconds(20), () -> DemoLoginIT.agentStats(1002, login), r -> r != null);
      assertTrue(row != null, "the Agent Logout row of the page's session");
      assertEquals(Duration.between(row.login(), row.logout()).toSeconds(), row.busy() + row.ready() + row.away() + row.onPhone(),
          "every second of the session in one bucket: " + row);
    } finally {
      page.context().close();
    }
  }

  @Test
  void aSessionEndedElsewhereSaysWhyAndReturnsToLogin() {
    Page page = phone("demo");
    try {
      logIn(page, "agent1", "agent1");
      assertThat(page.locator("#connection")).hasText("Connected");
      String second = api().token("demo", "agent1", "agent1"); // the same agent logs in somewhere else
      assertThat(page.locator("#login-message")).hasText("You logged in somewhere else, so this phone was logged out.");
      assertThat(page.getByLabel("Username")).isVisible();
      assertEquals(204, api().delete("/api/sessions/current", second).status());
    } finally {
      page.context().close();
    }
  }

  @Test
  void theLoginSaysPlainlyWhyItCannotGoOn() throws Exception {
    Page page = phone("demo");
    try {
      for (int i = 0; i < 5; i++) {
        logIn(page, "nobody-at-all", "guess" + i);
        assertThat(page.locator("#login-message")).hasText("Wrong username or password.");
        page.evaluate("document.getElementById('login-message').textContent = ''");
      }
      logIn(page, "nobody-at-all", "guess");
      assertThat(page.locator("#login-message")).containsText("Too many attempts. Try again in");

      page.route("**/api/apps/**", route -> route.abort()); // the network between the page and the server is gone
      logIn(page, "agent2", "agent2");
      assertThat(page.locator("#login-message")).hasText(
          "The server cannot be reached. Check your network connection and try again.");
      assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))).isEnabled();
    } finally {
      page.context().close();
    }
    Page down = phone("mssql"); // its SQL Server is not there
    try {
      logIn(down, "agent1", "agent1");
      assertThat(down.locator("#login-message")).containsText("cannot log you in right now");
    } finally {
      down.context().close();
    }
    HttpResponse<String> unknown = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(address("/phone/no-such-center"))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("no call center at this address"), unknown.body());
  }

  @Test
  void withoutTheAutoplaySwitchTheRingIsHeardAfterTheLoginClick() throws Exception {
    Page page = browsers.chromiumAsShipped().newContext().newPage(); // sound only after a click, as browsers ship
    com.microsoft.playwright.Browser restartedBrowser = null;
    try {
      page.navigate(address("/phone/demo"));
      logIn(page, "agent1", "agent1"); // the click that unlocks the page's audio
      assertThat(page.locator("#connection")).hasText("Connected");
      assertThat(page.locator("#audio-locked")).isHidden();
      page.keyboard().press("Alt+R");
      assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));
      Sipp ivr = Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), call("5550321"), "-d", "500");
      assertThat(page.locator("#call-ani")).hasText("5550321", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      assertEquals("running", page.evaluate("window.phone.audio.state"), "the page's audio runs when the offer arrives");
      assertEquals(true, page.evaluate("window.phone.media.ringing !== null && !document.getElementById('ringer').paused"),
          "the ring plays");
      page.keyboard().press("Alt+Enter");
      assertTrue(ivr.succeeded(30), ivr.report());

      // Away, so that the page below opens no microphone: Chromium lets a page that captures play sound.
      page.keyboard().press("Alt+A");
      assertThat(page.locator("#state-name")).hasText("Away");
      // The browser restarted with its tabs: the page logs in by the kept token, but no click has
      // come yet, so the browser would play nothing, and the page says so.
      String token = (String) page.evaluate("localStorage.getItem('callcenter.token.demo')");
      page.context().close();
      restartedBrowser = browsers.newChromiumAsShipped(); // a browser restarted: no state of the one before
      BrowserContext restarted = restartedBrowser.newContext();
      restarted.addInitScript("localStorage.setItem('callcenter.token.demo', '" + token + "')");
      page = restarted.newPage();
      page.navigate(address("/phone/demo"));
      assertThat(page.locator("#connection")).hasText("Connected");
      // The page judges its audio on the welcome frame, which follows the socket's open: wait for it.
      assertThat(page.locator("#state-name")).hasText("Away", new LocatorAssertions.HasTextOptions().setTimeout(15000));
      assertEquals("suspended", page.evaluate("window.phone.audio.state"), "no click yet in this browser context");
      assertThat(page.locator("#audio-locked")).isVisible();
      page.locator("#state-name").click();
      assertThat(page.locator("#audio-locked")).isHidden();
      assertEquals("running", page.evaluate("window.phone.audio.state"));
      page.keyboard().press("Alt+L");
      assertThat(page.locator("#login-message")).hasText("You logged out.");
    } finally {
      page.context().close();
      if (restartedBrowser != null) {
        restartedBrowser.close();
      }
    }
  }

  @Test
  void aTenantThatWantsTheScreenPopInAPanelGetsItInThePhone() throws Exception {
    Page page = phone("callstest"); // its screenPop is "panel"
    try {
      logIn(page, "agent2", "agent2");
      assertThat(page.locator("#connection")).hasText("Connected");
      page.keyboard().press("Alt+R");
      assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));
      java.util.Map<String, String> keys = new java.util.HashMap<>(call("5550341"));
      keys.put("dnis", "8005559000");
      keys.put("skills", "support");
      // Another origin than the phone's (localhost, not 127.0.0.1), on loopback: nothing leaves the machine.
      keys.put("url", otherOrigin("/pop?ani={Ani}&agent={AgentId}"));
      Sipp ivr = Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), keys, "-d", "1500");
      assertThat(page.locator("#call-ani")).hasText("5550341", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      page.keyboard().press("Alt+Enter");
      assertThat(page.locator("#call-pop-panel")).isVisible();
      assertThat(page.locator("#call-pop-panel")).hasAttribute("src", otherOrigin("/pop?ani=5550341&agent=1002"));
      assertEquals(1, page.context().pages().size(), "no new tab");
      assertTrue(ivr.succeeded(30), ivr.report());
      assertThat(page.locator("#call-pop-panel")).isHidden();
      page.keyboard().press("Alt+L");
      assertThat(page.locator("#login-message")).hasText("You logged out.");
    } finally {
      page.context().close();
    }
  }

  /** The attack of a SIP header that ran script in the phone: in the panel, then in a tab. */
  @Test
  void aScriptUrlFromSipNeverReachesThePageWhileAnHttpsUrlStillPops() throws Exception {
    String script = "javascript:parent.document.title='XSS-'+Object.keys(localStorage).join('|')";
    Page panel = phone("callstest"); // its screenPop is "panel"
    try {
      logIn(panel, "agent2", "agent2");
      assertThat(panel.locator("#connection")).hasText("Connected");
      panel.keyboard().press("Alt+R");
      assertThat(panel.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));
      String title = panel.title();
      java.util.Map<String, String> keys = new java.util.HashMap<>(call("5550351"));
      keys.put("dnis", "8005559000");
      keys.put("skills", "support");
      keys.put("url", script);
      Sipp ivr = Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), keys, "-d", "1500");
      assertThat(panel.locator("#call-ani")).hasText("5550351", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      panel.keyboard().press("Alt+Enter");
      assertThat(panel.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      assertThat(panel.locator("#call-pop-panel")).isHidden();
      assertFalse(panel.locator("#call-pop-panel").getAttribute("src") != null, "no frame source");
      assertEquals(title, panel.title());
      assertFalse(panel.content().contains("javascript:"), "no script Url in the page");
      assertTrue(ivr.succeeded(30), ivr.report());
      JsonObject pops = new Api(base).get("/api/apps/callstest/health", null).json().getJsonObject("screenPop");
      assertTrue(pops.getInt("refused") >= 1 && pops.getString("lastRefused").contains("https"), pops.toString());
      panel.keyboard().press("Alt+L");
    } finally {
      panel.context().close();
    }

    Page tab = phone("demo"); // its screenPop is "tab"
    try {
      logIn(tab, "agent1", "agent1");
      assertThat(tab.locator("#connection")).hasText("Connected");
      tab.keyboard().press("Alt+R");
      assertThat(tab.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));
      String title = tab.title();
      java.util.Map<String, String> keys = new java.util.HashMap<>(call("5550352"));
      keys.put("url", script);
      Sipp ivr = Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), keys, "-d", "1000");
      assertThat(tab.locator("#call-ani")).hasText("5550352", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      assertThat(tab.locator("#call-pop")).isHidden();
      assertFalse(tab.content().contains("javascript:"), "no script Url in the page");
      tab.keyboard().press("Alt+Enter");
      assertTrue(ivr.succeeded(30), ivr.report());
      assertEquals(1, tab.context().pages().size(), "nothing opened");
      assertEquals(title, tab.title());
      assertThat(tab.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));

      // An https Url still pops: shown as the call's link, opened in a tab on answer (on loopback, port 9: nothing answers).
      keys = new java.util.HashMap<>(call("5550353"));
      keys.put("url", "https://localhost:9/crm?ani={Ani}");
      ivr = Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), keys, "-d", "1000");
      assertThat(tab.locator("#call-pop-link")).hasAttribute("href", "https://localhost:9/crm?ani=5550353",
          new LocatorAssertions.HasAttributeOptions().setTimeout(10000));
      java.util.List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
      tab.context().onRequest(r -> requested.add(r.url()));
      tab.context().waitForPage(() -> tab.keyboard().press("Alt+Enter"));
      Eventually.await(Duration.ofSeconds(10), () -> requested, r -> r.contains("https://localhost:9/crm?ani=5550353"));
      assertTrue(ivr.succeeded(30), ivr.report());
      tab.keyboard().press("Alt+L");
    } finally {
      tab.context().close();
    }
  }

  @Test
  void thePagesSendTheirSecurityHeaders() {
    Api.Answer phone = new Api(address("")).get("/phone/callstest", null);
    assertEquals(200, phone.status());
    java.net.http.HttpHeaders headers = phone.response().headers();
    String csp = headers.firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-src https://localhost:* http://localhost:*")
        && csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("same-origin", headers.firstValue("Referrer-Policy").orElse(""));
    String supervisor = new Api(address("")).get("/supervisor/demo", null).response().headers()
        .firstValue("Content-Security-Policy").orElse("");
    assertTrue(supervisor.contains("frame-src 'none'"), supervisor);
  }

  @Test
  void anOfferDeclinedByItsShortcutStopsRingingAndSaysSo() throws Exception {
    Page page = phone("demo");
    try {
      logIn(page, "agent1", "agent1");
      assertThat(page.locator("#connection")).hasText("Connected");
      page.keyboard().press("Alt+R");
      assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));
      page.locator("#keypad button[data-digit='4']").click(); // no call: the keypad builds the number
      page.locator("#state-name").click();
      page.keyboard().press("2"); // and so does the keyboard, outside the page's fields
      assertThat(page.getByLabel("Number")).hasValue("42");
      // The caller gives up after 4 s: declined by the only agent with the skill, the call waits until then.
      Sipp ivr = Sipp.start("call-cancelled.xml", SIP, PORTS.getAndIncrement(), call("5550331"), "-d", "4000");
      assertThat(page.locator("#call-ani")).hasText("5550331", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      CallActions.onlyVisible(page, "answer", "decline"); // while it rings, nothing of a call in progress
      page.keyboard().press("Alt+D");
      assertThat(page.locator("#call-message")).hasText("You declined the call.");
      assertThat(page.locator("#call")).isHidden();
      assertEquals(false, page.evaluate("window.phone.media.ringing !== null"), "the ring stopped");
      assertThat(page.locator("#state-name")).hasText("Ready");
      assertTrue(ivr.succeeded(30), ivr.report());
      page.keyboard().press("Alt+L");
      assertThat(page.locator("#login-message")).hasText("You logged out.");
    } finally {
      page.context().close();
    }
  }

  @Test
  void twoTabsOfOneAgentRingOnlyInThePhoneTabAndClosingItMovesThePhoneToTheOther() throws Exception {
    com.microsoft.playwright.BrowserContext browser = browsers.chromium().newContext();
    try {
      Page first = browser.newPage();
      first.navigate(address("/phone/demo"));
      logIn(first, "agent1", "agent1");
      assertThat(first.locator("#connection")).hasText("Connected");
      first.keyboard().press("Alt+R");
      assertThat(first.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));
      Object loginAt = first.evaluate("window.phone.loginAt");

      Page second = browser.newPage();
      second.navigate(address("/phone/demo"));
      assertThat(second.locator("#state-name")).hasText("Ready"); // the same session: no second login
      assertEquals(loginAt, second.evaluate("window.phone.loginAt"));
      assertThat(second.locator("#other-tab")).isVisible();
      assertThat(first.locator("#other-tab")).isHidden();
      second.keyboard().press("Alt+T"); // the other tab can take the calls over, and give them back
      assertThat(first.locator("#other-tab")).isVisible();
      assertThat(second.locator("#other-tab")).isHidden();
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Take calls here")).click();
      assertThat(second.locator("#other-tab")).isVisible();
      assertThat(first.locator("#other-tab")).isHidden();

      Sipp one = Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), call("5550311"), "-d", "500");
      assertThat(first.locator("#call-ani")).hasText("5550311", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      assertThat(second.locator("#state-name")).hasText("Ringing"); // the other tab shows the state, and does not ring
      assertEquals(null, second.evaluate("window.phone.call"));
      assertThat(second.locator("#call")).isHidden();
      first.keyboard().press("Alt+Enter");
      assertTrue(one.succeeded(30), one.report());
      assertThat(first.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(10000));

      first.close(); // the tab that was the phone: the other one is now
      assertThat(second.locator("#other-tab")).isHidden();
      Sipp two = Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), call("5550312"), "-d", "500");
      assertThat(second.locator("#call-ani")).hasText("5550312", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      second.keyboard().press("Alt+Enter");
      assertTrue(two.succeeded(30), two.report());
      second.keyboard().press("Alt+L");
      assertThat(second.locator("#login-message")).hasText("You logged out.");
    } finally {
      browser.close();
    }
  }

  @Test
  void theNetworkDroppedDuringReadyIsShownWithinTwoSecondsAndTheSameSessionComesBack() throws Exception {
    try (TcpProxy proxy = TcpProxy.to(base.getPort())) {
      Page page = browsers.chromium().newContext().newPage();
      try {
        page.navigate("http://127.0.0.1:" + proxy.port() + base.getPath().replaceFirst("/$", "") + "/phone/demo");
        logIn(page, "agent2", "agent2");
        assertThat(page.locator("#connection")).hasText("Connected");
        page.keyboard().press("Alt+R");
        assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));
        Object loginAt = page.evaluate("window.phone.loginAt");

        proxy.cut(); // every connection between the page and the server reset, new ones refused
        assertThat(page.locator("#connection")).hasText("Connection lost, reconnecting…",
            new LocatorAssertions.HasTextOptions().setTimeout(2000));
        proxy.restore();
        assertThat(page.locator("#connection")).hasText("Connected", new LocatorAssertions.HasTextOptions().setTimeout(10000));
        assertEquals(loginAt, page.evaluate("window.phone.loginAt"), "the same session, no second login");
        assertThat(page.locator("#state-name")).hasText("Ready"); // back in the state it had
        page.keyboard().press("Alt+L");
        assertThat(page.locator("#login-message")).hasText("You logged out.");
      } finally {
        page.context().close();
      }
    }
  }

  @Test
  void aSupervisorWatchesTheAgentsTheWaitingCallsAndTodaysFiguresAndSetsAnAgentAway() throws Exception {
    Page supervisor = browsers.chromium().newContext().newPage();
    supervisor.navigate(address("/supervisor/demo"));
    Page agent = phone("demo");
    try {
      screenshot(agent, "phone-login");
      logIn(supervisor, "agent2", "agent2");
      assertThat(supervisor.locator("#login-message")).containsText("This page is for supervisors.");
      logIn(supervisor, "super1", "super1");
      assertThat(supervisor.locator("#connection")).hasText("Connected");
      String token = (String) supervisor.evaluate("window.floor.token");
      JsonObject before = sales(token);

      logIn(agent, "agent1", "agent1");
      Locator agent1 = supervisor.locator("#agents tr[data-username='agent1']");
      assertThat(agent1.locator(".state-name")).hasText("Busy");
      assertThat(agent.locator("#connection")).hasText("Connected");
      agent.keyboard().press("Alt+R");
      assertThat(agent.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(15000));
      // The supervisor sees it within a second of the agent's own page.
      assertThat(agent1.locator(".state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(1000));
      screenshot(agent, "phone-idle");

      // A caller waits (agent1, the one agent with the skill, is Busy), then hangs up: abandoned.
      agent.keyboard().press("Alt+B");
      assertThat(agent1.locator(".state-name")).hasText("Busy", new LocatorAssertions.HasTextOptions().setTimeout(1000));
      Sipp waiting = Sipp.start("call-cancelled.xml", SIP, PORTS.getAndIncrement(), call("5550301"), "-d", "5000");
      Locator waitingRow = supervisor.locator("#waiting tbody tr", new Page.LocatorOptions().setHasText("5550301"));
      assertThat(waitingRow.locator("td").nth(1)).hasText("sales");
      assertThat(waitingRow.locator(".wait")).hasText(java.util.regex.Pattern.compile("0:0[2-9]"),
          new LocatorAssertions.HasTextOptions().setTimeout(5000)); // its wait, counting
      screenshot(supervisor, "supervisor");
      assertTrue(waiting.succeeded(30), waiting.report());
      assertThat(waitingRow).hasCount(0);

      // The next caller is answered on the agent's page; the supervisor sees the call on agent1's row.
      agent.keyboard().press("Alt+R");
      Sipp answered = Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), call("5550302"), "-d", "2000");
      assertThat(agent.locator("#call-ani")).hasText("5550302", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      screenshot(agent, "phone-ringing");
      agent.keyboard().press("Alt+Enter");
      assertThat(agent1.locator(".call")).containsText("5550302");
      assertThat(agent.locator("#talking-actions")).isVisible();
      screenshot(agent, "phone-in-call");
      assertTrue(answered.succeeded(30), answered.report());
      // The demo's wrap-up (5 s): Busy with its countdown, then Ready by itself.
      assertThat(agent.locator("#wrap-up")).containsText("Wrap-up: Ready again in");
      assertThat(agent1.locator(".state-name")).hasText("Busy");
      screenshot(agent, "phone-wrap-up");
      assertThat(agent1.locator(".state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(10000));
      assertThat(agent.locator("#wrap-up")).isHidden();

      JsonObject after = Eventually.await(Duration.ofSeconds(10), () -> sales(token),
          f -> f.getInt("answered") == before.getInt("answered") + 1);
      assertEquals(before.getInt("offered") + 2, after.getInt("offered"), after.toString());
      assertEquals(before.getInt("answered") + 1, after.getInt("answered"), after.toString());
      assertEquals(before.getInt("abandoned") + 1, after.getInt("abandoned"), after.toString());
      Locator salesRow = supervisor.locator("#queues tbody tr[data-queue='sales'] td");
      assertThat(salesRow.nth(1)).hasText(String.valueOf(after.getInt("offered")));
      assertThat(salesRow.nth(2)).hasText(String.valueOf(after.getInt("answered")));
      assertThat(salesRow.nth(3)).hasText(String.valueOf(after.getInt("abandoned")));
      assertThat(supervisor.locator("#chart rect.answered")).not().hasCount(0);

      supervisor.getByLabel("Away reason").selectOption("Meeting");
      supervisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set agent1 Away")).click();
      assertThat(agent.locator("#state-name")).hasText("Away");
      assertThat(agent.locator("#state-reason")).hasText("— Meeting");
      assertThat(agent.locator("#state-by")).hasText("Set by supervisor super1");

      supervisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log agent1 out")).click();
      assertThat(agent.locator("#login-message")).hasText("A supervisor (super1) logged you out.");
      assertThat(agent1).hasCount(0);
      supervisor.keyboard().press("Alt+L");
      assertThat(supervisor.locator("#login-message")).hasText("You logged out.");
    } finally {
      agent.context().close();
      supervisor.context().close();
    }
  }

  /** Today's figures of the sales queue, as the supervisors' read gives them (zeros before its first call today). */
  private JsonObject sales(String token) {
    Api.Answer answer = api().get("/api/apps/demo/figures", token);
    assertEquals(200, answer.status(), answer.body());
    return answer.json().getJsonArray("queues").getValuesAs(JsonObject.class).stream()
        .filter(q -> "sales".equals(q.getString("queue"))).findFirst()
        .orElse(jakarta.json.Json.createObjectBuilder().add("offered", 0).add("answered", 0).add("abandoned", 0).build());
  }

  /** For docs/screenshots (scripts/screenshots copies them there): the pages as the tests left them. */
  private static void screenshot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots", name + ".png")).setFullPage(true));
  }

  private static final int SIP = 15060;
  private static final java.util.concurrent.atomic.AtomicInteger PORTS = new java.util.concurrent.atomic.AtomicInteger(15700);

  private static java.util.Map<String, String> call(String ani) {
    return java.util.Map.of("dnis", "8005551100", "ani", ani, "skills", "sales", "callcenter", "", "url", "", "session", "-");
  }
}
