package org.portfolio.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import org.portfolio.gateway.config.GatewayConfig;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which service owns a path (the routing table of the configuration, longest prefix first) and which body limit
 * and response timeout apply to it.
 */
public final class RouteTable {

    /** A service route: requests whose path is the prefix or below it go to the service, path unchanged. */
    public record Route(String prefix, String service, String host, int port, boolean ssl, String metricsTemplate) {
    }

    /** Limits of a path: the body size and how long the service may take to answer. */
    public record Policy(String prefix, long maxBodySize, Duration responseTimeout) {
    }

    /** The Ed-Fi door (edfi-service) answers below this prefix, which Ed-Fi clients expect at the root, not under /api/. */
    public static final String EDFI = "/edfi";
    /** The Ed-Fi clients' token endpoint: the gateway's own (same clients, same semantics as /oauth/token), never routed. */
    public static final String EDFI_TOKEN = "/edfi/oauth/token";

    private final List<Route> routes;
    private final List<Policy> policies;
    private final Policy defaults;

    public RouteTable(GatewayConfig config) {
        List<Route> r = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : config.routes().entrySet()) {
            URI base = config.services().get(e.getKey());
            if (base == null) {
                throw new IllegalStateException("portfolio.gateway.routes." + e.getKey()
                        + " names a service without portfolio.gateway.services." + e.getKey());
            }
            boolean ssl = "https".equalsIgnoreCase(base.getScheme());
            int port = base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80);
            for (String prefix : e.getValue()) {
                String p = trimSlash(prefix);
                if (!p.startsWith("/api/") && !p.equals(EDFI)) {
                    throw new IllegalStateException("route prefixes start with /api/ (or are " + EDFI + "): " + prefix);
                }
                r.add(new Route(p, e.getKey(), base.getHost(), port, ssl, p + "/**"));
            }
        }
        r.sort(Comparator.comparingInt((Route x) -> x.prefix().length()).reversed());
        for (int i = 0; i < r.size(); i++) {
            for (int j = i + 1; j < r.size(); j++) {
                if (r.get(i).prefix().equals(r.get(j).prefix())) {
                    throw new IllegalStateException("route prefix " + r.get(i).prefix() + " is given to two services");
                }
            }
        }
        routes = List.copyOf(r);
        defaults = new Policy("/", config.limits().defaultMaxBodySize().asLongValue(), config.upstream().responseTimeout());
        List<Policy> p = new ArrayList<>();
        for (GatewayConfig.RouteLimit l : config.limits().routes().values()) {
            p.add(new Policy(trimSlash(l.prefix()), l.maxBodySize().map(MemorySize::asLongValue).orElse(defaults.maxBodySize()),
                    l.responseTimeout().orElse(defaults.responseTimeout())));
        }
        p.sort(Comparator.comparingInt((Policy x) -> x.prefix().length()).reversed());
        policies = List.copyOf(p);
    }

    /** The service route of a normalized path, or null for the gateway's own paths. */
    public Route route(String path) {
        if (path.equals(EDFI_TOKEN)) {
            return null;
        }
        for (Route r : routes) {
            if (under(path, r.prefix())) {
                return r;
            }
        }
        return null;
    }

    public Policy policy(String path) {
        for (Policy p : policies) {
            if (under(path, p.prefix())) {
                return p;
            }
        }
        return defaults;
    }

    public List<Route> routes() {
        return routes;
    }

    static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    private static String trimSlash(String s) {
        String t = s.trim();
        while (t.length() > 1 && t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
