package org.ccphone.sip.ra.stack;

import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;

/** Where the stack hands what it received: run in the order of each call, one at a time. */
public interface StackInbound {
  /** Delivers a request; {@code handling} runs once the application starts on it (or gives up). */
  void request(InboundRequest request, Runnable handling);

  void dialogEvent(DialogEvent event);
}
