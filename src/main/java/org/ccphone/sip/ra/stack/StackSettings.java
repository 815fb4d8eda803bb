package org.ccphone.sip.ra.stack;

import java.util.List;
import java.util.Properties;

/**
 * What a SIP stack is built from: where it listens, its threads and message limits, and its
 * admission control of new calls.
 */
public record StackSettings(String host, int port, List<String> transports, int threads, int maxMessageSize,
    int receiveBufferBytes, Overload overload) {

  /**
   * Admission control of new calls: the longest a new call should wait before it is handled, over
   * how long that is judged, the heap share above which calls are refused, and the Retry-After.
   */
  public record Overload(long targetMillis, long intervalMillis, double heapLimit, int retryAfterSeconds) {
    public static final Overload DEFAULTS = new Overload(20, 100, 0.9, 5);
  }

  /** The JAIN-SIP properties of this stack. */
  Properties jainSipProperties() {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "callcenter-sip-" + port());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(threads()));
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(maxMessageSize()));
    // The kernel's default socket buffer (about 208 KiB) drops datagrams in bursts before the stack reads them.
    p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(receiveBufferBytes()));
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    return p;
  }
}
