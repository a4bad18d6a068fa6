package org.portfolio.gateway.routing;

import io.vertx.core.http.HttpServerRequest;
import org.portfolio.platform.web.net.Network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The key of a caller without a token, for its rate-limit bucket, its requests in flight and its invalid tokens
 * (docs/security.md T12). The socket's address, except:
 * <ul>
 *   <li>when the socket is a proxy the deployment trusts ({@code rate-limit.trusted-proxies}, CIDR networks, none by
 *   default), the address that proxy saw: the {@code X-Forwarded-For} entries read from the right, skipping trusted
 *   proxies, up to the first that is not one (what a caller writes to the left of it is never believed) — so callers
 *   behind the deployment's TLS terminator no longer share one bucket;</li>
 *   <li>an IPv6 address counts by its /64 network (one host is usually given a whole /64, and could otherwise take a
 *   new key per request); an IPv4-mapped IPv6 address counts as its IPv4 address.</li>
 * </ul>
 * Entries are IP literals only (never a name lookup); an entry that is not one ends the walk.
 */
final class CallerAddress {

    private static final String LITERAL = "[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*";

    private final List<Network> trusted;

    CallerAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().filter(t -> !t.isBlank()).map(Network::parse).toList();
    }

    String of(HttpServerRequest req) {
        if (req.remoteAddress() == null) {
            return "?";
        }
        String socket = req.remoteAddress().hostAddress();
        InetAddress a = literal(socket);
        if (a == null) {
            return socket;
        }
        if (trusted(a)) {
            List<String> hops = new ArrayList<>();
            for (String header : req.headers().getAll("X-Forwarded-For")) {
                for (String hop : header.split(",")) {
                    hops.add(hop);
                }
            }
            for (int i = hops.size() - 1; i >= 0 && trusted(a); i--) {
                InetAddress hop = literal(hops.get(i));
                if (hop == null) {
                    break;
                }
                a = hop;
            }
        }
        return key(a);
    }

    private boolean trusted(InetAddress a) {
        for (Network n : trusted) {
            if (n.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** The bucket key of an address: IPv4 as it is, IPv6 by its /64. */
    static String key(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            byte[] prefix = new byte[16];
            System.arraycopy(b, 0, prefix, 0, 8);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // sixteen bytes are always an address
            }
        }
        return a.getHostAddress();
    }

    /** An IP literal ({@code 203.0.113.7}, {@code 2001:db8::1}, {@code [2001:db8::1]:443}, {@code 203.0.113.7:5000}), or null. */
    static InetAddress literal(String text) {
        String t = text.trim();
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                return null;
            }
            t = t.substring(1, end);
        } else if (t.matches("[0-9.]+:[0-9]{1,5}")) {
            t = t.substring(0, t.indexOf(':'));
        }
        if (t.isEmpty() || t.length() > 45 || !t.matches(LITERAL)) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(t); // a literal: no name lookup
            byte[] b = a.getAddress();
            if (b.length == 16 && isV4Mapped(b)) {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
            }
            return a;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
