package org.ccphone.call.dial;

/**
 * Who an agent's outbound call says it is from: the agent's CallerId and CallerIdName (from Agent
 * Login) in From and P-Asserted-Identity; an agent without a CallerId calls as anonymous (RFC 3323)
 * and asserts nothing.
 *
 * @param from the From header's address
 * @param asserted the P-Asserted-Identity header, or null
 */
record CallerIdentity(String from, String asserted) {

  static CallerIdentity of(String callerId, String callerIdName, String domain) {
    if (callerId == null || !callerId.matches("\\+?[0-9A-Za-z.*#_-]{1,32}")) {
      return new CallerIdentity("\"Anonymous\" <sip:anonymous@anonymous.invalid>", null);
    }
    String address = "<sip:" + callerId + "@" + domain + ">";
    String named = callerIdName == null || callerIdName.isBlank() ? address : quoted(callerIdName) + " " + address;
    return new CallerIdentity(named, named);
  }

  /** A display name as a SIP quoted string: its quotes and backslashes escaped, line breaks dropped. */
  private static String quoted(String name) {
    return "\"" + name.replaceAll("[\\r\\n]", " ").replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
