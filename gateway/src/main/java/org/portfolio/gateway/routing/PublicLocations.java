package org.portfolio.gateway.routing;

import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps the services' own addresses out of answers: a {@code Location} or {@code Content-Location} that names a
 * service's base URL ({@code http://127.0.0.1:8083/api/performance/ingest/jobs/…}, also scheme-relative
 * {@code //127.0.0.1:8083/…}) is rewritten to the address the caller used. Any other value (a relative reference,
 * which resolves against the public URL the same way since the gateway does not change paths, or a foreign URL)
 * is returned unchanged.
 * <p>
 * The public address is the gateway's own scheme and the request's {@code Host}. Only with
 * {@code portfolio.gateway.trust-forwarded-headers=true} (the gateway runs behind a proxy that sets them and strips
 * what callers send) do RFC 7239 {@code Forwarded} ({@code proto}, {@code host}) and then {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host}, {@code X-Forwarded-Port} decide it; the first (client-side) element of each counts.
 * A value that is not a plain host[:port] or http/https is ignored; without any usable host the URL becomes a
 * relative reference (path, query, fragment), which never names an internal address.
 */
final class PublicLocations {

    private static final Pattern HOST = Pattern.compile("(?:\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::[0-9]{1,5})?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** Lower-case {@code scheme://host[:port]} of every service, with and without a default port; longest first. */
    private final List<String> origins;
    private final boolean trustForwarded;

    PublicLocations(Collection<URI> services, boolean trustForwarded) {
        List<String> o = new ArrayList<>();
        for (URI base : services) {
            String scheme = base.getScheme() == null ? "http" : base.getScheme().toLowerCase(Locale.ROOT);
            String host = base.getHost() == null ? null : base.getHost().toLowerCase(Locale.ROOT);
            if (host == null) {
                continue;
            }
            int defaultPort = scheme.equals("https") ? 443 : 80;
            int port = base.getPort() > 0 ? base.getPort() : defaultPort;
            o.add(scheme + "://" + host + ":" + port);
            if (port == defaultPort) {
                o.add(scheme + "://" + host);
            }
        }
        o.sort((a, b) -> b.length() - a.length());
        this.origins = List.copyOf(o);
        this.trustForwarded = trustForwarded;
    }

    /**
     * {@code scheme://host[:port]} the caller used (behind a trusted TLS terminator: what it forwarded), or null when no
     * usable host is known.
     */
    String callerOrigin(HttpServerRequest in) {
        @SuppressWarnings("deprecation")
        String host = in.host(); // the Host header, or HTTP/2's :authority
        return publicOrigin(trustForwarded, in.scheme(), host, in.getHeader("Forwarded"),
                in.getHeader("X-Forwarded-Proto"), in.getHeader("X-Forwarded-Host"), in.getHeader("X-Forwarded-Port"));
    }

    /** The header value to give the caller. */
    String rewrite(String value, HttpServerRequest in) {
        String rest = afterServiceOrigin(value);
        if (rest == null) {
            return value;
        }
        String origin = callerOrigin(in);
        if (origin == null) {
            return rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest;
        }
        return origin + rest;
    }

    /** What follows a service's origin in {@code value} (path, query, fragment), or null when it names no service. */
    String afterServiceOrigin(String value) {
        String v = value.trim();
        for (String origin : origins) {
            int start;
            if (v.regionMatches(true, 0, origin, 0, origin.length())) {
                start = origin.length();
            } else {
                int authority = origin.indexOf("//");
                int len = origin.length() - authority;
                if (!v.startsWith("//") || !v.regionMatches(true, 0, origin, authority, len)) {
                    continue;
                }
                start = len;
            }
            if (v.length() == start || "/?#".indexOf(v.charAt(start)) >= 0) {
                return v.substring(start);
            }
        }
        return null;
    }

    /** {@code scheme://host[:port]} the caller used, or null when no usable host is known. */
    static String publicOrigin(boolean trustForwarded, String scheme, String hostHeader, String forwarded,
                               String xForwardedProto, String xForwardedHost, String xForwardedPort) {
        String proto = "https".equalsIgnoreCase(scheme) ? "https" : "http";
        String host = validHost(hostHeader);
        if (trustForwarded) {
            String fProto = null;
            String fHost = null;
            if (forwarded != null) {
                for (String pair : firstElement(forwarded).split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String val = unquote(pair.substring(eq + 1).trim());
                    if (name.equals("proto")) {
                        fProto = val;
                    } else if (name.equals("host")) {
                        fHost = val;
                    }
                }
            }
            String p = validProto(fProto != null ? fProto : firstElement(xForwardedProto));
            if (p != null) {
                proto = p;
            }
            String h = validHost(fHost);
            if (h != null) {
                host = h;
            } else {
                h = validHost(firstElement(xForwardedHost));
                if (h != null) {
                    host = h;
                }
                String port = firstElement(xForwardedPort);
                if (host != null && port != null && PORT.matcher(port).matches() && Integer.parseInt(port) <= 65535) {
                    host = withoutPort(host) + ":" + port;
                }
            }
        }
        return host == null ? null : proto + "://" + host;
    }

    private static String firstElement(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = (comma < 0 ? header : header.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    private static String validProto(String p) {
        if (p == null) {
            return null;
        }
        String lower = p.toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") ? lower : null;
    }

    static String validHost(String h) {
        if (h == null || h.isEmpty() || !HOST.matcher(h).matches()) {
            return null;
        }
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']') && Integer.parseInt(h.substring(colon + 1)) > 65535) {
            return null;
        }
        return h;
    }

    private static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    }
}
