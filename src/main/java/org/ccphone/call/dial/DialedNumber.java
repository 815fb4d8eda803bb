package org.ccphone.call.dial;

import java.util.regex.Pattern;

/** What an agent may dial: 1 to 32 digits, with a leading + and the keypad's * and # allowed. */
final class DialedNumber {
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#]{1,32}");

  private DialedNumber() {}

  static boolean valid(String number) {
    return number != null && NUMBER.matcher(number).matches();
  }
}
