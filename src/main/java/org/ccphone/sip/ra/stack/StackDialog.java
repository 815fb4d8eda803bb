package org.ccphone.sip.ra.stack;

import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.SipDialog;
import org.ccphone.sip.ra.api.SipOutcome;

/** The application's handle on a JAIN-SIP dialog; kept as the dialog's application data. */
final class StackDialog implements SipDialog {
  private final SipStackHolder stack;
  private final Dialog dialog;

  private StackDialog(SipStackHolder stack, Dialog dialog) {
    this.stack = stack;
    this.dialog = dialog;
  }

  /** The handle of a dialog, made once. */
  static StackDialog of(SipStackHolder stack, Dialog dialog) {
    synchronized (dialog) {
      if (dialog.getApplicationData() instanceof StackDialog existing) {
        return existing;
      }
      StackDialog handle = new StackDialog(stack, dialog);
      dialog.setApplicationData(handle);
      return handle;
    }
  }

  Dialog dialog() {
    return dialog;
  }

  @Override
  public String callId() {
    return dialog.getCallId().getCallId();
  }

  @Override
  public boolean terminated() {
    return dialog.getState() == DialogState.TERMINATED;
  }

  @Override
  public CompletionStage<SipOutcome> send(OutboundRequest outbound) {
    CompletableFuture<SipOutcome> outcome = new CompletableFuture<>();
    stack.order().submit(callId(), () -> {
      try {
        if (terminated()) {
          outcome.complete(SipOutcome.notSent("the dialog is over"));
          return;
        }
        Request request = dialog.createRequest(outbound.method());
        Headers.fill(request, stack.headers(), outbound.headers(), outbound.contentType(), outbound.body());
        ClientTransaction transaction = stack.provider().getNewClientTransaction(request);
        transaction.setApplicationData(PendingRequest.inDialog(outcome));
        dialog.sendRequest(transaction);
      } catch (SipException | ParseException | RuntimeException e) {
        outcome.complete(SipOutcome.notSent("cannot send " + outbound.method() + ": " + e.getMessage()));
      }
    });
    return outcome;
  }
}
