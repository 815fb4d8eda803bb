package org.ccphone.call.sip;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** INVITEs refused before their Call Start for what they are or where they come from, counted for the metrics. */
@ApplicationScoped
public class SipRefusals {
  public enum Why {
    /** A call data header over its bound: 400. */
    CALL_DATA_TOO_LARGE,
    /** From outside the networks allowed to send calls: 403. */
    UNTRUSTED_SOURCE,
    /** An offer whose media would cross in clear, or plain where the tenant requires SRTP: 488. */
    MEDIA_NOT_SECURE
  }

  private final Map<Why, AtomicLong> counts = new EnumMap<>(Why.class);

  public SipRefusals() {
    for (Why why : Why.values()) {
      counts.put(why, new AtomicLong());
    }
  }

  public void refused(Why why) {
    counts.get(why).incrementAndGet();
  }

  public long count(Why why) {
    return counts.get(why).get();
  }
}
