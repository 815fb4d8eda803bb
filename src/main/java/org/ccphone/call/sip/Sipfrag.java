package org.ccphone.call.sip;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The status of a message/sipfrag body (RFC 3420), as a NOTIFY of a REFER carries it: "SIP/2.0 200 OK". */
final class Sipfrag {
  private static final Pattern STATUS_LINE = Pattern.compile("\\A\\s*SIP/2\\.0\\s+(\\d{3})\\b");

  private Sipfrag() {}

  /** The status code, or 0 when the body is no sipfrag status line (taken as not final). */
  static int status(String body) {
    if (body == null) {
      return 0;
    }
    Matcher m = STATUS_LINE.matcher(body);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
