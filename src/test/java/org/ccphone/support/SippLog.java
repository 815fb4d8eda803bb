package org.ccphone.support;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads SIPp's message trace: what each call (by Call-ID) received from the server. */
public final class SippLog {
  private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})", Pattern.MULTILINE);
  private static final Pattern CALL_ID = Pattern.compile("^(?:Call-ID|i):\\s*(\\S+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

  private final Map<String, Set<Integer>> received = new HashMap<>();
  private final Set<String> sent = new HashSet<>();

  public SippLog(String messages) {
    for (String block : messages.split("-{20,}")) {
      Matcher id = CALL_ID.matcher(block);
      if (!id.find()) {
        continue;
      }
      if (block.contains("message received")) {
        Matcher status = STATUS.matcher(block);
        if (status.find()) {
          received.computeIfAbsent(id.group(1), k -> new HashSet<>()).add(Integer.parseInt(status.group(1)));
        }
      } else if (block.contains("message sent")) {
        sent.add(id.group(1));
      }
    }
  }

  /** Call-IDs that received this status. */
  public Set<String> callsWith(int status) {
    Set<String> ids = new HashSet<>();
    received.forEach((id, statuses) -> {
      if (statuses.contains(status)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Call-IDs that received some response but no final one (2xx-6xx). */
  public Set<String> withoutFinalAnswer() {
    Set<String> ids = new HashSet<>();
    received.forEach((id, statuses) -> {
      if (statuses.stream().noneMatch(s -> s >= 200)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Every status received, by count of calls. */
  public Map<Integer, Integer> statusCounts() {
    Map<Integer, Integer> counts = new HashMap<>();
    received.values().forEach(statuses -> statuses.forEach(s -> counts.merge(s, 1, Integer::sum)));
    return counts;
  }

  public int callsSent() {
    return sent.size();
  }
}
