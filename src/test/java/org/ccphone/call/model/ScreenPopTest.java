package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.ccphone.tenant.PageRules;
import org.junit.jupiter.api.Test;

class ScreenPopTest {
  private static final PageRules ANY_HTTPS = PageRules.DEFAULTS;
  private static final PageRules CRM_ONLY = new PageRules(List.of("crm.example.com", "*.records.example.com"), false, List.of());
  private static final PageRules HTTP_TOO = new PageRules(List.of(), true, List.of());

  @Test
  void anHttpsUrlWithItsPlaceholdersInThePathOrQueryMayPop() {
    assertEquals(Optional.empty(), ScreenPop.refusal("https://crm.example.com/c?ani={Ani}&agent={AgentId}", ANY_HTTPS));
    assertEquals(Optional.empty(), ScreenPop.refusal("HTTPS://crm.example.com:8443/{CallId}/{Other}", CRM_ONLY));
    assertEquals(Optional.empty(), ScreenPop.refusal("https://eu.records.example.com#x", CRM_ONLY));
  }

  @Test
  void scriptsDataAndRelativeUrlsNeverPop() {
    for (String url : List.of("javascript:parent.document.title='XSS'", "JavaScript://crm.example.com/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>", "/phone/demo", "//evil.example/x", "vbscript:x", "crm.example.com/x",
        "https://", "https:///x", "ftp://crm.example.com/")) {
      assertTrue(ScreenPop.refusal(url, HTTP_TOO).isPresent(), url);
    }
  }

  @Test
  void theHostIsTheTenantsNotTheCallers() {
    assertTrue(ScreenPop.refusal("https://{Ani}.example.com/", ANY_HTTPS).isPresent(), "a placeholder in the host");
    assertTrue(ScreenPop.refusal("https://crm.example.com@evil.example/", ANY_HTTPS).isPresent(), "a user part");
    assertTrue(ScreenPop.refusal("https://crm.example.com\\@evil.example/", ANY_HTTPS).isPresent(), "a backslash");
    assertTrue(ScreenPop.refusal("https://evil.example/", CRM_ONLY).isPresent(), "a host not listed");
    assertTrue(ScreenPop.refusal("https://records.example.com.evil.example/", CRM_ONLY).isPresent(), "a look-alike");
    assertTrue(ScreenPop.refusal("https://crm.example.com /x", ANY_HTTPS).isPresent(), "a space");
  }

  @Test
  void plainHttpOnlyWhereTheTenantAllowsIt() {
    assertTrue(ScreenPop.refusal("http://crm.example.com/", ANY_HTTPS).isPresent());
    assertEquals(Optional.empty(), ScreenPop.refusal("http://crm.example.com/", HTTP_TOO));
  }

  @Test
  void valuesAreEncodedSoTheyCannotLeaveTheirPlace() {
    CallData call = new CallData("800", "x/../@evil#", null, null, null, "c1", null, List.of(), false, null);
    assertEquals("https://crm.example.com/c?ani=x%2F..%2F%40evil%23", ScreenPop.resolve("https://crm.example.com/c?ani={Ani}", call, 7));
  }
}
