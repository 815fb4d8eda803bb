package org.ccphone.call.sip;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.util.Optional;
import org.ccphone.call.model.CallData;
import org.ccphone.call.model.CallDataBounds;
import org.ccphone.call.model.SessionTimer;
import org.ccphone.media.SipOffers;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipReply;
import org.ccphone.sip.ra.api.SipRequestListener;

/**
 * The SIP side of calls, delivered by the resource adapter in each call's order. OPTIONS (an IVR's
 * or proxy's keep-alive, or the caller's in-dialog probe) is answered 200; requests of a call go to
 * {@link InboundCalls}; a request for no call in progress gets 481, an unknown method 501.
 */
// No container transaction: Call Start runs on the customer's database and the Call End goes to the
// server's own (the outbox); one transaction over both non-XA pools is refused, and neither needs it.
@TransactionManagement(TransactionManagementType.BEAN)
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "callcenter-sip")})
@ConnectionFactoryDefinition(name = SipInbound.CONNECTIONS, interfaceName = "org.ccphone.sip.ra.api.SipConnectionFactory",
    resourceAdapter = "callcenter-sip", transactionSupport = TransactionSupportLevel.NoTransaction)
public class SipInbound implements SipRequestListener {
  public static final String CONNECTIONS = "java:app/sip/callcenter";

  @Inject InboundCalls calls;
  @Inject SipRefusals refusals;
  @Inject SipSources sources;

  @Override
  public void onRequest(InboundRequest request) {
    boolean inDialog = request.dialog() != null;
    if (!inDialog && !"ACK".equals(request.method()) && !sources.serverAllows(request.sourceAddress())) {
      // Not one of the IVRs' networks: nothing of it is read, no Call Start runs.
      if ("INVITE".equals(request.method())) {
        refusals.refused(SipRefusals.Why.UNTRUSTED_SOURCE);
      }
      request.respond(SipReply.of(403).with("Warning", "399 callcenter \"not an allowed source of calls\""));
      return;
    }
    if (!calls.accepting() && !inDialog && ("OPTIONS".equals(request.method()) || "INVITE".equals(request.method()))) {
      // Starting (tenants not loaded yet) or stopping: "try again soon", never "no such number".
      request.respond(SipReply.of(503).with("Retry-After", String.valueOf(calls.retryAfterSeconds())));
      return;
    }
    switch (request.method()) {
      case "OPTIONS" -> request.respond(200);
      case "ACK" -> calls.acked(request.callId(), request.body());
      case "INVITE" -> {
        if (inDialog || calls.inProgress(request.callId())) {
          calls.refresh(request);
        } else {
          invite(request);
        }
      }
      case "UPDATE" -> calls.refresh(request);
      case "CANCEL", "BYE" -> calls.callerGone(request);
      case "INFO" -> calls.info(request);
      case "NOTIFY" -> calls.notify(request);
      default -> request.respond(501);
    }
  }

  @Override
  public void onDialogEvent(DialogEvent event) {
    calls.dialogEvent(event);
  }

  private void invite(InboundRequest request) {
    Optional<String> tooLarge = CallDataBounds.exceeded(request::header);
    if (tooLarge.isPresent()) {
      // Before Call Start: nothing of it reaches a customer's database, a page or the figures.
      refusals.refused(SipRefusals.Why.CALL_DATA_TOO_LARGE);
      request.respond(SipReply.of(400).with("Warning", "399 callcenter \"" + tooLarge.get() + "\""));
      return;
    }
    if (SessionTimer.tooBrief(request.header("Session-Expires"))) {
      request.respond(SipReply.of(422).with("Min-SE", String.valueOf(SessionTimer.MIN_SE)));
      return;
    }
    if (SipOffers.srtp(request.body()) && !"TLS".equals(request.transport())) {
      // SDES puts the media keys in the SDP: over UDP or TCP they cross the network in clear.
      refusals.refused(SipRefusals.Why.MEDIA_NOT_SECURE);
      request.respond(SipReply.of(488).with("Warning", "399 callcenter \"SRTP keys (SDES) only over SIP TLS\""));
      return;
    }
    if (!SipOffers.bridgeable(request.body())) {
      // Nothing to bridge to an agent's browser: refused before Call Start, no agent rings for it.
      request.respond(SipReply.of(488).with("Warning", "305 callcenter \"no PCMU or PCMA audio in the offer\""));
      return;
    }
    String appId = CallData.value(request::header, "AppId");
    CallData data = CallData.fromHeaders(request::header, request.requestUriUser(), request.fromUser());
    calls.invite(appId, request.callId(), data, new SipCallerLeg(request), request.sourceAddress(), request::placed);
  }
}
