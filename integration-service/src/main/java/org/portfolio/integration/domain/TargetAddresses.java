package org.portfolio.integration.domain;

import org.portfolio.platform.web.net.Network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The server-side request forgery rule for webhook targets: which addresses a delivery may connect to. Refused
 * unless allowed: loopback, private (RFC 1918, fc00::/7, 100.64/10 shared), link-local (169.254/16 with the cloud
 * metadata address, fe80::/10), unspecified (0.0.0.0/8, ::), multicast and broadcast.
 */
public final class TargetAddresses {

    private final boolean allowPrivate;
    private final List<Network> allowedNetworks;

    public TargetAddresses(boolean allowPrivate, List<String> allowedNetworks) {
        this.allowPrivate = allowPrivate;
        this.allowedNetworks = allowedNetworks.stream().map(Network::parse).toList();
    }

    /** Why this address may not be connected to; empty when it may. */
    public Optional<String> refusal(InetAddress a) {
        Optional<String> kind = restrictedKind(a);
        if (kind.isEmpty() || allowPrivate || allowedNetworks.stream().anyMatch(n -> n.contains(a))) {
            return Optional.empty();
        }
        return kind;
    }

    /** The kind of restricted address this is, or empty for a public address. */
    public static Optional<String> restrictedKind(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local address (e.g. cloud metadata)");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
                return Optional.of("a private address");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("a shared (carrier-grade NAT) address");
            }
            if (first == 0) {
                return Optional.of("the unspecified address");
            }
            if (first == 255 && (b[1] & b[2] & b[3] & 0xff) == 0xff) {
                return Optional.of("the broadcast address");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("an IETF protocol assignment address (192.0.0.0/24)");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("a benchmarking address (198.18.0.0/15)");
            }
            if (first >= 240) {
                return Optional.of("a reserved address (240.0.0.0/4)");
            }
        } else if (a instanceof Inet6Address) {
            // an IPv4 address carried inside an IPv6 one reaches that IPv4 address: judge it as such
            Optional<InetAddress> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return restrictedKind(embedded.get()).map(k -> k + " inside an IPv6 address");
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && b[4] == 0 && (b[5] & 0xff) == 0x01) {
                return Optional.of("a local-use NAT64 address (64:ff9b:1::/48)");
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return Optional.of("a Teredo tunnel address (2001::/32)");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private (unique local) address");
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return Optional.of("a private (site-local) address");
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible
     * (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. Java turns an IPv4-mapped literal into an IPv4
     * address, but not an address the system resolver answers for a name (an AAAA record {@code ::ffff:a9fe:a9fe}):
     * that one arrives as an {@link Inet6Address} and reaches the IPv4 host all the same.
     */
    static Optional<InetAddress> embeddedIpv4(byte[] b) {
        try {
            boolean zeros = true;
            for (int i = 0; i < 12; i++) {
                zeros &= b[i] == 0;
            }
            boolean zeros8 = true;
            for (int i = 0; i < 8; i++) {
                zeros8 &= b[i] == 0;
            }
            boolean mapped = zeros8 && b[8] == 0 && b[9] == 0 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean translated = zeros8 && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0;
            if (mapped || translated) {
                return Optional.of(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            for (int i = 4; nat64 && i < 12; i++) {
                nat64 = b[i] == 0;
            }
            if ((zeros && !(b[12] == 0 && b[13] == 0 && b[14] == 0)) || nat64) {
                return Optional.of(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return Optional.of(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 2, 6)));
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
        return Optional.empty();
    }
}
