package org.ccphone.call;

import java.util.Collection;
import java.util.Optional;
import org.ccphone.call.model.Call;

/**
 * The calls in progress on this server. An interface so that calls can later live on the data grid
 * with the agent sessions (docs/decisions.md).
 */
public interface CallRegistry {

  /**
   * Registers a new call unless a limit is reached: the server's (all tenants) or the tenant's
   * (0: none). False when refused.
   */
  boolean tryAdd(Call call, int serverLimit, int tenantLimit);

  Optional<Call> byKey(String key);

  /** By the SIP Call-ID of its INVITE (CANCEL, ACK and BYE carry the same). */
  Optional<Call> bySipCallId(String sipCallId);

  /** Another SIP Call-ID of the call (the outside party's of a transfer through the trunk): its requests find the call too. */
  void alias(Call call, String sipCallId);

  void remove(Call call);

  int size();

  Collection<Call> all();
}
