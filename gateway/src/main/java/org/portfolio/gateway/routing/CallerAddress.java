package org.portfolio.gateway.routing;

import io.vertx.core.http.HttpServerRequest;
import org.portfolio.platform.web.net.Network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * Entries are IP literals only (never a name lookup: {@link Network#literal}); an entry that is not one ends the walk,
 * as do {@link #MAX_HOPS} entries.
 */
final class CallerAddress {

    /** X-Forwarded-For entries looked at, at most (proxies in front of the gateway: one or two). */
    static final int MAX_HOPS = 16;

    private final List<Network> trusted;

    CallerAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().filter(t -> !t.isBlank()).map(Network::parse).toList();
    }

    String of(HttpServerRequest req) {
        InetAddress a = socket(req);
        if (a == null) {
            return req.remoteAddress() == null ? "?" : req.remoteAddress().hostAddress();
        }
        if (trusted(a)) {
            // from the right: the last line's last entry is what the nearest proxy appended; at most MAX_HOPS looked at,
            // whatever the header holds (nothing is split or copied beyond them)
            List<String> lines = req.headers().getAll("X-Forwarded-For");
            int hops = 0;
            walk:
            for (int l = lines.size() - 1; l >= 0; l--) {
                String line = lines.get(l);
                int end = line.length();
                while (end >= 0 && trusted(a)) {
                    if (++hops > MAX_HOPS) {
                        break walk;
                    }
                    int comma = line.lastIndexOf(',', end - 1);
                    InetAddress hop = literal(line.substring(comma + 1, end));
                    if (hop == null) {
                        break walk;
                    }
                    a = hop;
                    if (comma < 0) {
                        break;
                    }
                    end = comma;
                }
                if (!trusted(a)) {
                    break;
                }
            }
        }
        return key(a);
    }

    /** The socket's own address (never X-Forwarded-For), or null when it is not an IP address. */
    static InetAddress socket(HttpServerRequest req) {
        return req.remoteAddress() == null ? null : literal(req.remoteAddress().hostAddress());
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
        } else if (t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') > 0) {
            t = t.substring(0, t.indexOf(':')); // an IPv4 address with a port
        }
        return Network.literal(t); // never a name lookup
    }
}
