package org.ccphone.sip.ra.stack;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.ListIterator;
import java.util.Map;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;

/** Plain header values in and out of JAIN-SIP messages. */
final class Headers {
  private Headers() {}

  /** A header's value by name, case-insensitively (the stack also knows compact forms), or null. */
  /** The message's Call-ID, or null. */
  static String callId(Message message) {
    CallIdHeader id = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
    return id == null ? null : id.getCallId();
  }

  static String value(Message message, String name) {
    Header h = message.getHeader(name);
    if (h == null) {
      return null;
    }
    if (h instanceof ExtensionHeader extension) {
      return extension.getValue();
    }
    String text = h.toString().strip();
    int colon = text.indexOf(':');
    return colon < 0 ? text : text.substring(colon + 1).strip();
  }

  /** Every header of a message as name -> value (the first value of a repeated header). */
  static Map<String, String> all(Message message) {
    Map<String, String> out = new LinkedHashMap<>();
    ListIterator<String> names = message.getHeaderNames();
    while (names.hasNext()) {
      String name = names.next();
      out.putIfAbsent(name, value(message, name));
    }
    return out;
  }

  /** Adds the extra headers and the body to a message being built. */
  static void fill(Message message, HeaderFactory factory, Map<String, String> headers, String contentType,
      String body) throws ParseException {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      message.setHeader(factory.createHeader(h.getKey(), h.getValue()));
    }
    if (body != null) {
      String type = contentType == null ? "application/sdp" : contentType;
      int slash = type.indexOf('/');
      ContentTypeHeader ct = factory.createContentTypeHeader(type.substring(0, slash), type.substring(slash + 1));
      message.setContent(body, ct);
    }
  }

  /** The body of a message as text, or null. */
  static String body(Message message) {
    byte[] raw = message.getRawContent();
    return raw == null || raw.length == 0 ? null : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
  }
}
