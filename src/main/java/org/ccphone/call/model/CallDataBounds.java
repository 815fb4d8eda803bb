package org.ccphone.call.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How much call data an INVITE may carry. Each value ends up in a customer's row, an agent's page
 * and the server's figures (a queue's name is its skills joined): one call must not be able to make
 * any of them fail. Skills are counted after folding those that differ only in case.
 */
public final class CallDataBounds {
  public static final int MAX_SKILLS = 10;
  public static final int MAX_SKILL_LENGTH = 24;
  /** Per header, bare or with an X- prefix: the longest value taken. */
  private static final Map<String, Integer> MAX_LENGTH = new LinkedHashMap<>();

  static {
    MAX_LENGTH.put("AppId", 64);
    MAX_LENGTH.put("Dnis", 64);
    MAX_LENGTH.put("Ani", 64);
    MAX_LENGTH.put("callerId", 128);
    MAX_LENGTH.put("CallId", 128);
    MAX_LENGTH.put("Transfer", 64);
    MAX_LENGTH.put("CallCenter", 256);
    MAX_LENGTH.put("URL", ScreenPop.MAX_LENGTH);
    MAX_LENGTH.put("Record", 16);
    MAX_LENGTH.put("Skills", 2048);
  }

  private CallDataBounds() {}

  /**
   * The first call data header over its bound, named as it was sent, with the bound; empty when
   * every one holds.
   */
  public static Optional<String> exceeded(Function<String, String> header) {
    for (Map.Entry<String, Integer> bound : MAX_LENGTH.entrySet()) {
      for (String name : List.of(bound.getKey(), "X-" + bound.getKey())) {
        String value = header.apply(name);
        if (value != null && value.length() > bound.getValue()) {
          return Optional.of(name + " is longer than " + bound.getValue() + " characters");
        }
      }
    }
    List<String> skills = CallData.skills(CallData.value(header, "Skills"));
    if (skills.size() > MAX_SKILLS) {
      return Optional.of(sentAs(header, "Skills") + " names more than " + MAX_SKILLS + " skills");
    }
    if (skills.stream().anyMatch(s -> s.length() > MAX_SKILL_LENGTH)) {
      return Optional.of(sentAs(header, "Skills") + " has a skill longer than " + MAX_SKILL_LENGTH + " characters");
    }
    return Optional.empty();
  }

  private static String sentAs(Function<String, String> header, String name) {
    String bare = header.apply(name);
    return bare != null && !bare.isBlank() ? name : "X-" + name;
  }
}
