package org.portfolio.system.gateway;

import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.PortfolioStack;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway is the one way in (issue 13): under {@code ./portfolio up} the services, PostgreSQL and Kafka
 * listen on loopback only, so the machine's network address reaches the gateway and nothing else; answers through
 * the gateway never name a service's own address; the installation's secrets are owner-only.
 */
@ExtendWith(RunningStack.class)
class OneWayInIT {

    private static final List<String> LOOPBACK_ONLY = List.of("contracts-service", "autonomy-service",
            "performance-service", "enrollment-service", "integration-service", "edfi-service", "postgres", "kafka", "kafka-controller", "infra-control");

    private final PortfolioStack stack;
    private final Api api;

    OneWayInIT(RunningStack.Stack running) {
        this.stack = running.stack();
        this.api = new Api(stack);
    }

    /**
     * Headers a real service still takes pass; larger ones, and overlong request targets, are refused by the gateway as
     * problem+json its document declares (sixth pass L6: ~20 KB passed the gateway and the service answered a bare 431).
     * The exchanges are validated against the merged document like every other.
     */
    @Test
    void headersAServiceTakesPassAndLargerOnesOrOverlongTargetsAre431And414FromTheGateway() throws Exception {
        // near the gateway's 16 KB with the token and the client's own headers: a real service (20 KB) takes it with the gateway's
        api.asAdmin().header("X-Filler", "x".repeat(15_000)).get("/api/schools?size=1").then().statusCode(200);
        api.asAdmin().header("X-Filler", "x".repeat(17_000)).get("/api/schools?size=1").then().statusCode(431)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo("urn:portfolio:problem:headers-too-large"));
        api.asAdmin().get("/api/schools?size=1&zone=" + "q".repeat(4_500)).then().statusCode(414)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo("urn:portfolio:problem:uri-too-long"));
    }

    @Test
    void onTheMachinesNetworkAddressOnlyTheGatewayAnswers() {
        Optional<InetAddress> external = nonLoopbackAddress();
        Assumptions.assumeTrue(external.isPresent(),
                "SKIPPED: this machine has no non-loopback address, so there is no other interface to check the binds on");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (String component : LOOPBACK_ONLY) {
            int port = stack.port(component);
            assertThat(connects(loopback, port)).as(component + " on " + loopback.getHostAddress() + ":" + port).isTrue();
            assertThat(connects(external.get(), port)).as(component + " must not be reachable on "
                    + external.get().getHostAddress() + ":" + port).isFalse();
        }
        assertThat(connects(external.get(), stack.port("gateway"))).as("the gateway on " + external.get().getHostAddress()).isTrue();
    }

    @Test
    void locationsThroughTheGatewayNameTheGatewayNotTheService() throws Exception {
        UUID body = api.oversightBody();
        Response school = api.asAdmin().contentType("application/json").body(Api.schoolBody(body)).post("/api/schools");
        assertThat(school.statusCode()).isEqualTo(201);
        assertThat(school.header("Location")).isEqualTo(api.gateway() + "/api/schools/" + school.<String>path("id"));

        Response job = api.asAdmin().contentType("application/json")
                .body(List.of(Map.of("schoolId", school.<String>path("id"), "schoolYear", Api.schoolYear(),
                        "metricCode", "TEACHER_VACANCIES", "value", 2)))
                .post("/api/performance/ingest/school-metrics");
        assertThat(job.statusCode()).as(job.asString()).isEqualTo(201);
        String location = job.header("Location");
        assertThat(location).startsWith(api.gateway() + "/api/performance/ingest/jobs/")
                .doesNotContain(":" + stack.port("performance-service"));
        // and it leads somewhere: the job, through the gateway
        assertThat(api.asAdmin().get(location).statusCode()).isEqualTo(200);
    }

    @Test
    void theSigningKeyAndTheBootstrapSecretAreOwnerOnly() throws IOException {
        Path keys = stack.home().resolve("keys");
        assertThat(mode(keys)).isEqualTo("rwx------");
        assertThat(mode(keys.resolve("jwt-private.pem"))).isEqualTo("rw-------");
        assertThat(mode(keys.resolve("bootstrap-admin.env"))).isEqualTo("rw-------");
        assertThat(mode(keys.resolve("jwt-public.pem"))).isEqualTo("rw-r--r--");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An address of this machine on an interface that is up and not loopback (IPv4 first, no link-local). */
    static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(i -> {
                        try {
                            return i.isUp() && !i.isLoopback();
                        } catch (SocketException e) {
                            return false;
                        }
                    })
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                    .min(Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1));
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
