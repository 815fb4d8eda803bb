package org.ccphone.sip.ra.api;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
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
  private volatile ServerTransaction transaction;
  private volatile boolean finalSent;

  public InboundRequest(RequestEvent event, SipProvider provider, MessageFactory messages) {
    this.event = event;
    this.provider = provider;
    this.messages = messages;
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

  /** Sends a response with this status; a final one gets a To tag when the request had none. */
  public void respond(int status) throws SipException {
    if (Request.ACK.equals(method())) {
      return; // ACK is never answered
    }
    try {
      Response response = messages.createResponse(status, request());
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (status > 100 && to != null && to.getTag() == null) {
        to.setTag(UUID.randomUUID().toString().substring(0, 8));
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
