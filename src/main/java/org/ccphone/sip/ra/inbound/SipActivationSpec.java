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
import org.ccphone.sip.ra.stack.SipStackHolder;

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

  // RFC 3261's T4 ("the time the network takes to clear messages", 5 s by its default) is how long an
  // INVITE refused or redirected over UDP keeps its transaction after the caller's ACK (Timer I), only
  // to absorb copies of that ACK; a copy that comes later is dropped just the same. The IVR sits on
  // the call center's own network, where no message lives for seconds, and at 1,000 calls/s 5 s kept
  // 5,000 parsed INVITEs alive for the collector to copy (docs/performance.md, decision 47).
  @ConfigProperty(defaultValue = "500", description = "RFC 3261 T4 in ms: how long an INVITE answered 3xx-6xx over UDP waits for copies of its ACK (RFC default 5000)")
  private Integer timerT4Millis = Integer.getInteger("callcenter.sip.timerT4Millis", 500);

  public Integer getTimerT4Millis() { return timerT4Millis; }
  public void setTimerT4Millis(Integer timerT4Millis) { this.timerT4Millis = timerT4Millis; }

  @ConfigProperty(defaultValue = "20", description = "Admission: the longest a new call should wait before it is handled, in ms")
  private Integer admissionTargetMillis = Integer.getInteger("callcenter.sip.admissionTargetMillis", 20);

  @ConfigProperty(defaultValue = "100", description = "Admission: how long waits must stay above the target before new calls are refused, in ms")
  private Integer admissionIntervalMillis = Integer.getInteger("callcenter.sip.admissionIntervalMillis", 100);

  @ConfigProperty(defaultValue = "5", description = "Retry-After of the 503 to a new call refused for overload, in seconds")
  private Integer overloadRetryAfterSeconds = Integer.getInteger("callcenter.sip.overloadRetryAfterSeconds", 5);

  public Integer getAdmissionTargetMillis() { return admissionTargetMillis; }
  public void setAdmissionTargetMillis(Integer v) { this.admissionTargetMillis = v; }
  public Integer getAdmissionIntervalMillis() { return admissionIntervalMillis; }
  public void setAdmissionIntervalMillis(Integer v) { this.admissionIntervalMillis = v; }
  public Integer getOverloadRetryAfterSeconds() { return overloadRetryAfterSeconds; }
  public void setOverloadRetryAfterSeconds(Integer v) { this.overloadRetryAfterSeconds = v; }

  SipStackHolder.Overload overload() {
    return new SipStackHolder.Overload(admissionTargetMillis, admissionIntervalMillis, 0.9, overloadRetryAfterSeconds);
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
    if (timerT4Millis == null || timerT4Millis < 500 || timerT4Millis > 5000) {
      throw new InvalidPropertyException("timerT4Millis must be 500-5000 (the stack's timers tick every 500 ms)");
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
