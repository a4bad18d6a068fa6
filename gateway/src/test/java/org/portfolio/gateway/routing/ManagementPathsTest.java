package org.portfolio.gateway.routing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Health and Swagger UI for anyone; metrics and the rest of /q only from the management networks, never through a proxy. */
class ManagementPathsTest {

    private final ManagementPaths paths = new ManagementPaths(List.of("10.1.0.0/16", " "));

    @Test
    void metricsOnlyFromAManagementNetworkAndNotThroughAProxy() throws Exception {
        assertThat(paths.mayRead("/q/metrics", InetAddress.getByName("10.1.2.3"), false)).isTrue();
        assertThat(paths.mayRead("/q/metrics", InetAddress.getByName("10.1.2.3"), true)).as("a proxy passed it on").isFalse();
        assertThat(paths.mayRead("/q/metrics", InetAddress.getByName("10.2.0.1"), false)).isFalse();
        // loopback is the default's, not this configuration's
        assertThat(paths.mayRead("/q/metrics", InetAddress.getByName("127.0.0.1"), false)).isFalse();
        assertThat(paths.mayRead("/q/metrics", null, false)).as("a socket that is no IP address").isFalse();
    }

    @Test
    void anAllowListHealthSwaggerUiAndTheOpenApiDocumentForAnyoneNothingElse() throws Exception {
        InetAddress outside = InetAddress.getByName("203.0.113.9");
        for (String open : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/swagger-ui", "/q/swagger-ui/index.html", "/q/openapi")) {
            assertThat(paths.mayRead(open, outside, true)).as(open).isTrue();
        }
        for (String closed : List.of("/q", "/q/", "/q/metrics", "/q/metrics/json", "/q/info", "/q/dev-ui", "/q/healthz", "/q/openapi.json",
                "/q/swagger-uix")) {
            assertThat(paths.mayRead(closed, outside, false)).as(closed).isFalse();
        }
    }
}
