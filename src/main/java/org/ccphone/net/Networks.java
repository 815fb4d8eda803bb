package org.ccphone.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of IP networks given as comma-separated CIDRs ({@code 10.0.0.0/8, ::1/128}; a bare
 * address is a single host). Addresses are matched as literals: a host name is never looked up.
 */
public final class Networks {
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

  private Networks(List<Network> networks) {
    this.networks = networks;
  }

  /**
   * The networks of a comma-separated list of CIDRs (blank or null: none).
   *
   * @param setting the configuration property it comes from, named in the error
   * @throws IllegalArgumentException naming the entry that is not a CIDR of an IP address
   */
  public static Networks parse(String cidrs, String setting) {
    List<Network> networks = new ArrayList<>();
    if (cidrs != null) {
      for (String entry : cidrs.split(",")) {
        String cidr = entry.strip();
        if (!cidr.isEmpty()) {
          networks.add(network(cidr, setting));
        }
      }
    }
    return new Networks(List.copyOf(networks));
  }

  private static Network network(String cidr, String setting) {
    String[] parts = cidr.split("/", 2);
    byte[] prefix = literal(parts[0]);
    if (prefix == null) {
      throw new IllegalArgumentException("not a network (CIDR) in " + setting + ": " + cidr);
    }
    int bits;
    try {
      bits = parts.length == 2 ? Integer.parseInt(parts[1]) : prefix.length * 8;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a prefix length in " + setting + ": " + cidr);
    }
    if (bits < 0 || bits > prefix.length * 8) {
      throw new IllegalArgumentException("prefix length out of range in " + setting + ": " + cidr);
    }
    return new Network(prefix, bits);
  }

  public boolean isEmpty() {
    return networks.isEmpty();
  }

  /** Whether the address literal falls in one of the networks; false for anything but a literal. */
  public boolean contains(String address) {
    if (networks.isEmpty()) {
      return false; // the common case (no trusted proxies): nothing to parse
    }
    byte[] bytes = literal(address);
    return bytes != null && networks.stream().anyMatch(n -> n.contains(bytes));
  }

  /** The bytes of an IP address literal (IPv6 possibly in brackets), or null for anything else (never resolved). */
  public static byte[] literal(String text) {
    if (text != null && text.length() > 2 && text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
      return null;
    }
    try {
      return InetAddress.getByName(text).getAddress(); // a literal: no lookup
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  /** Whether the text is an IP address literal (not a name). */
  public static boolean isLiteral(String text) {
    return literal(text) != null;
  }

  /** Whether the address literal is a loopback address (127.0.0.0/8, ::1; an IPv4-mapped one reads as IPv4). */
  public static boolean isLoopback(String address) {
    byte[] bytes = literal(address);
    try {
      return bytes != null && InetAddress.getByAddress(bytes).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
