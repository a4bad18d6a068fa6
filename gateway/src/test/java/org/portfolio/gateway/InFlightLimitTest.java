package org.portfolio.gateway;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portfolio.gateway.routing.FrontDoor;
import org.portfolio.gateway.routing.UpstreamProxy;
import org.portfolio.gateway.support.StubService;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.NotContractChecked;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Requests in flight per client (per address without a token): one over the bound is answered 429 problem+json like
 * the rate limit, and every ending gives its place back (answer complete, client gone, service error, timeout, body
 * cut off). A leak here would lock a client out for good, so each ending is checked on the gateway's own count.
 */
@QuarkusTest
@NotContractChecked("limits in front of StubService paths that are in no OpenAPI document")
@TestProfile(InFlightLimitTest.FewInFlight.class)
class InFlightLimitTest {

    private static final int MAX = 4;
    private static final int POOL = MAX + 1;

    public static class FewInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "portfolio.gateway.rate-limit.client.max-in-flight", String.valueOf(MAX),
                    "portfolio.gateway.rate-limit.anonymous.max-in-flight", String.valueOf(MAX),
                    // one client's MAX held requests leave one connection to the service for everyone else
                    "portfolio.gateway.upstream.pool-size", String.valueOf(POOL),
                    // held requests wait for the test, not for the response timeout; autonomy's routes time out at once
                    "portfolio.gateway.upstream.response-timeout", "30s",
                    "portfolio.gateway.limits.routes.autonomy.prefix", "/api/autonomy",
                    "portfolio.gateway.limits.routes.autonomy.response-timeout", "1s",
                    // behind a TLS terminator (ForwardedOriginTest shares this start)
                    "portfolio.gateway.trust-forwarded-headers", "true");
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    /**
     * Review of the sixth pass's change: token requests trickling their body took an in-flight place of their address
     * for up to the stall bound, so a few of them (64 by default; every caller behind an untrusted proxy shares one
     * address) made every other token request 429. A body of a stated length (a token request's: 16 KB at most) is
     * read whole before a worker is taken and takes no place; it is still cut off at the stall bound.
     */
    @Test
    void tokenRequestsTricklingABodyOfAStatedLengthTakeNoPlaceOfTheirAddress() throws Exception {
        List<Socket> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < MAX + 1; i++) {
                Socket s = new Socket("127.0.0.1", gateway.getPort());
                s.getOutputStream().write(("POST /oauth/token HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                trickling.add(s);
            }
            Thread.sleep(300);
            org.portfolio.gateway.support.Clients.Registered c = org.portfolio.gateway.support.Clients.register("OVERSIGHT");
            given().auth().preemptive().basic(c.id(), c.secret()).contentType(io.restassured.http.ContentType.URLENC)
                    .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200);
        } finally {
            for (Socket s : trickling) {
                s.close();
            }
        }
    }

    @Inject
    FrontDoor frontDoor;

    @Inject
    UpstreamProxy proxy;

    @AfterEach
    void releaseHeld() {
        StubService.release.countDown();
        StubService.release2.countDown();
    }

    /**
     * A service's connections go to the caller holding the fewest when they are all busy (crowd check of the
     * twenty-second pass, M6: four clients' slow bodies filled contracts-service's 128 connections and another client's
     * small GET queued behind all of them, up to 11.1 s). Here one client holds MAX of the POOL connections and another
     * the last; an anonymous caller queues MAX requests, and then client b one. When the first client's MAX end, b,
     * holding none, gets one of them though it came last (in the order of arrival the anonymous caller took all MAX).
     */
    @Test
    void aFreedConnectionGoesToTheCallerHoldingFewestNotToTheLongestWaiting() throws Exception {
        String b = "fair-b-" + UUID.randomUUID();
        CountDownLatch first = new CountDownLatch(1);
        StubService.release = first;
        StubService.release2 = new CountDownLatch(1);
        var filling = hold(MAX, "/api/contracts/hold", token("fair-a-" + UUID.randomUUID()));
        var last = hold(1, "/api/contracts/hold?latch=2", token("fair-c-" + UUID.randomUUID()));
        StubService.release = new CountDownLatch(1); // what the requests let in next wait for

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            waiting.add(http.sendAsync(HttpRequest.newBuilder(local("/api/schools/hold")).timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        awaitWaiting(MAX);
        waiting.add(http.sendAsync(HttpRequest.newBuilder(local("/api/contracts/hold")).header("Authorization", "Bearer " + token(b))
                .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString()));
        awaitWaiting(MAX + 1);
        assertThat(proxy.shares().holding("contracts", "c:" + b)).isZero();

        first.countDown();
        for (var answer : filling) {
            assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        awaitWaiting(1);

        assertThat(proxy.shares().holding("contracts", "c:" + b)).as("the caller that held none").isEqualTo(1);
        assertThat(proxy.shares().holding("contracts", "a:127.0.0.1")).isEqualTo(MAX - 1);
        StubService.release.countDown();
        StubService.release2.countDown();
        for (var answer : waiting) {
            assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(last.get(0).get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitWaiting(0);
        awaitInFlight("a:127.0.0.1", 0);
        assertThat(proxy.shares().holding("contracts", "a:127.0.0.1")).isZero();
    }

    private void awaitWaiting(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxy.shares().waiting("contracts") != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(proxy.shares().waiting("contracts")).as("requests waiting for a connection to contracts-service")
                .isEqualTo(expected);
    }

    private static String token(String subject) {
        return TestTokens.token(subject, Set.of("DISTRICT_ADMIN"), List.of(), Duration.ofMinutes(5));
    }

    /** {@code n} requests of the same client at once, each held by the service until {@link StubService#release} opens. */
    private List<CompletableFuture<HttpResponse<String>>> hold(int n, String path, String token) throws Exception {
        int arrived = StubService.HELD.get();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpRequest.Builder r = HttpRequest.newBuilder(local(path)).timeout(Duration.ofSeconds(40));
            if (token != null) {
                r.header("Authorization", "Bearer " + token);
            }
            answers.add(http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString()));
        }
        awaitHeld(arrived + n);
        return answers;
    }

    private static void awaitHeld(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (StubService.HELD.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(StubService.HELD.get()).as("requests that reached the service").isGreaterThanOrEqualTo(count);
    }

    /** The gateway by 127.0.0.1, so that calls without a token count under a known address. */
    private URI local(String path) {
        return URI.create("http://127.0.0.1:" + gateway.getPort() + path);
    }

    private int inFlight(String key) {
        return frontDoor.rateLimiter().inFlight(key);
    }

    private void awaitInFlight(String key, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight(key) != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(inFlight(key)).as("requests in flight of " + key).isEqualTo(expected);
    }

    @Test
    void aClientOverItsRequestsInFlightGets429AndGoesOnOnceTheyEnd() throws Exception {
        String subject = "holder-" + UUID.randomUUID();
        String token = token(subject);
        StubService.release = new CountDownLatch(1);
        var held = hold(MAX, "/api/contracts/hold", token);
        assertThat(inFlight("c:" + subject)).isEqualTo(MAX);

        given().auth().oauth2(token).get("/api/contracts/x").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("urn:portfolio:problem:rate-limited"))
                .body("status", equalTo(429))
                .body("detail", containsString(subject)).body("detail", containsString("in flight"));
        // other clients go on meanwhile; the gateway's own resources are not counted
        given().auth().oauth2(token("other-" + UUID.randomUUID())).get("/api/contracts/x").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);

        StubService.release.countDown();
        for (var answer : held) {
            assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        awaitInFlight("c:" + subject, 0);
        // all of them free again: as many at once as before, and again not one more
        StubService.release = new CountDownLatch(1);
        var again = hold(MAX, "/api/contracts/hold", token);
        given().auth().oauth2(token).get("/api/contracts/x").then().statusCode(429);
        StubService.release.countDown();
        for (var answer : again) {
            assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        awaitInFlight("c:" + subject, 0);
    }

    @Test
    void callsWithoutATokenAreBoundedPerAddress() throws Exception {
        String address = "a:127.0.0.1";
        StubService.release = new CountDownLatch(1);
        var held = hold(MAX, "/api/schools/hold", null); // a public route
        HttpResponse<String> over = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local("/api/schools/other")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(over.body()).contains("urn:portfolio:problem:rate-limited").contains("This address");
        // a client with a token from the same address is counted on its own
        given().auth().oauth2(token("with-token-" + UUID.randomUUID())).get("/api/schools/other").then().statusCode(200);
        StubService.release.countDown();
        for (var answer : held) {
            assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        awaitInFlight(address, 0);
    }

    /** A client that goes away while its requests are held gives their places back at once, not when the service answers. */
    @Test
    void aClientThatGoesAwayMidRequestGivesItsPlacesBack() throws Exception {
        String subject = "leaver-" + UUID.randomUUID();
        String token = token(subject);
        StubService.release = new CountDownLatch(1);
        int arrived = StubService.HELD.get();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", gateway.getPort()));
                s.getOutputStream().write(("GET /api/contracts/hold HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                sockets.add(s);
            }
            awaitHeld(arrived + MAX);
            assertThat(inFlight("c:" + subject)).isEqualTo(MAX);
            given().auth().oauth2(token).get("/api/contracts/x").then().statusCode(429);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        awaitInFlight("c:" + subject, 0); // the service still holds them: released by the client's leaving
        assertThat(proxy.shares().holding("contracts", "c:" + subject)).as("its connections to the service too").isZero();
        given().auth().oauth2(token).get("/api/contracts/x").then().statusCode(200);
    }

    /** The same over HTTP/2: a stream the client cancels gives its place back while the connection stays open. */
    @Test
    void anHttp2StreamTheClientCancelsGivesItsPlaceBack() throws Exception {
        String subject = "h2-leaver-" + UUID.randomUUID();
        String token = token(subject);
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // the first request upgrades the connection to h2c
        assertThat(h2.send(HttpRequest.newBuilder(local("/api/contracts/x")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).version()).isEqualTo(HttpClient.Version.HTTP_2);
        StubService.release = new CountDownLatch(1);
        int arrived = StubService.HELD.get();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            held.add(h2.sendAsync(HttpRequest.newBuilder(local("/api/contracts/hold")).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        awaitHeld(arrived + MAX);
        assertThat(inFlight("c:" + subject)).isEqualTo(MAX);
        for (var answer : held) {
            answer.cancel(true); // RST_STREAM
        }
        awaitInFlight("c:" + subject, 0);
        var after = h2.send(HttpRequest.newBuilder(local("/api/contracts/x")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
    }

    /**
     * Every other ending gives the place back: a service that breaks the exchange (502), one that does not answer in
     * time (504), one that cannot be reached (503), a body that stops arriving (408). More of each than the bound, one
     * after the other: a single leaked place per ending would lock the client out.
     */
    @Test
    void everyOtherEndingGivesThePlaceBack() throws Exception {
        String subject = "unlucky-" + UUID.randomUUID();
        String token = token(subject);
        for (int i = 0; i <= MAX; i++) {
            given().auth().oauth2(token).get("/api/contracts/broken").then().statusCode(502);
            given().auth().oauth2(token).get("/api/autonomy/slow").then().statusCode(504);
        }
        awaitInFlight("c:" + subject, 0);
        for (int i = 0; i <= MAX; i++) {
            given().auth().oauth2(token).get("/api/enrollment/schools/x").then().statusCode(503);
        }
        awaitInFlight("c:" + subject, 0);
        // a body that stops arriving: 408, its place given back
        try (Socket s = new Socket("127.0.0.1", gateway.getPort())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(("POST /api/contracts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 408");
        }
        awaitInFlight("c:" + subject, 0);
        for (String service : List.of("contracts", "autonomy", "enrollment")) {
            assertThat(proxy.shares().holding(service, "c:" + subject)).as("places at " + service).isZero();
        }
        given().auth().oauth2(token).get("/api/contracts/x").then().statusCode(200);
    }
}
