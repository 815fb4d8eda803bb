package org.ccphone.sip.ra.stack;

import java.util.List;
import java.util.Properties;

/**
 * What a SIP stack is built from: where it listens, its threads and message limits, and its
 * admission control of new calls.
 */
public record StackSettings(String host, int port, List<String> transports, int threads, int maxMessageSize,
    int receiveBufferBytes, Overload overload, Tls tls) {

  public StackSettings(String host, int port, List<String> transports, int threads, int maxMessageSize,
      int receiveBufferBytes, Overload overload) {
    this(host, port, transports, threads, maxMessageSize, receiveBufferBytes, overload, Tls.NONE);
  }

  /**
   * SIP over TLS: its port (0: none) and the keystore of the server's certificate (PKCS#12), the
   * one HTTPS serves by default.
   */
  public record Tls(int port, String keyStore, String password) {
    public static final Tls NONE = new Tls(0, null, null);

    public boolean on() {
      return port > 0 && keyStore != null;
    }
  }

  /**
   * Admission control of new calls: the longest a new call should wait before it is handled, over
   * how long that is judged, the heap share above which calls are refused, the intake time (taken
   * to placed) to aim at, and the Retry-After.
   */
  public record Overload(long targetMillis, long intervalMillis, double heapLimit, long intakeMillis, int retryAfterSeconds) {
    public static final Overload DEFAULTS = new Overload(20, 100, 0.9, 500, 5);
  }

  /** Connections (TCP, TLS) the stack keeps at once: IVRs and proxies hold a few each. */
  static final int MAX_CONNECTIONS = 1000;
  /** The longest pause between the reads of one message on a connection. */
  static final int READ_TIMEOUT_MILLIS = 5000;

  /** TLS 1.3's, then TLS 1.2's with forward secrecy and AEAD, for EC and RSA certificates. */
  static final List<String> CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

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
    // Connections (TCP, TLS): at most so many at once, and a peer that starts a message must finish
    // it without long pauses, so that idle or trickling sockets cannot take the stack's threads.
    // The stack's own sweep of datagrams queued too long (every 2 s) is replaced by the gate at the
    // socket (UdpGate), which stops queueing new INVITEs once the queue is 100 ms behind.
    p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "0");
    p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", String.valueOf(MAX_CONNECTIONS));
    p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", String.valueOf(READ_TIMEOUT_MILLIS));
    if (tls().on()) {
      // The stack's own properties, not the JVM's: JAIN-SIP builds its TLS sockets from these.
      p.setProperty(StackKeyStore.KEY_STORE, tls().keyStore());
      p.setProperty(StackKeyStore.PASSWORD, tls().password() == null ? "" : tls().password());
      p.setProperty(StackKeyStore.TYPE, "PKCS12");
      p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
      // JAIN-SIP's own default is two suites of RSA and anonymous DH: no EC certificate could be served.
      p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", CIPHER_SUITES));
      // IVRs are known by their network (callcenter.sip.allowedSources), not by a client certificate.
      p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
      p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", String.valueOf(READ_TIMEOUT_MILLIS));
    }
    p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", StackKeyStore.class.getName());
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    return p;
  }
}
