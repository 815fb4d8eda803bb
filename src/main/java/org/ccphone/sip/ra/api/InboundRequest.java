package org.ccphone.sip.ra.api;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.UUID;

/** One SIP request received by the adapter, and the way to answer it. */
public final class InboundRequest {
  private final RequestEvent event;
  private final SipProvider provider;
  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final AddressFactory addresses;
  private volatile ServerTransaction transaction;
  private volatile boolean finalSent;

  public InboundRequest(RequestEvent event, SipProvider provider, MessageFactory messages, HeaderFactory headers,
      AddressFactory addresses) {
    this.event = event;
    this.provider = provider;
    this.messages = messages;
    this.headers = headers;
    this.addresses = addresses;
    this.transaction = event.getServerTransaction();
  }

  public Request request() {
    return event.getRequest();
  }

  public String method() {
    return event.getRequest().getMethod();
  }

  /** True once a final (2xx-6xx) response went out. */
  public boolean answered() {
    return finalSent;
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
      respond(status, headers.createContactHeader(addresses.createAddress(contact)));
    } catch (ParseException e) {
      throw new SipException("not a SIP address: " + contact, e);
    }
  }

  /** Sends a response with this status; a final one gets a To tag when the request had none. */
  public void respond(int status) throws SipException {
    respond(status, null);
  }

  private void respond(int status, Header extra) throws SipException {
    if (Request.ACK.equals(method())) {
      return; // ACK is never answered
    }
    try {
      Response response = messages.createResponse(status, request());
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (status > 100 && to != null && to.getTag() == null) {
        to.setTag(UUID.randomUUID().toString().substring(0, 8));
      }
      if (extra != null) {
        response.addHeader(extra);
      }
      if (transaction == null) {
        transaction = provider.getNewServerTransaction(request());
      }
      transaction.sendResponse(response);
      if (status >= 200) {
        finalSent = true;
      }
    } catch (ParseException | InvalidArgumentException e) {
      throw new SipException("cannot build a " + status + " response", e);
    }
  }
}
