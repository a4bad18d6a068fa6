package org.portfolio.platform.web.net;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}; an address alone is a network of
 * one). Parsed from a literal only: never a name lookup. Used for the networks webhook targets may reach
 * (integration-service) and the proxies whose {@code X-Forwarded-For} the gateway believes.
 */
public record Network(byte[] network, int bits) {

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /**
     * An IP address written as a literal (dotted quad, or IPv6 with its zone, {@code %…}, dropped), or null — never a
     * name lookup: {@code InetAddress.getByName} resolves anything that is not a valid literal ({@code 1.2.3.4.5},
     * {@code 999.1.1.1}) through DNS, which a caller must never be able to make the gateway do.
     */
    public static InetAddress literal(String text) {
        String t = text.trim();
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        if (t.isEmpty() || t.length() > 45 || !(IPV4.matcher(t).matches() || IPV6.matcher(t).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a valid IPv4 literal, or a string with ':' (an IPv6 literal or an error)
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    public static Network parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        InetAddress a = literal(address);
        if (a == null || address.indexOf('%') >= 0) {
            throw new IllegalArgumentException("not a network in CIDR notation (an IP address, /bits): " + text);
        }
        try {
            int max = a.getAddress().length * 8;
            int bits = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("not a network in CIDR notation: " + text);
            }
            return new Network(a.getAddress(), bits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a network in CIDR notation: " + text, e);
        }
    }

    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
