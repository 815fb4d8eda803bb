package org.ccphone.call.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.ccphone.tenant.Row;

/**
 * The data a call carries: from the IVR's SIP headers, then overridden by what the customer's Call
 * Start event returned. Names follow the customer contract.
 *
 * @param callCenter where to overflow the call (a SIP URI) when no agent can take it
 * @param transfer the default transfer number shown on the agent's dial pad
 */
public record CallData(
    String dnis,
    String ani,
    String callerIdName,
    String url,
    String transfer,
    String callId,
    String callCenter,
    List<String> skills,
    boolean record,
    String customData) {
  /** The CallType of a call from the IVR. */
  public static final int INBOUND = 1;
  /** The CallType of a call an agent dialed. */
  public static final int OUTBOUND = 2;


  /**
   * Reads the call data headers, case-insensitively, bare or with an X- prefix (Dnis, Ani, callerId,
   * URL, Transfer, CallId, CallCenter, Skills, Record). Dnis and Ani fall back to the Request-URI's
   * user and the From user.
   *
   * @param header a header's value by name, or null; names are matched as given, so the caller's
   *     lookup must be case-insensitive (JAIN-SIP's is)
   */
  public static CallData fromHeaders(Function<String, String> header, String requestUriUser, String fromUser) {
    String dnis = value(header, "Dnis");
    String ani = value(header, "Ani");
    return new CallData(
        dnis == null ? requestUriUser : dnis,
        ani == null ? fromUser : ani,
        value(header, "callerId"),
        value(header, "URL"),
        value(header, "Transfer"),
        value(header, "CallId"),
        value(header, "CallCenter"),
        skills(value(header, "Skills")),
        yes(value(header, "Record")),
        null);
  }

  /**
   * The call data after Call Start: each column the event returned (Url, CallId, Record,
   * DefaultTransferNumber, Skills, CustomData) overrides the header's value; a missing or empty one
   * keeps it. A call with no CallId from either gets a new GUID.
   */
  public CallData withCallStart(Row row) {
    String newCallId = pick(row, "CallId", callId);
    return new CallData(dnis, ani, callerIdName,
        pick(row, "Url", url),
        pick(row, "DefaultTransferNumber", transfer),
        newCallId,
        callCenter,
        row != null && present(row.text("Skills")) ? boundedSkills(row.text("Skills")) : skills,
        row != null && present(row.text("Record")) ? yes(row.text("Record")) : record,
        pick(row, "CustomData", customData));
  }

  /** The same data without a screen-pop Url (one the tenant's phones must not open). */
  public CallData withoutUrl() {
    return new CallData(dnis, ani, callerIdName, null, transfer, callId, callCenter, skills, record, customData);
  }

  /** The same data with a generated CallId when it has none. */
  /** The data of a number an agent dials, before its Call Start: the number is the Dnis, the agent's CallerId the Ani. */
  public static CallData dialed(String number, String callerId, String callerIdName) {
    return new CallData(number, callerId, callerIdName, null, null, null, null, List.of(), false, null);
  }

  /** The same call data routed with other skills (a transfer to a queue). */
  public CallData withSkills(List<String> routedTo) {
    return new CallData(dnis, ani, callerIdName, url, transfer, callId, callCenter, List.copyOf(routedTo), record, customData);
  }

  public CallData withCallIdOrNew() {
    return callId != null ? this
        : new CallData(dnis, ani, callerIdName, url, transfer, UUID.randomUUID().toString(), callCenter, skills, record, customData);
  }

  private static String pick(Row row, String column, String fallback) {
    String value = row == null ? null : row.text(column);
    return present(value) ? value : fallback;
  }

  /** A call data header, bare or with an X- prefix, trimmed; null when absent or blank. */
  public static String value(Function<String, String> header, String name) {
    String bare = header.apply(name);
    String value = present(bare) ? bare : header.apply("X-" + name);
    return present(value) ? value.strip() : null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static boolean yes(String value) {
    return value != null && value.strip().toUpperCase(Locale.ROOT).startsWith("Y");
  }

  /**
   * The skills of a comma-separated list, in order, each once: skills are matched without regard to
   * case, so "Support" and "support" are one skill (the first spelling is kept).
   */
  static List<String> skills(String commaSeparated) {
    if (commaSeparated == null) {
      return List.of();
    }
    Map<String, String> folded = new LinkedHashMap<>();
    Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .forEach(s -> folded.putIfAbsent(s.toLowerCase(Locale.ROOT), s));
    return List.copyOf(folded.values());
  }

  /**
   * The skills a customer's Call Start returned, held to the bounds an INVITE is held to
   * ({@link CallDataBounds}): the first ones, each not longer than the bound.
   */
  static List<String> boundedSkills(String commaSeparated) {
    return skills(commaSeparated).stream().filter(s -> s.length() <= CallDataBounds.MAX_SKILL_LENGTH)
        .limit(CallDataBounds.MAX_SKILLS).toList();
  }
}
