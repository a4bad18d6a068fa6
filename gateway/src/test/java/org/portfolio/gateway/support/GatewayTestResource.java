package org.portfolio.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.portfolio.testing.TestTokens;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the gateway at {@link StubService} (contracts, autonomy, performance, integration) and at a port nobody listens on
 * (enrollment), signs tokens with the key {@code RealInfrastructure} generated (so {@code TestTokens} and the
 * gateway's own tokens verify alike), and registers a bootstrap administrator.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOOTSTRAP_ID = "cl_bootstrap_admin";
    public static final String BOOTSTRAP_SECRET = "bootstrap-secret-for-tests-0123456789abcdef";
    public static final String EDFI_SECRET = "edfi-service-secret-for-tests-0123456789abcdef";
    private static int deadPort;

    @Override
    public Map<String, String> start() {
        TestTokens.withRoles("DISTRICT_ADMIN"); // starts the test infrastructure, which writes the key pair
        // enrollment is down on purpose (below): the merged document never lists every source UP, so the contract
        // checks take it as it is rather than wait two minutes for a complete one
        System.setProperty(org.portfolio.testing.contract.ContractValidation.COMPLETE_DOCUMENT_WAIT, "0");
        try {
            String stub = "http://127.0.0.1:" + StubService.start();
            Map<String, String> c = new HashMap<>();
            c.put("smallrye.jwt.sign.key.location", Path.of(System.getProperty("portfolio.test.jwt.private-key")).toUri().toString());
            c.put("portfolio.gateway.services.contracts", stub);
            c.put("portfolio.gateway.services.autonomy", stub);
            c.put("portfolio.gateway.services.performance", stub);
            c.put("portfolio.gateway.services.enrollment", "http://127.0.0.1:" + deadPort());
            System.setProperty(DEAD_PORT, String.valueOf(deadPort()));
            c.put("portfolio.gateway.services.integration", stub);
            c.put("portfolio.gateway.services.edfi", stub);
            c.put("portfolio.gateway.upstream.response-timeout", "2s");
            c.put("portfolio.gateway.upstream.body-stall-timeout", "2s");
            c.put("portfolio.gateway.upstream.answer-window", "2s");
            c.put("portfolio.gateway.bootstrap.client-id", BOOTSTRAP_ID);
            c.put("portfolio.gateway.bootstrap.client-secret", BOOTSTRAP_SECRET);
            c.put("portfolio.gateway.bootstrap.edfi-client-secret", EDFI_SECRET);
            // generous, so that only RateLimitTest (its own profile) meets the limits
            c.put("portfolio.gateway.rate-limit.client.requests-per-second", "10000");
            c.put("portfolio.gateway.rate-limit.client.burst", "10000");
            c.put("portfolio.gateway.rate-limit.anonymous.requests-per-second", "10000");
            c.put("portfolio.gateway.rate-limit.anonymous.burst", "10000");
            return c;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** System property naming the port enrollment is routed to, on which nothing listens (a test may listen a moment). */
    public static final String DEAD_PORT = "portfolio.test.gateway.dead-port";

    /** A port that was free a moment ago and that nothing listens on. */
    private static synchronized int deadPort() throws IOException {
        if (deadPort == 0) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                deadPort = s.getLocalPort();
            }
        }
        return deadPort;
    }
}
