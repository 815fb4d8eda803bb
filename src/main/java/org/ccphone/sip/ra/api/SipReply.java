package org.ccphone.sip.ra.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer the application sends: a status, extra headers (Retry-After, Contact, Session-Expires...)
 * and an optional body.
 */
public record SipReply(int status, Map<String, String> headers, String contentType, String body) {
  public SipReply {
    headers = Map.copyOf(headers);
  }

  public static SipReply of(int status) {
    return new SipReply(status, Map.of(), null, null);
  }

  public SipReply with(String header, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(header, value);
    return new SipReply(status, more, contentType, body);
  }

  public SipReply withBody(String type, String content) {
    return new SipReply(status, headers, type, content);
  }

  public SipReply withSdp(String sdp) {
    return withBody("application/sdp", sdp);
  }
}
