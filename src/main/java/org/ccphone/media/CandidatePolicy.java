package org.ccphone.media;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which ICE candidates may be exchanged between agents' browsers and the media server, both ways:
 * those whose address falls in one of the configured networks ({@code callcenter.media.candidateAddresses},
 * CIDRs such as {@code 127.0.0.0/8,::1/128} for loopback only, or the agents' LAN); all when none is
 * configured. A candidate named by a host name (a browser's mDNS {@code .local} name) is refused
 * under a policy, as its address cannot be checked; it is never looked up.
 */
public final class CandidatePolicy {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private record Network(byte[] prefix, int bits) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      int mask = (0xff << (8 - rest)) & 0xff;
      return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private final List<Network> networks;

  private CandidatePolicy(List<Network> networks) {
    this.networks = networks;
  }

  /** Every candidate allowed. */
  public static CandidatePolicy all() {
    return new CandidatePolicy(List.of());
  }

  /**
   * The policy of a comma-separated list of CIDRs (blank: all).
   *
   * @throws IllegalArgumentException naming the entry that is not a CIDR of an IP address
   */
  public static CandidatePolicy of(String cidrs) {
    List<Network> networks = new ArrayList<>();
    if (cidrs != null) {
      for (String entry : cidrs.split(",")) {
        String cidr = entry.strip();
        if (cidr.isEmpty()) {
          continue;
        }
        String[] parts = cidr.split("/", 2);
        byte[] prefix = literal(parts[0]);
        if (prefix == null) {
          throw new IllegalArgumentException("not a network (CIDR) in callcenter.media.candidateAddresses: " + cidr);
        }
        int bits;
        try {
          bits = parts.length == 2 ? Integer.parseInt(parts[1]) : prefix.length * 8;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a prefix length in callcenter.media.candidateAddresses: " + cidr);
        }
        if (bits < 0 || bits > prefix.length * 8) {
          throw new IllegalArgumentException("prefix length out of range in callcenter.media.candidateAddresses: " + cidr);
        }
        networks.add(new Network(prefix, bits));
      }
    }
    return new CandidatePolicy(List.copyOf(networks));
  }

  /** Whether the candidate may be passed on. */
  public boolean allows(IceCandidate candidate) {
    if (networks.isEmpty()) {
      return true;
    }
    byte[] address = candidate == null ? null : literal(address(candidate.candidate()));
    return address != null && networks.stream().anyMatch(n -> n.contains(address));
  }

  /** The connection address of an SDP candidate line: "candidate:foundation component transport priority address port typ ...". */
  static String address(String candidate) {
    if (candidate == null) {
      return null;
    }
    String[] fields = candidate.strip().split("\\s+");
    return fields.length > 5 ? fields[4] : null;
  }

  /** The bytes of an IP address literal, or null for anything else (never resolved). */
  private static byte[] literal(String text) {
    if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
      return null;
    }
    try {
      return InetAddress.getByName(text).getAddress(); // a literal: no lookup
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
