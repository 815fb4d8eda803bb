package org.ccphone.call.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keypad digits in SIP INFO, both ways: the media server drops RFC 4733 telephone-events, so the
 * digits travel with call control. Read: {@code application/dtmf-relay} ({@code Signal=5}) and
 * {@code application/dtmf} (the digit alone); sent: {@code application/dtmf-relay}, the form IVRs
 * and SBCs most often take.
 */
public final class Dtmf {
  public static final String RELAY = "application/dtmf-relay";
  /** A tone's length in the INFO we send, in ms. */
  public static final int DURATION_MS = 160;
  private static final Pattern DIGITS = Pattern.compile("[0-9*#A-D]{1,32}");
  private static final Pattern SIGNAL = Pattern.compile("(?im)^\\s*Signal\\s*=\\s*(\\S+)");
  private static final String EVENT_CODES = "0123456789*#ABCD"; // RFC 4733 events 0 to 15

  private Dtmf() {}

  /** Whether the agent's digits can be sent: 1 to 32 of 0-9, *, #, A-D. */
  public static boolean validDigits(String digits) {
    return digits != null && DIGITS.matcher(digits).matches();
  }

  /** The body of an INFO carrying one digit. */
  public static String relayBody(char digit) {
    return "Signal=" + digit + "\r\nDuration=" + DURATION_MS + "\r\n";
  }

  /** The digit an INFO carries, if it is a DTMF INFO with a digit we know. */
  public static Optional<Character> digit(String contentType, String body) {
    if (contentType == null || body == null) {
      return Optional.empty();
    }
    String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
    String value;
    if (RELAY.equals(type)) {
      Matcher m = SIGNAL.matcher(body);
      if (!m.find()) {
        return Optional.empty();
      }
      value = m.group(1);
    } else if ("application/dtmf".equals(type)) {
      value = body.strip();
    } else {
      return Optional.empty();
    }
    if (value.matches("1[0-5]|[0-9]") && value.length() == 2) {
      value = String.valueOf(EVENT_CODES.charAt(Integer.parseInt(value))); // an event code: 10 is *, 11 is #
    }
    char c = Character.toUpperCase(value.charAt(0));
    return value.length() == 1 && EVENT_CODES.indexOf(c) >= 0 ? Optional.of(c) : Optional.empty();
  }
}
