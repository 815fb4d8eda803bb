package org.ccphone.sip.ra.api;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.UUID;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One SIP request received by the adapter, and the way to answer it. Every response to one request
 * carries the same To tag, so a 180 and the 200 that follows it belong to one dialog.
 */
public final class InboundRequest {
  private final RequestEvent event;
  private final SipProvider provider;
  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final AddressFactory addresses;
  private final String toTag = UUID.randomUUID().toString().substring(0, 8);
  private volatile ServerTransaction transaction;
  private volatile Dialog dialog;
  private volatile boolean finalSent;

  public InboundRequest(RequestEvent event, ServerTransaction transaction, SipProvider provider,
      MessageFactory messages, HeaderFactory headers, AddressFactory addresses) {
    this.event = event;
    this.provider = provider;
    this.messages = messages;
    this.headers = headers;
    this.addresses = addresses;
    this.transaction = transaction;
  }

  public Request request() {
    return event.getRequest();
  }

  public String method() {
    return event.getRequest().getMethod();
  }

  /** The Call-ID header: the key of the caller's call for CANCEL, ACK and BYE. */
  public String callId() {
    CallIdHeader id = (CallIdHeader) request().getHeader(CallIdHeader.NAME);
    return id == null ? null : id.getCallId();
  }

  /** The session description in the body (an INVITE's offer), or null. */
  public String sdp() {
    byte[] body = request().getRawContent();
    return body == null || body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
  }

  /** True once a final (2xx-6xx) response went out. */
  public boolean answered() {
    return finalSent;
  }

  /** The dialog the 200 OK to this INVITE opened, or null (for the adapter's outbound side). */
  public Dialog dialog() {
    return dialog;
  }

  /** A header's value by name, case-insensitively, or null. */
  public String header(String name) {
    Header h = request().getHeader(name);
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

  /** The user part of the Request-URI (the dialed number), or null. */
  public String requestUriUser() {
    return request().getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
  }

  /** The user part of the From address (the caller), or null. */
  public String fromUser() {
    FromHeader from = (FromHeader) request().getHeader(FromHeader.NAME);
    return from != null && from.getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
  }

  /** Sends a redirect (302) whose Contact is {@code contact}. */
  public void redirect(int status, String contact) throws SipException {
    try {
      send(build(status), headers.createContactHeader(addresses.createAddress(contact)));
    } catch (ParseException e) {
      throw new SipException("not a SIP address: " + contact, e);
    }
  }

  /** Sends a response with this status. */
  public void respond(int status) throws SipException {
    send(build(status), null);
  }

  /** Refuses for now (503): the caller may try again after so many seconds. */
  public void respondRetryAfter(int status, int seconds) throws SipException {
    try {
      send(build(status), headers.createRetryAfterHeader(seconds));
    } catch (InvalidArgumentException e) {
      throw new SipException("bad Retry-After " + seconds, e);
    }
  }

  /**
   * Accepts an INVITE: 200 OK with our Contact and this session description, opening the dialog in
   * which the caller's ACK and BYE arrive and through which {@link SipConnection#bye} hangs up.
   */
  public void accept(String sdp) throws SipException {
    try {
      Response ok = build(Response.OK);
      ListeningPoint point = provider.getListeningPoint(transportOfRequest());
      if (point == null) {
        point = provider.getListeningPoints()[0];
      }
      SipURI contact = addresses.createSipURI("callcenter", point.getIPAddress());
      contact.setPort(point.getPort());
      contact.setTransportParam(point.getTransport());
      ContactHeader contactHeader = headers.createContactHeader(addresses.createAddress(contact));
      ok.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
      ensureTransaction();
      if (dialog == null) {
        dialog = provider.getNewDialog(transaction);
      }
      send(ok, contactHeader);
    } catch (ParseException e) {
      throw new SipException("cannot build the 200 OK", e);
    }
  }

  private String transportOfRequest() {
    javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) request().getHeader(javax.sip.header.ViaHeader.NAME);
    return via == null ? ListeningPoint.UDP : via.getTransport();
  }

  private Response build(int status) throws SipException {
    try {
      Response response = messages.createResponse(status, request());
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (status > 100 && to != null && to.getTag() == null) {
        to.setTag(toTag);
      }
      return response;
    } catch (ParseException e) {
      throw new SipException("cannot build a " + status + " response", e);
    }
  }

  private void ensureTransaction() throws SipException {
    if (transaction == null) {
      transaction = provider.getNewServerTransaction(request());
    }
  }

  private void send(Response response, Header extra) throws SipException {
    if (Request.ACK.equals(method())) {
      return; // ACK is never answered
    }
    if (extra != null) {
      response.addHeader(extra);
    }
    ensureTransaction();
    try {
      transaction.sendResponse(response);
    } catch (InvalidArgumentException e) {
      throw new SipException("cannot send a " + response.getStatusCode() + " response", e);
    }
    if (response.getStatusCode() >= 200) {
      finalSent = true;
    }
  }
}
