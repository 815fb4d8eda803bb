package org.ccphone.agent;

/** A state change the rules refuse; the agent's state stays as it was. */
public class IllegalTransition extends Exception {
  private final String code;

  public IllegalTransition(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
