package io.vesana.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address block to scan, parsed without any name lookup: IPv4 {@code a.b.c.d/n} or an IPv6
 * literal with {@code /n}; a bare address is a block of one. Host bits are allowed and dropped
 * ({@code 10.0.0.5/24} is {@code 10.0.0.0/24}), as nmap reads it.
 *
 * @param text the normalised block, e.g. {@code 10.0.0.0/24}
 * @param addresses how many addresses it spans (2^(bits - prefix))
 */
public record CidrBlock(String text, int prefix, boolean ipv6, double addresses) {

  /**
   * The largest block one scan request may cover: 65 536 addresses (IPv4 /16, IPv6 /112). A /8
   * takes nmap hours and floods the collector's network; larger ranges are split by the operator.
   */
  public static final int MAX_ADDRESSES = 65_536;

  private static final Pattern V4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
  private static final Pattern V6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

  /**
   * @throws IllegalArgumentException with a message fit for a user if {@code s} is not a block
   */
  public static CidrBlock parse(String s) {
    if (s == null || s.isBlank() || s.length() > 60) {
      throw new IllegalArgumentException("must be a CIDR block such as 10.0.0.0/24");
    }
    String t = s.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    boolean v6 = address.indexOf(':') >= 0;
    int bits = v6 ? 128 : 32;
    int prefix = slash < 0 ? bits : prefixOf(t.substring(slash + 1), bits);
    byte[] raw = v6 ? ipv6(address) : ipv4(address);
    for (int i = 0; i < raw.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - 8 * i));
      raw[i] = (byte) (raw[i] & (0xFF << (8 - keep)));
    }
    String base;
    try {
      // A byte array of the right length is never looked up by name.
      base = InetAddress.getByAddress(raw).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("must be a CIDR block such as 10.0.0.0/24", e);
    }
    return new CidrBlock(base + "/" + prefix, prefix, v6, Math.pow(2, bits - prefix));
  }

  /** Whether the block is small enough for one scan ({@link #MAX_ADDRESSES}). */
  public boolean withinScanLimit() {
    return addresses <= MAX_ADDRESSES;
  }

  private static int prefixOf(String p, int bits) {
    if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("the prefix length after / must be 0.." + bits);
    }
    int n = Integer.parseInt(p);
    if (n > bits) {
      throw new IllegalArgumentException("the prefix length after / must be 0.." + bits);
    }
    return n;
  }

  private static byte[] ipv4(String a) {
    if (!V4.matcher(a).matches()) {
      throw new IllegalArgumentException("must be a CIDR block such as 10.0.0.0/24");
    }
    String[] parts = a.split("\\.");
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v = Integer.parseInt(parts[i]);
      if (v > 255) {
        throw new IllegalArgumentException("each IPv4 part must be 0..255");
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] ipv6(String a) {
    if (!V6.matcher(a).matches()) {
      throw new IllegalArgumentException("must be an IPv6 block such as fd00::/112");
    }
    try {
      // Contains ':', so InetAddress parses it as a literal and never resolves it.
      byte[] raw = InetAddress.getByName(a).getAddress();
      if (raw.length != 16) {
        throw new IllegalArgumentException("must be an IPv6 block such as fd00::/112");
      }
      return raw;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("must be an IPv6 block such as fd00::/112", e);
    }
  }
}
