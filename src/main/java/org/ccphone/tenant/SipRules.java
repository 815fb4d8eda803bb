package org.ccphone.tenant;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.ccphone.net.Networks;

/**
 * Whom a tenant takes calls from, how their media must be carried, and where its calls go out.
 *
 * @param sources the networks (CIDRs) the tenant's IVR sends from; null: the server's allowed
 *     sources ({@code callcenter.sip.allowedSources}) are the tenant's too
 * @param srtpRequired whether the caller's media must be encrypted (SRTP with SDES keys, which only
 *     SIP over TLS may carry): a plain offer is refused 488
 * @param trunk where its agents' outbound calls go, or null: they cannot dial out
 * @param referTo for a tenant whose IVR takes REFER: the URI of a transfer to a number, with
 *     {@code {Number}} in it ({@code sip:{Number}@10.1.2.3}); null: transfers to a number go through the trunk
 */
public record SipRules(Networks sources, boolean srtpRequired, Trunk trunk, String referTo) {
  public static final SipRules DEFAULTS = new SipRules(null, false, null, null);

  /** The URI the IVR is asked to take a call to for a transfer to {@code number}, or null: no REFER. */
  public String referUri(String number) {
    return referTo == null ? null : referTo.replace("{Number}", number);
  }

  static SipRules parse(JsonObject root, List<String> problems) {
    Networks sources = null;
    if (root.containsKey("sipSources")) {
      if (root.get("sipSources") instanceof JsonArray array && array.stream().allMatch(v -> v instanceof JsonString)) {
        try {
          sources = Networks.parse(String.join(",", array.getValuesAs(JsonString::getString)), "sipSources");
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      } else {
        problems.add("sipSources must be a list of networks such as \"10.1.2.0/24\"");
      }
    }
    String referTo = null;
    if (root.containsKey("referTo")) {
      if (root.get("referTo") instanceof JsonString s && s.getString().matches("sips?:[^\\s<>\"]*\\{Number}[^\\s<>\"]*")) {
        referTo = s.getString();
      } else {
        problems.add("referTo must be a SIP URI with {Number} in it, such as sip:{Number}@10.1.2.3");
      }
    }
    return new SipRules(sources, TenantConfigParser.flag(root, "srtpRequired", problems), Trunk.parse(root, problems), referTo);
  }
}
