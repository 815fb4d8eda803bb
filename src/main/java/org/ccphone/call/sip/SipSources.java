package org.ccphone.call.sip;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ccphone.net.Networks;
import org.ccphone.tenant.TenantConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may send the server calls: an INVITE picks its tenant (AppId), its screen pop, its skills and
 * writes rows into the customer's database, so only the IVRs' networks may send one. The server's
 * list ({@code callcenter.sip.allowedSources}, loopback by default) bounds every tenant; a tenant's
 * own {@code sipSources} narrows it to its IVRs.
 */
@ApplicationScoped
public class SipSources {
  static final String SETTING = "callcenter.sip.allowedSources";

  @Inject
  @ConfigProperty(name = SETTING, defaultValue = "127.0.0.0/8,::1/128")
  String allowed;

  private Networks server;

  @PostConstruct
  void read() {
    server = Networks.parse(allowed, SETTING);
  }

  /** Whether the server takes requests from this address at all. */
  public boolean serverAllows(String address) {
    return address != null && server.contains(address);
  }

  /** Whether this tenant takes calls from this address. */
  public boolean tenantAllows(TenantConfig tenant, String address) {
    Networks own = tenant.sip().sources();
    return own == null || own.contains(address);
  }
}
