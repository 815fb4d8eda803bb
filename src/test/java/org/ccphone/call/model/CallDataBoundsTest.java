package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallDataBoundsTest {
  private static Optional<String> exceeded(Map<String, String> headers) {
    Map<String, String> any = new HashMap<>();
    headers.forEach((k, v) -> any.put(k.toLowerCase(Locale.ROOT), v));
    return CallDataBounds.exceeded(name -> any.get(name.toLowerCase(Locale.ROOT)));
  }

  /** "support" in all 128 spellings of its case: one skill. */
  private static String caseVariants(String skill) {
    List<String> all = new ArrayList<>();
    for (int mask = 0; mask < 1 << skill.length(); mask++) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < skill.length(); i++) {
        char c = skill.charAt(i);
        s.append((mask & (1 << i)) != 0 ? Character.toUpperCase(c) : c);
      }
      all.add(s.toString());
    }
    return String.join(",", all);
  }

  @Test
  void skillsThatDifferOnlyInCaseAreOneSkill() {
    String variants = caseVariants("support");
    assertEquals(Optional.empty(), exceeded(Map.of("X-Skills", variants)));
    CallData data = CallData.fromHeaders(name -> name.equalsIgnoreCase("X-Skills") ? variants : null, "800", "555");
    assertEquals(List.of("support"), data.skills());
  }

  @Test
  void eachHeaderOverItsBoundIsNamedAsSent() {
    assertEquals(Optional.of("X-Ani is longer than 64 characters"), exceeded(Map.of("X-Ani", "5".repeat(65))));
    assertEquals(Optional.of("CallId is longer than 128 characters"), exceeded(Map.of("CallId", "c".repeat(129))));
    assertTrue(exceeded(Map.of("X-URL", "https://crm.example.com/" + "a".repeat(2048))).orElseThrow().startsWith("X-URL"));
    assertEquals(Optional.empty(), exceeded(Map.of("X-Ani", "5".repeat(64), "X-URL", "https://crm.example.com/")));
  }

  @Test
  void tooManySkillsOrOneTooLongAreRefused() {
    assertEquals(Optional.of("X-Skills names more than 10 skills"),
        exceeded(Map.of("X-Skills", "a,b,c,d,e,f,g,h,i,j,k")));
    assertEquals(Optional.of("Skills has a skill longer than 24 characters"), exceeded(Map.of("Skills", "s".repeat(25))));
    assertEquals(Optional.empty(), exceeded(Map.of("X-Skills", "a,b,c,d,e,f,g,h,i,j")));
  }

  @Test
  void theSkillsOfACallStartAreHeldToTheSameBounds() {
    org.ccphone.tenant.Row row = new org.ccphone.tenant.Row().put("Skills", "s".repeat(25) + ",a,b,c,d,e,f,g,h,i,j,k,l,A");
    CallData data = CallData.fromHeaders(name -> null, "800", "555").withCallStart(row);
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), data.skills());
  }
}
