package org.ccphone.media;

import org.ccphone.net.Networks;

/**
 * Which ICE candidates may cross the server between agents' browsers and the media server: those
 * whose address falls in one of the configured networks; all when none is configured. The media
 * server's own, toward phones: {@code callcenter.media.candidateAddresses} (CIDRs such as
 * {@code 127.0.0.0/8,::1/128} for loopback only, or the addresses it serves agents on). The phones',
 * toward the media server: {@code callcenter.media.phoneCandidateAddresses}, all by default. A candidate named by a host name (a browser's mDNS {@code .local} name) is refused
 * under a policy, as its address cannot be checked; it is never looked up.
 */
public final class CandidatePolicy {
  private static final String SETTING = "callcenter.media.candidateAddresses";

  private final Networks networks;

  private CandidatePolicy(Networks networks) {
    this.networks = networks;
  }

  /** Every candidate allowed. */
  public static CandidatePolicy all() {
    return new CandidatePolicy(Networks.parse("", SETTING));
  }

  /**
   * The policy of a comma-separated list of CIDRs (blank: all).
   *
   * @throws IllegalArgumentException naming the entry that is not a CIDR of an IP address
   */
  public static CandidatePolicy of(String cidrs) {
    return of(cidrs, SETTING);
  }

  /** The same, read from another setting, named in the error. */
  public static CandidatePolicy of(String cidrs, String setting) {
    return new CandidatePolicy(Networks.parse(cidrs, setting));
  }

  /** Whether the candidate may be passed on. */
  public boolean allows(IceCandidate candidate) {
    return networks.isEmpty() || (candidate != null && networks.contains(address(candidate.candidate())));
  }

  /** The connection address of an SDP candidate line: "candidate:foundation component transport priority address port typ ...". */
  static String address(String candidate) {
    if (candidate == null) {
      return null;
    }
    String[] fields = candidate.strip().split("\\s+");
    return fields.length > 5 ? fields[4] : null;
  }
}
