package org.ccphone.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Set;

/** What the phone page shows an agent to do in a call: checks what is visible, not only what exists. */
public final class CallActions {
  /** The call's buttons, by id. */
  private static final List<String> ALL = List.of("answer", "decline", "cancel-dial", "mute", "hold", "transfer", "hangup", "transfer-go",
      "consult-go", "complete", "conference", "cancel-consult");

  private CallActions() {}

  /**
   * Exactly these of the call's buttons are visible on the page; the others are not. The ones shown
   * are waited for (the stage is reached); then the others are checked at once, while the stage lasts.
   */
  public static void onlyVisible(Page page, String... ids) {
    Set<String> shown = Set.of(ids);
    for (String id : shown) {
      assertThat(page.locator("#" + id)).isVisible();
    }
    for (String id : ALL) {
      if (!shown.contains(id)) {
        assertFalse(page.locator("#" + id).isVisible(), "#" + id + " is on screen at this stage; only " + shown + " should be");
      }
    }
  }
}
