package org.ccphone.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
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
import org.ccphone.support.Eventually;
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
}
