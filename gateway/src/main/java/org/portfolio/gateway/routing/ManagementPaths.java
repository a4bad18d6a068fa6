package org.portfolio.gateway.routing;

import io.vertx.core.http.HttpServerRequest;
import org.portfolio.platform.web.net.Network;

import java.net.InetAddress;
import java.util.List;

/**
 * Who may read the gateway's management paths ({@code /q/...}) on its public port (docs/security.md T12): health,
 * Swagger UI and the gateway's own OpenAPI document are anyone's; the rest ({@code /q/metrics}: request counts per
 * route, JVM and pool figures, the limiter's refusals) only a caller whose socket is in
 * {@code portfolio.gateway.management.networks} (loopback by default) and that came through no proxy. Everyone else
 * is told there is nothing there (404), as for any unknown path. An allow-list: a path not named here is refused.
 */
final class ManagementPaths {

    private final List<Network> networks;

    ManagementPaths(List<String> networks) {
        this.networks = networks.stream().filter(n -> !n.isBlank()).map(Network::parse).toList();
    }

    /** Readable by anyone: load balancers' health checks, the API's documentation. */
    static boolean isPublic(String path) {
        return under(path, "/q/health") || under(path, "/q/swagger-ui") || path.equals("/q/openapi");
    }

    boolean mayRead(String path, HttpServerRequest req) {
        boolean proxied = req.getHeader("X-Forwarded-For") != null || req.getHeader("Forwarded") != null;
        return mayRead(path, CallerAddress.socket(req), proxied);
    }

    /** {@code proxied}: the request came through a proxy (it names an address it was forwarded for): an outside caller's. */
    boolean mayRead(String path, InetAddress socket, boolean proxied) {
        if (isPublic(path)) {
            return true;
        }
        if (proxied || socket == null) {
            return false;
        }
        for (Network n : networks) {
            if (n.contains(socket)) {
                return true;
            }
        }
        return false;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
