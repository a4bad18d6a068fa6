package org.portfolio.platform.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared limits on JSON request bodies of every service (issue 13): decimals bounded in precision and scale
 * before any arithmetic, and parser limits on number, name and string length, nesting depth and duplicate keys.
 * Each is a fast 400 problem+json that does not repeat the offending text. (Sent with the JDK's client: REST
 * Assured pretty-prints every request body for its failure log, which a 10,000-deep body makes quadratic.)
 */
@QuarkusTest
class HostileJsonTest {

    @TestHTTPResource("/gauges")
    URI gauges;

    record Answer(int status, String contentType, String body) {
        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    Answer post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gauges).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** A 400 problem+json of the type, short, without a stack trace or any of the {@code notEchoed} texts. */
    static JsonPath problem(Answer a, String type, String... notEchoed) {
        assertThat(a.status()).as(a.body().length() > 500 ? a.body().substring(0, 500) : a.body()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body().length()).isLessThan(2_000);
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("at org.");
        for (String s : notEchoed) {
            assertThat(a.body()).doesNotContain(s);
        }
        JsonPath p = a.json();
        assertThat(p.getString("type")).isEqualTo("urn:portfolio:problem:" + type);
        assertThat(p.getInt("status")).isEqualTo(400);
        return p;
    }

    /**
     * Outside check of the twenty-second pass (H3): a list past its {@code @Size} was built whole, and every item
     * validated: 300 KB of empty items made hundreds of thousands of violations and an error answer of megabytes, and
     * ran a service out of memory. The read stops one item past the bound: one error, naming the list.
     */
    @Test
    void aListPastItsSizeIsRefusedAsItIsReadWithOneError() throws Exception {
        URI widgets = gauges.resolve("/widgets");
        String head = "{\"name\":\"w\",\"colour\":\"RED\",\"madeOn\":\"2026-01-02\",\"schoolId\":\""
                + java.util.UUID.randomUUID() + "\",\"size\":5,\"parts\":[";
        String many = head + String.join(",", java.util.Collections.nCopies(20_000, "{}")) + "]}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(widgets)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(many)).build(), HttpResponse.BodyHandlers.ofString());
        JsonPath p = problem(new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body()), "validation");
        assertThat(p.getList("errors.field")).containsExactly("parts");
        assertThat(p.getList("errors.message")).containsExactly("size must be between 0 and 50");

        // at the bound: read and validated as before (each item's own errors named)
        String fifty = head + String.join(",", java.util.Collections.nCopies(50, "{\"name\":\"p\",\"count\":1}")) + "]}";
        HttpResponse<String> ok = HttpClient.newHttpClient().send(HttpRequest.newBuilder(widgets)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(fifty)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String oneBad = head + "{\"name\":\"\",\"count\":1}]}";
        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(widgets)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(oneBad)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(bad.body()).getList("errors.field")).containsExactly("parts[0].name");
    }

    static String gauge(String threshold) {
        return "{\"label\":\"g\",\"threshold\":" + threshold + "}";
    }

    @Test
    void ordinaryDecimalsPass() throws Exception {
        Answer a = post(gauge("12.75"));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().getString("threshold")).isEqualTo("12.75");
        assertThat(post(gauge("1.500")).json().getString("threshold")).isEqualTo("1.500");
        assertThat(post(gauge("-0.000001")).status()).isEqualTo(200);
        assertThat(post(gauge("0.12345678901234567890")).status()).isEqualTo(200); // 20 decimals
        assertThat(post(gauge("12345678901234567890123456789012345678")).status()).isEqualTo(200); // 38 digits
        assertThat(post(gauge("\"42.5\"")).status()).isEqualTo(200);
    }

    @Test
    void decimalsWithHugeExponentsOrTooManyDigitsAreValidationErrorsNamingTheField() throws Exception {
        for (String n : new String[]{"1e-20000000", "0.1e-99999999", "0e-150000000", "1e+99999999", "\"1e-20000000\"",
                "0.000000000000000000001", "1234567890123456789012345678901234567890.5"}) {
            long t = System.nanoTime();
            JsonPath p = problem(post(gauge(n)), "validation");
            assertThat(Duration.ofNanos(System.nanoTime() - t)).as(n + " answered at once").isLessThan(Duration.ofSeconds(5));
            assertThat(p.getString("errors[0].field")).as(n).isEqualTo("threshold");
            assertThat(p.getString("errors[0].message")).as(n)
                    .isEqualTo("must have at most 38 significant digits and at most 20 decimals");
        }
        JsonPath p = problem(post("{\"label\":\"g\",\"threshold\":1,\"readings\":[{\"value\":1},{\"value\":1e-999999999}]}"),
                "validation");
        assertThat(p.getString("errors[0].field")).isEqualTo("readings[1].value");
    }

    @Test
    void tooLongNumbersNamesAndStringsAreRefusedWithoutRepeatingThem() throws Exception {
        String digits = "3".repeat(200);
        assertThat(problem(post(gauge(digits)), "malformed-body", digits.substring(0, 40)).getString("detail"))
                .contains("number longer than 100 characters");
        String name = "RVPRIVATE" + "n".repeat(400);
        assertThat(problem(post("{\"label\":\"g\",\"threshold\":1,\"tags\":{\"" + name + "\":1}}"), "malformed-body",
                "RVPRIVATE").getString("detail")).contains("field name longer than 256 characters");
        String text = "RVPRIVATE" + "s".repeat(1_100_000);
        assertThat(problem(post("{\"label\":\"" + text + "\",\"threshold\":1}"), "malformed-body", "RVPRIVATE")
                .getString("detail")).contains("string value longer than 1000000 characters");
    }

    @Test
    void deepNestingIsRefused() throws Exception {
        assertThat(problem(post("{\"label\":\"g\",\"threshold\":1,\"tags\":{\"t\":" + "[".repeat(100) + "]".repeat(100)
                + "}}"), "malformed-body").getString("detail")).contains("nested deeper than 64 levels");
        problem(post("{\"label\":\"g\",\"tags\":{\"t\":" + "[".repeat(10_000)), "malformed-body");
        problem(post("{\"a\":".repeat(10_000)), "malformed-body");
        problem(post("[".repeat(10_000)), "validation"); // an array where an object belongs: refused before any depth
    }

    @Test
    void aDuplicateKeyIs400NamingTheField() throws Exception {
        JsonPath p = problem(post("{\"label\":\"a\",\"threshold\":1,\"label\":\"b\"}"), "validation");
        assertThat(p.getString("errors[0].field")).isEqualTo("label");
        assertThat(p.getString("errors[0].message")).contains("more than once");
        assertThat(problem(post("{\"label\":\"a\",\"threshold\":1,\"tags\":{\"k\":1,\"k\":2}}"), "validation")
                .getString("errors[0].field")).isEqualTo("tags.k");
        assertThat(problem(post("{\"label\":\"a\",\"threshold\":1,\"readings\":[{\"value\":1,\"value\":2}]}"), "validation")
                .getString("errors[0].field")).isEqualTo("readings[0].value");
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedNamingTheFieldAndOddButValidUnicodeIsKept() throws Exception {
        for (String bad : new String[]{"a\\u0000b", "\\ud800", "x\\udc00y", "\\ud83d"}) {
            JsonPath p = problem(post("{\"label\":\"" + bad + "\",\"threshold\":1}"), "validation");
            assertThat(p.getString("errors[0].field")).as(bad).isEqualTo("label");
            assertThat(p.getString("errors[0].message")).as(bad).contains("without NUL characters or unpaired surrogates");
        }
        // also inside lists and maps
        assertThat(problem(post("{\"label\":\"g\",\"threshold\":1,\"readings\":[{\"value\":1,\"unit\":\"\\u0000\"}]}"),
                "validation").getString("errors[0].field")).isEqualTo("readings[0].unit");
        // right-to-left override, zero-width joiner, an emoji (a surrogate pair), combining marks: kept as sent
        String odd = "\u202eabc\u200d\ud83d\ude00e\u0301";
        Answer a = post("{\"label\":\"" + odd + "\",\"threshold\":1}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().getString("label")).isEqualTo(odd);
    }
}
