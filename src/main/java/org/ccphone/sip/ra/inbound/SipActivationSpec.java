package org.ccphone.sip.ra.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.util.Arrays;
import java.util.List;
import org.ccphone.sip.ra.api.SipRequestListener;
import org.ccphone.sip.ra.stack.StackSettings;

/**
 * Where a message-driven bean listens. The system properties callcenter.sip.host and
 * callcenter.sip.port, when set, override the defaults, so that one server's SIP address is set at
 * its start.
 */
@Activation(messageListeners = SipRequestListener.class)
public class SipActivationSpec implements ActivationSpec {
  private ResourceAdapter resourceAdapter;

  @ConfigProperty(defaultValue = "127.0.0.1", description = "Address to listen on")
  private String host = System.getProperty("callcenter.sip.host", "127.0.0.1");

  @ConfigProperty(defaultValue = "5060", description = "Port to listen on, for every transport")
  private Integer port = Integer.getInteger("callcenter.sip.port", 5060);

  @ConfigProperty(defaultValue = "udp,tcp", description = "Transports, comma separated")
  private String transports = "udp,tcp";

  @ConfigProperty(description = "Keystore (PKCS#12) of SIP over TLS; by default the one HTTPS serves (javax.net.ssl.keyStore)")
  private String tlsKeyStore = System.getProperty("callcenter.sip.tlsKeyStore", System.getProperty("javax.net.ssl.keyStore"));

  @ConfigProperty(description = "The keystore's password; by default javax.net.ssl.keyStorePassword")
  private String tlsKeyStorePassword = System.getProperty("callcenter.sip.tlsKeyStorePassword",
      System.getProperty("javax.net.ssl.keyStorePassword"));

  /** SIP over TLS: on the port after the others' when there is a keystore, unless told (0: none). */
  @ConfigProperty(description = "Port of SIP over TLS (0: none); by default port + 1 when there is a keystore")
  private Integer tlsPort = Integer.getInteger("callcenter.sip.tlsPort", -1);

  public String getTlsKeyStore() { return tlsKeyStore; }
  public void setTlsKeyStore(String v) { this.tlsKeyStore = v; }
  public String getTlsKeyStorePassword() { return tlsKeyStorePassword; }
  public void setTlsKeyStorePassword(String v) { this.tlsKeyStorePassword = v; }
  public Integer getTlsPort() { return tlsPort; }
  public void setTlsPort(Integer v) { this.tlsPort = v; }

  StackSettings.Tls tls() {
    int on = tlsPort == null || tlsPort < 0 ? port + 1 : tlsPort;
    return tlsKeyStore == null || tlsKeyStore.isBlank() ? StackSettings.Tls.NONE
        : new StackSettings.Tls(on, tlsKeyStore, tlsKeyStorePassword);
  }

  @ConfigProperty(defaultValue = "8", description = "Threads of the SIP stack")
  private Integer threads = 8;

  public String getHost() { return host; }
  public void setHost(String host) { this.host = host; }
  public Integer getPort() { return port; }
  public void setPort(Integer port) { this.port = port; }
  public String getTransports() { return transports; }
  public void setTransports(String transports) { this.transports = transports; }
  // JAIN-SIP allocates a buffer of this size for every datagram it receives, so it is kept to what
  // SIP messages need (RFC 3261 sends anything over ~1300 bytes over TCP); it bounds TCP messages too.
  @ConfigProperty(defaultValue = "16384", description = "Largest SIP message accepted, in bytes (UDP and TCP)")
  private Integer maxMessageSize = 16384;

  public Integer getMaxMessageSize() { return maxMessageSize; }
  public void setMaxMessageSize(Integer maxMessageSize) { this.maxMessageSize = maxMessageSize; }

  @ConfigProperty(defaultValue = "4194304", description = "UDP receive buffer of the SIP socket, in bytes (capped by net.core.rmem_max)")
  private Integer receiveBufferBytes = Integer.getInteger("callcenter.sip.receiveBufferBytes", 4 * 1024 * 1024);

  public Integer getReceiveBufferBytes() { return receiveBufferBytes; }
  public void setReceiveBufferBytes(Integer receiveBufferBytes) { this.receiveBufferBytes = receiveBufferBytes; }

  @ConfigProperty(defaultValue = "20", description = "Admission: the longest a new call should wait before it is handled, in ms")
  private Integer admissionTargetMillis = Integer.getInteger("callcenter.sip.admissionTargetMillis", 20);

  @ConfigProperty(defaultValue = "100", description = "Admission: how long waits must stay above the target before new calls are refused, in ms")
  private Integer admissionIntervalMillis = Integer.getInteger("callcenter.sip.admissionIntervalMillis", 100);

  @ConfigProperty(defaultValue = "500", description = "Admission: the intake time of a new call (taken to placed) to aim at, in ms;"
      + " new calls in their intake at once are bounded by what completes in that time")
  private Integer admissionIntakeMillis = Integer.getInteger("callcenter.sip.admissionIntakeMillis", 500);

  @ConfigProperty(defaultValue = "5", description = "Retry-After of the 503 to a new call refused for overload, in seconds")
  private Integer overloadRetryAfterSeconds = Integer.getInteger("callcenter.sip.overloadRetryAfterSeconds", 5);

  public Integer getAdmissionTargetMillis() { return admissionTargetMillis; }
  public void setAdmissionTargetMillis(Integer v) { this.admissionTargetMillis = v; }
  public Integer getAdmissionIntervalMillis() { return admissionIntervalMillis; }
  public void setAdmissionIntervalMillis(Integer v) { this.admissionIntervalMillis = v; }
  public Integer getAdmissionIntakeMillis() { return admissionIntakeMillis; }
  public void setAdmissionIntakeMillis(Integer v) { this.admissionIntakeMillis = v; }
  public Integer getOverloadRetryAfterSeconds() { return overloadRetryAfterSeconds; }
  public void setOverloadRetryAfterSeconds(Integer v) { this.overloadRetryAfterSeconds = v; }

  StackSettings.Overload overload() {
    return new StackSettings.Overload(admissionTargetMillis, admissionIntervalMillis, 0.9, admissionIntakeMillis,
        overloadRetryAfterSeconds);
  }

  public Integer getThreads() { return threads; }
  public void setThreads(Integer threads) { this.threads = threads; }

  List<String> transportList() {
    return Arrays.stream(transports.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  @Override
  public void validate() throws InvalidPropertyException {
    if (port == null || port < 1 || port > 65535) {
      throw new InvalidPropertyException("port must be 1-65535");
    }
    if (transportList().stream().anyMatch(t -> !t.equalsIgnoreCase("udp") && !t.equalsIgnoreCase("tcp"))) {
      throw new InvalidPropertyException("transports are udp and/or tcp");
    }
    if (maxMessageSize == null || maxMessageSize < 4096 || maxMessageSize > 65535) {
      throw new InvalidPropertyException("maxMessageSize must be 4096-65535");
    }
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
    this.resourceAdapter = ra;
  }
}
