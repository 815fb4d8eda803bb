package org.ccphone.call.model;

/**
 * The supervisor's page (its socket) a monitoring session belongs to: its frames go there, not to
 * the supervisor's other tabs, and it ends when that page goes.
 */
public interface SupervisorPage {
  void send(String frame);

  /** The protocol's error frame: what the page asked was refused and changed nothing. */
  void refused(String code, String message);
}
