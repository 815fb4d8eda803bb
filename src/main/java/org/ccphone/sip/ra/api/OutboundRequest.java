package org.ccphone.sip.ra.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request the application sends: inside a dialog (BYE, re-INVITE, INFO, OPTIONS, UPDATE) or a new INVITE. */
public record OutboundRequest(String method, Map<String, String> headers, String contentType, String body) {
  public OutboundRequest {
    headers = Map.copyOf(headers);
  }

  public static OutboundRequest of(String method) {
    return new OutboundRequest(method, Map.of(), null, null);
  }

  public OutboundRequest with(String header, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(header, value);
    return new OutboundRequest(method, more, contentType, body);
  }

  public OutboundRequest withBody(String type, String content) {
    return new OutboundRequest(method, headers, type, content);
  }
}
