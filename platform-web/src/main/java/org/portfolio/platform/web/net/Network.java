package org.portfolio.platform.web.net;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}; an address alone is a network of
 * one). Parsed from a literal only: never a name lookup. Used for the networks webhook targets may reach
 * (integration-service) and the proxies whose {@code X-Forwarded-For} the gateway believes.
 */
public record Network(byte[] network, int bits) {

    public static Network parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("not a network in CIDR notation (an IP address, /bits): " + text);
        }
        try {
            InetAddress a = InetAddress.getByName(address); // a literal: no name lookup
            int max = a.getAddress().length * 8;
            int bits = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("not a network in CIDR notation: " + text);
            }
            return new Network(a.getAddress(), bits);
        } catch (java.net.UnknownHostException | NumberFormatException e) {
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
