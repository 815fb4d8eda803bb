package org.ccphone.sip.ra.api;

/** The user and password a trunk's digest challenge is answered with; the password never shows in text. */
public record TrunkCredentials(String username, String password) {
  @Override
  public String toString() {
    return "TrunkCredentials[username=" + username + ", password=***]";
  }
}
