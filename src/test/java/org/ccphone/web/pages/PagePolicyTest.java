package org.ccphone.web.pages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ccphone.tenant.PageRules;
import org.junit.jupiter.api.Test;

class PagePolicyTest {
  @Test
  void byDefaultThePhoneFramesOnlyHttpsAndNobodyFramesIt() {
    String csp = PagePolicy.phone(PageRules.DEFAULTS);
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("frame-src https:;"), csp);
    assertTrue(csp.contains("frame-ancestors 'none';"), csp);
    assertTrue(!csp.contains("unsafe"), csp);
  }

  @Test
  void aTenantsPopHostsOnAnyPortAndItsCrmMayFrameIt() {
    String csp = PagePolicy.phone(new PageRules(List.of("crm.example.com"), true, List.of("https://crm.example.com")));
    assertTrue(csp.contains("frame-src https://crm.example.com:* http://crm.example.com:*;"), csp);
    assertTrue(csp.contains("frame-ancestors https://crm.example.com;"), csp);
    assertTrue(PagePolicy.supervisor(PageRules.DEFAULTS).contains("frame-src 'none';"));
  }
}
