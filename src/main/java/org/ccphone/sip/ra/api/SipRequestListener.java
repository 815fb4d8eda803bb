package org.ccphone.sip.ra.api;

/**
 * What an application implements (as a message-driven bean) to receive the SIP requests of the
 * resource adapter. Every request must get a final response: when the bean throws, the adapter
 * answers 500.
 */
public interface SipRequestListener {
  void onRequest(InboundRequest request);
}
