package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OversightBodyResourceTest {

    static Map<String, Object> body(String name) {
        return Map.of("name", name, "kind", "CHARTER_AUTHORIZER", "contactEmail", "office@authorizer.example.org");
    }

    static String create(String name) {
        return given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(body(name))
                .post("/api/oversight-bodies").then().statusCode(201).extract().path("id");
    }

    @Test
    void aDistrictAdminCreatesAnOversightBodyThatCanBeReadBack() {
        String name = "Authorizer " + UUID.randomUUID();
        var created = given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(body(name))
                .post("/api/oversight-bodies")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .header("ETag", equalTo("\"0\""))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/oversight-bodies/" + id);

        given().auth().oauth2(TestTokens.oversight()).get("/api/oversight-bodies/" + id)
                .then().statusCode(200).body("name", equalTo(name)).body("kind", equalTo("CHARTER_AUTHORIZER"));
        given().auth().oauth2(TestTokens.oversight()).get("/api/oversight-bodies")
                .then().statusCode(200).body("name", hasItem(name));
    }

    /** The document's request examples are taken as shown: the body it creates, then its update. */
    @Test
    void theDocumentsRequestExamplesAreTaken() {
        String id = Fixtures.sendExample("post", "/api/oversight-bodies", "district office", null, Map.of())
                .statusCode(201).body("kind", equalTo("DISTRICT_OFFICE")).extract().path("id");
        Fixtures.sendExample("put", "/api/oversight-bodies/{id}", "new contact e-mail", id, Map.of())
                .statusCode(200).body("contactEmail", equalTo("school.innovation@riverton.example"));
    }

    @Test
    void aSecondBodyWithTheSameNameIsAConflict() {
        String name = "Twin " + UUID.randomUUID();
        create(name);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(body(name.toUpperCase()))
                .post("/api/oversight-bodies")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:duplicate-oversight-body"));
    }

    @Test
    void anUpdateWithAStaleETagIsRefusedWith412() {
        String id = create("Versioned " + UUID.randomUUID());
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(body("Renamed " + UUID.randomUUID())).put("/api/oversight-bodies/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(body("Again " + UUID.randomUUID())).put("/api/oversight-bodies/" + id)
                .then().statusCode(412).body("type", equalTo("urn:portfolio:problem:precondition-failed"));
    }

    /** Fourteenth pass: If-Match declares maxLength 1024; a longer one listing the current ETag among guesses is refused. */
    @Test
    void anIfMatchLongerThanItsDeclaredBoundIsA400EvenWhenItListsTheCurrentETag() {
        String id = create("Guessed " + UUID.randomUUID());
        String atTheBound = "\"0\"," + " ".repeat(1017) + "\"9\"";
        String past = "\"0\"," + " ".repeat(1018) + "\"9\"";
        assertThat(atTheBound).hasSize(1024);
        assertThat(past).hasSize(1025);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).header("If-Match", past)
                .body(body("Renamed " + UUID.randomUUID())).put("/api/oversight-bodies/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("If-Match"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).header("If-Match", atTheBound)
                .body(body("Renamed " + UUID.randomUUID())).put("/api/oversight-bodies/" + id)
                .then().statusCode(200);
        // an operation that takes no If-Match ignores it, as its document says nothing of it
        given().auth().oauth2(TestTokens.districtAdmin()).header("If-Match", past).get("/api/oversight-bodies/" + id)
                .then().statusCode(200);
    }

    @Test
    void invalidInputIsA400NamingTheFields() {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "", "kind", "KING", "contactEmail", "x"))
                .post("/api/oversight-bodies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "", "kind", "SCHOOL_BOARD", "contactEmail", "not-an-email"))
                .post("/api/oversight-bodies")
                .then().statusCode(400).body("errors.field", hasItem("name")).body("errors.field", hasItem("contactEmail"));
    }

    /**
     * Eleventh pass, F3: the service checked {@code @Email} while the document said only "string", so a generated
     * client could not know which addresses are taken (Hibernate's rule takes {@code a@b} and non-ASCII local parts,
     * JSON Schema's {@code format: email} refuses them). The document now carries the service's set as a pattern.
     */
    @Test
    void theContactEmailRuleIsThePatternTheDocumentStates() {
        String pattern = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .path("components.schemas.OversightBodyRequest.properties.contactEmail.pattern");
        assertThat(pattern).isEqualTo(org.portfolio.contracts.rest.OversightBodyRequest.EMAIL)
                .as("RE2 engines compile no lookaround; Java recurses on a repeated group").doesNotContain("(?")
                .doesNotContain(")*").doesNotContain(")+");
        int maxLength = given().accept("application/json").get("/q/openapi").then().extract()
                .path("components.schemas.OversightBodyRequest.properties.contactEmail.maxLength");
        assertThat(maxLength).isEqualTo(254);
        // the whole text, as JSON Schema's pattern anchored by ^…$ reads it (ECMA-262's $ is the text's end)
        java.util.function.Predicate<String> documented = v -> v.length() <= maxLength
                && java.util.regex.Pattern.compile(pattern).matcher(v).matches();
        for (String taken : java.util.List.of("office@authorizer.example.org", "o'brien+board@k12.example.us",
                "a.b@x-y.example", "a..b@example.org" /* looser than RFC 5321's dot-atom, as the rule says */)) {
            assertThat(documented.test(taken)).as(taken).isTrue();
            given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Board " + UUID.randomUUID(), "kind", "SCHOOL_BOARD", "contactEmail", taken))
                    .post("/api/oversight-bodies").then().statusCode(201).body("contactEmail", equalTo(taken));
        }
        for (String refused : java.util.List.of("a@b", "j\u00f6se@example.org", ".a@example.org", "a@x.org-", "a@x-.",
                "a@-x.example.org", "office@authorizer.example.org ", "\"q\"@example.org", "a@[127.0.0.1]",
                // a final line break: Java's find() (JSON Schema validators in Java) let "$" match before it
                "office@authorizer.example.org\n",
                // 6 KB of labels: Java matched a repeated group recursively, and this overflowed the stack (a 500), in the
                // service and in the tests' own JSON Schema validator
                "a.".repeat(3000) + "a@x.org", "a@" + "a.".repeat(3000) + "org")) {
            assertThat(documented.test(refused)).as(refused).isFalse();
            given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Board " + UUID.randomUUID(), "kind", "SCHOOL_BOARD", "contactEmail", refused))
                    .post("/api/oversight-bodies").then().statusCode(400)
                    .body("errors.field", hasItem("contactEmail"));
        }
    }

    @Test
    void unknownIdIs404() {
        given().auth().oauth2(TestTokens.oversight()).get("/api/oversight-bodies/" + UUID.randomUUID())
                .then().statusCode(404).body("type", equalTo("urn:portfolio:problem:not-found"));
    }

    @Test
    void onlyDistrictAdminsCreateAndAnonymousCallersSeeNothing() {
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).body(body("x " + UUID.randomUUID()))
                .post("/api/oversight-bodies").then().statusCode(403);
        given().auth().oauth2(TestTokens.sis(UUID.randomUUID())).get("/api/oversight-bodies").then().statusCode(403);
        given().get("/api/oversight-bodies").then().statusCode(401);
    }
}
