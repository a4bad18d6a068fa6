package org.portfolio.testing.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The filter as {@link ContractValidation#install()} puts it into rest-assured, against real HTTP servers on this
 * machine: a call whose answer breaks the server's document fails, a call to a server that serves no document fails,
 * and only a check switched off with a reason (or the filter taken off) lets either through. The Quarkus side of the
 * wiring (the callbacks that install it for every {@code @QuarkusTest}) is shown in platform-web's ContractWiringTest.
 */
class ContractValidationFilterTest {

    /** A document declaring three GETs that each answer a Tally with an integer count. */
    static final String DOC = """
            {"openapi":"3.1.0","info":{"title":"tally","version":"1"},
             "paths":{
              "/api/tally/good":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Tally"}}}}}}},
              "/api/tally/text":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Tally"}}}}}}},
              "/api/tally/accepted":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Tally"}}}}}}}},
             "components":{"schemas":{"Tally":{"type":"object","required":["count"],"properties":{"count":{"type":"integer"}}}}}}
            """;

    static HttpServer documented;
    static HttpServer undocumented;
    /** Whether the undocumented server serves the document after all (a server that was not ready at first). */
    static final AtomicBoolean documentNow = new AtomicBoolean();

    @BeforeAll
    static void servers() throws IOException {
        documented = server(new AtomicBoolean(true));
        undocumented = server(documentNow);
    }

    @AfterAll
    static void stop() {
        documented.stop(0);
        undocumented.stop(0);
        ContractValidation.forgetDocuments();
    }

    private static HttpServer server(AtomicBoolean servesDocument) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", x -> {
            switch (x.getRequestURI().getPath()) {
                case "/q/openapi" -> {
                    if (servesDocument.get()) {
                        answer(x, 200, DOC);
                    } else {
                        answer(x, 404, "{}");
                    }
                }
                case "/api/tally/good" -> answer(x, 200, "{\"count\":3}");
                case "/api/tally/text" -> answer(x, 200, "{\"count\":\"three\"}");
                case "/api/tally/accepted" -> answer(x, 202, "{\"count\":3}");
                default -> answer(x, 404, "{}");
            }
        });
        s.start();
        return s;
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static String url(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    @BeforeEach
    void installed() {
        documentNow.set(false);
        ContractValidation.forgetDocuments();
        ContractValidation.install();
    }

    @AfterEach
    void uninstalled() {
        ContractValidation.uninstall();
    }

    @Test
    void aConformingAnswerPassesAndIsCounted() {
        long before = ContractValidation.validated();
        RestAssured.given().baseUri(url(documented)).get("/api/tally/good").then().statusCode(200);
        assertThat(ContractValidation.validated()).isEqualTo(before + 1);
    }

    @Test
    void anAnswerThatBreaksTheDocumentFailsTheCallThatGotIt() {
        assertThatThrownBy(() -> RestAssured.given().baseUri(url(documented)).get("/api/tally/text"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OpenAPI contract violated by GET /api/tally/text → 200")
                .hasMessageContaining("$.count");
        assertThatThrownBy(() -> RestAssured.given().baseUri(url(documented)).get("/api/tally/accepted"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("status 202 is not declared");
    }

    @Test
    void aServerThatServesNoDocumentFailsTheExchangeInsteadOfPassingUnchecked() {
        assertThatThrownBy(() -> RestAssured.given().baseUri(url(undocumented)).get("/api/tally/good"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("serves no OpenAPI document")
                .hasMessageContaining("@NotContractChecked");
        // the same for the raw exchanges a test checks itself (the bad-input sweep's), whole or answer only
        var x = new OpenApiContract.Exchange("GET", "/api/tally/good", null, null, null, 200, "application/json", "{\"count\":3}");
        assertThatThrownBy(() -> ContractValidation.check(url(undocumented), x)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("serves no OpenAPI document");
        assertThatThrownBy(() -> ContractValidation.checkAnswer(url(undocumented), x)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("serves no OpenAPI document");
    }

    /** A server that could not answer its document once is asked again: the failure is not kept for the whole run. */
    @Test
    void aDocumentThatCouldNotBeReadOnceIsReadAtTheNextExchange() {
        assertThatThrownBy(() -> RestAssured.given().baseUri(url(undocumented)).get("/api/tally/good"))
                .isInstanceOf(AssertionError.class);
        documentNow.set(true);
        RestAssured.given().baseUri(url(undocumented)).get("/api/tally/good").then().statusCode(200);
        assertThatThrownBy(() -> RestAssured.given().baseUri(url(undocumented)).get("/api/tally/text"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("$.count");
    }

    @Test
    void onlyACheckSwitchedOffWithAReasonOrTheFilterTakenOffLetsThemThrough() throws Exception {
        try (AutoCloseable off = ContractValidation.off("this test shows what off does")) {
            RestAssured.given().baseUri(url(undocumented)).get("/api/tally/good").then().statusCode(200);
            RestAssured.given().baseUri(url(documented)).get("/api/tally/text").then().statusCode(200);
        }
        assertThatThrownBy(() -> RestAssured.given().baseUri(url(documented)).get("/api/tally/text"))
                .isInstanceOf(AssertionError.class);

        ContractValidation.uninstall(); // what a class marked @NotContractChecked gets
        RestAssured.given().baseUri(url(undocumented)).get("/api/tally/good").then().statusCode(200);
        RestAssured.given().baseUri(url(documented)).get("/api/tally/text").then().statusCode(200);
    }
}
