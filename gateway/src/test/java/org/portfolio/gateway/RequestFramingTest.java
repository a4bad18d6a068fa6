package org.portfolio.gateway;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.gateway.support.StubService;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.NotContractChecked;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests whose framing the proxy must not pass on as it is (hostile review of the gateway, 2026-12-05). Each is sent
 * on a raw socket, as an attacker would, and must be refused with 400 before any byte reaches a service.
 */
@QuarkusTest
@NotContractChecked("raw HTTP framing against StubService, whose paths are in no OpenAPI document")
class RequestFramingTest {

    @TestHTTPResource("/")
    URI gateway;

    /** Sends the request and reads until the gateway closes the connection or stays silent for 3 s. */
    private String exchange(String request) throws Exception {
        try (Socket s = new Socket(gateway.getHost(), gateway.getPort())) {
            s.setSoTimeout(3_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = s.getInputStream().read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // a kept-alive connection: what arrived is the answer
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void refusedBeforeAnyService(String name, String request) throws Exception {
        int calls = StubService.CALLS.get();
        String answer = exchange(request);
        assertThat(answer).as(name).matches("(?s)HTTP/1\\.[01] 400 .*").contains("urn:portfolio:problem:bad-request");
        Thread.sleep(300); // a smuggled request would reach the stub on the pooled connection meanwhile
        assertThat(StubService.CALLS.get()).as(name + ": nothing reached the service").isEqualTo(calls);
    }

    @Test
    void aChunkedBodyBesideContentLengthOnHttp10CannotSmuggleARequestPastTheFrontDoor() throws Exception {
        // Netty keeps an HTTP/1.0 request's Content-Length and still reads the body chunked: the 5 bytes announced
        // reached the service, and the rest of the chunk was read there as a request of its own
        String smuggled = "GET /api/schools HTTP/1.1\r\nHost: x\r\n\r\n";
        String chunk = "hello" + smuggled;
        refusedBeforeAnyService("HTTP/1.0 TE + CL", "GET /api/schools HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.districtAdmin() + "\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        refusedBeforeAnyService("HTTP/1.0 TE alone", "POST /api/schools HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.districtAdmin() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\n{}\r\n0\r\n\r\n");
    }

    @Test
    void aConnectionHeaderNamingContentLengthOrHostIsRefused() throws Exception {
        refusedBeforeAnyService("Connection: content-length", "POST /api/schools HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.districtAdmin() + "\r\nContent-Type: application/json\r\nConnection: keep-alive, Content-Length\r\n"
                + "Content-Length: 2\r\n\r\n{}");
        refusedBeforeAnyService("Connection: host", "GET /api/schools HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.districtAdmin() + "\r\nConnection: host\r\n\r\n");
    }

    @Test
    void aRequestWithoutAUsableHostIsServedAndTheServiceIsToldTheGatewaysAddressNotItsOwn() throws Exception {
        // HTTP/1.0 needs no Host (a load balancer's health check sends none); the service must still not build links
        // from its own address (review of 2026-12-05: edfi-service's discovery named its internal address)
        for (String request : new String[] {
                "GET /api/schools HTTP/1.0\r\nAuthorization: Bearer " + TestTokens.districtAdmin() + "\r\n\r\n",
                "GET /api/schools HTTP/1.1\r\nHost: a_b\r\nConnection: close\r\nAuthorization: Bearer "
                        + TestTokens.districtAdmin() + "\r\n\r\n"}) {
            String answer = exchange(request);
            // the address the caller reached (127.0.0.1 or [::1] with the gateway's port)
            assertThat(answer).matches("(?s)HTTP/1\\.[01] 200 .*")
                    .matches("(?s).*\"x-forwarded-host\":\"(127\\.0\\.0\\.1|\\[[0-9a-f:]+\\]):" + gateway.getPort() + "\".*");
        }
    }

    @Test
    void anInvalidPercentEscapeIsA400NotA500() throws Exception {
        for (String path : new String[] {"/api/schools/%zz", "/api/schools/%"}) {
            String answer = exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).matches("(?s)HTTP/1\\.1 400 .*");
        }
        // and ordinary requests still pass
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/schools").then().statusCode(200);
    }

    /**
     * Sixth pass L6: 20 KB of a caller's headers passed the gateway (its server's limit), and with the headers the
     * gateway adds they overflowed the service's: a bare 431 from the service. A long request target met the server's
     * bare 414. Both are refused here, as problem+json, before any service.
     */
    @Test
    void headersTooLargeForAServiceAndOverlongTargetsAreRefusedAsProblemJsonBeforeAnyService() throws Exception {
        int calls = StubService.CALLS.get();
        given().auth().oauth2(TestTokens.districtAdmin()).header("X-Filler", "x".repeat(17_000))
                .get("/api/schools").then().statusCode(431).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:portfolio:problem:headers-too-large"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/schools?q=" + "y".repeat(4_500))
                .then().statusCode(414).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:portfolio:problem:uri-too-long"));
        assertThat(StubService.CALLS.get()).as("nothing reached the service").isEqualTo(calls);
        given().auth().oauth2(TestTokens.districtAdmin()).header("X-Filler", "x".repeat(15_000))
                .get("/api/schools").then().statusCode(200);
    }

    @jakarta.inject.Inject
    io.vertx.core.Vertx vertx;

    /**
     * The same over HTTP/2 (h2c), which decodes headers in its own codec with its own limit (the tenth pass left it
     * untested): a caller's 17 KB of headers meet FrontDoor's 431 problem+json, not the codec's bare answer, and reach no
     * service; 15 KB pass.
     */
    @Test
    void headersTooLargeOverHttp2AreRefusedAsProblemJsonBeforeAnyService() throws Exception {
        io.vertx.core.http.HttpClient h2 = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
                .setDefaultHost(gateway.getHost()).setDefaultPort(gateway.getPort()));
        try {
            int calls = StubService.CALLS.get();
            String refused = h2get(h2, "x".repeat(17_000));
            assertThat(refused).startsWith("431 application/problem+json ").contains("urn:portfolio:problem:headers-too-large");
            assertThat(StubService.CALLS.get()).as("nothing reached the service").isEqualTo(calls);
            assertThat(h2get(h2, "x".repeat(15_000))).startsWith("200 ");
        } finally {
            h2.close();
        }
    }

    /** GET /api/schools over HTTP/2 with a filler header; the answer as "status content-type body" within 10 s. */
    private static String h2get(io.vertx.core.http.HttpClient h2, String filler) throws Exception {
        return h2.request(io.vertx.core.http.HttpMethod.GET, "/api/schools").compose(req -> {
            req.putHeader("Authorization", "Bearer " + TestTokens.districtAdmin()).putHeader("X-Filler", filler);
            return req.send();
        }).compose(res -> res.body().map(b -> res.version() + "|" + res.statusCode() + " " + res.getHeader("Content-Type") + " " + b))
                .map(answer -> {
                    assertThat(answer).startsWith("HTTP_2|");
                    return answer.substring("HTTP_2|".length());
                })
                .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
