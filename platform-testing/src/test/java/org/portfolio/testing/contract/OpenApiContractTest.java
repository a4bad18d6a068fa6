package org.portfolio.testing.contract;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checker itself: it must fail on answers and requests that break the document, and only on those. */
class OpenApiContractTest {

    static final String DOC = """
            {"openapi":"3.1.0","info":{"title":"t","version":"1"},
             "paths":{
              "/api/things/{id}":{"get":{
                "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string","format":"uuid"}},
                              {"name":"size","in":"query","schema":{"type":"integer","format":"int32","minimum":1,"maximum":200}}],
                "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                             "404":{"description":"none","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}},
              "/api/things/current":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}},
              "/api/things":{"post":{
                "requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/NewThing"}}}},
                "responses":{"201":{"description":"made","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                             "400":{"description":"bad","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
             "components":{"schemas":{
              "Thing":{"type":"object","required":["id","name"],"properties":{
                 "id":{"type":"string","format":"uuid"},"name":{"type":"string"},
                 "tier":{"type":"string","enum":["EXCEEDS","MEETS"]},"n":{"type":"integer","format":"int32"},
                 "note":{"type":["string","null"]}}},
              "NewThing":{"type":"object","required":["name"],"properties":{"name":{"type":"string","minLength":1},
                 "weight":{"type":"number","minimum":0,"maximum":100,"multipleOf":0.5}}},
              "Problem":{"type":"object","required":["type","status"],"properties":{"type":{"type":"string"},"status":{"type":"integer"}}}}}}
            """;

    static final String ID = "6f1c5d1e-3c1a-4a57-9a53-0d6f7b0b9c11";
    final OpenApiContract contract = OpenApiContract.parse(DOC);

    static OpenApiContract.Exchange get(String path, String query, int status, String type, String body) {
        return new OpenApiContract.Exchange("GET", path, query, null, null, status, type, body);
    }

    /**
     * Thirteenth pass: a declared header's value is a promise like the body (it was checked for presence only, so a
     * RateLimit or Retry-After of the wrong shape passed every test); a required one must be there.
     */
    @Test
    void aHeaderValueThatBreaksItsSchemaFailsAndARequiredOneMustBeThere() {
        OpenApiContract headed = OpenApiContract.parse("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1"},
                 "paths":{"/api/limited":{"get":{"responses":{
                   "200":{"description":"ok","headers":{"RateLimit":{"schema":{"type":"string","pattern":"^r=[0-9]+$"}},
                                                        "Location":{"required":true,"schema":{"type":"string"}}}},
                   "429":{"$ref":"#/components/responses/Busy"}}}}},
                 "components":{"responses":{"Busy":{"description":"busy","headers":{"Retry-After":{"$ref":"#/components/headers/Wait"}}}},
                   "headers":{"Wait":{"$ref":"#/components/headers/RetryAfter"},
                              "RetryAfter":{"schema":{"type":"integer","format":"int32","minimum":0,"maximum":86400}}}}}
                """);
        java.util.function.BiFunction<Integer, java.util.Map<String, String>, List<String>> answer = (status, headers) ->
                headed.checkResponse(new OpenApiContract.Exchange("GET", "/api/limited", null, null, null, status, null, null, headers));
        assertThat(answer.apply(200, java.util.Map.of("ratelimit", "r=5", "location", "/x"))).isEmpty();
        assertThat(answer.apply(200, java.util.Map.of("ratelimit", "r=five", "location", "/x")))
                .singleElement().asString().startsWith("header RateLimit (r=five)");
        assertThat(answer.apply(200, java.util.Map.of("ratelimit", "r=5")))
                .containsExactly("status 200 requires the header Location, but the answer has none");
        assertThat(answer.apply(429, java.util.Map.of("retry-after", "5"))).isEmpty();
        assertThat(answer.apply(429, java.util.Map.of("retry-after", "soon"))).singleElement().asString().startsWith("header Retry-After (soon)");
        assertThat(answer.apply(429, java.util.Map.of("retry-after", "-1"))).hasSize(1);
        assertThat(answer.apply(429, java.util.Map.of())).as("not required").isEmpty();
        assertThat(answer.apply(200, java.util.Map.of("RateLimit", "r=five", "Location", "/x")))
                .as("a caller that kept the names' case").singleElement().asString().startsWith("header RateLimit (r=five)");
    }

    /** Fifteenth pass: every JSON request body shows an example, and the document's own schema accepts it. */
    @Test
    void aRequestBodyWithoutAnExampleOrWithOneItsSchemaRefusesIsNamed() {
        assertThat(contract.requestExampleProblems())
                .containsExactly("POST /api/things: the application/json body shows no example");
        String shown = DOC.replace("\"schema\":{\"$ref\":\"#/components/schemas/NewThing\"}",
                "\"schema\":{\"$ref\":\"#/components/schemas/NewThing\"},"
                        + "\"examples\":{\"light\":{\"value\":{\"name\":\"a\",\"weight\":2.5}},"
                        + "\"heavy\":{\"value\":{\"name\":\"\",\"weight\":99.25}},\"elsewhere\":{\"externalValue\":\"https://x\"}}");
        assertThat(shown).isNotEqualTo(DOC);
        List<String> problems = OpenApiContract.parse(shown).requestExampleProblems();
        assertThat(problems).as("the heavy one: name too short, weight not a multiple of 0.5").hasSize(2)
                .allSatisfy(p -> assertThat(p).startsWith("POST /api/things: example 'heavy'"));
        String single = DOC.replace("\"schema\":{\"$ref\":\"#/components/schemas/NewThing\"}",
                "\"schema\":{\"$ref\":\"#/components/schemas/NewThing\"},\"example\":{\"name\":\"a\"}");
        assertThat(OpenApiContract.parse(single).requestExampleProblems()).isEmpty();
    }

    @Test
    void aConformingExchangePasses() {
        var x = get("/api/things/" + ID, "size=5", 200, "application/json;charset=UTF-8",
                "{\"id\":\"" + ID + "\",\"name\":\"a\",\"tier\":\"MEETS\",\"n\":3,\"note\":null}");
        assertThat(contract.checkResponse(x)).isEmpty();
        assertThat(contract.checkRequest(x)).isEmpty();
        ContractValidation.check(contract, x);
    }

    /**
     * Every schema is a part of one tree: the document is read once, however many operations are checked (it was read
     * again for every schema pointer, and a system test holding hundreds of copies of the merged document ran out of heap).
     */
    @Test
    void theDocumentIsReadOnceWhateverTheNumberOfSchemasChecked() {
        contract.checkResponse(get("/api/things/" + ID, "size=5", 200, "application/json", "{\"id\":\"" + ID + "\",\"name\":\"a\"}"));
        contract.checkResponse(get("/api/things/" + ID, null, 404, "application/problem+json", "{\"type\":\"x\",\"status\":404}"));
        contract.checkResponse(get("/api/things/current", null, 200, "application/json", "{\"id\":\"" + ID + "\",\"name\":\"a\"}"));
        contract.checkRequest(get("/api/things/" + ID, "size=5", 200, "application/json", "{}"));
        contract.checkRequest(new OpenApiContract.Exchange("POST", "/api/things", null, "application/json", "{\"name\":\"b\"}",
                201, "application/json", "{\"id\":\"" + ID + "\",\"name\":\"b\"}"));

        assertThat(contract.documentReads()).isEqualTo(1);
    }

    /** The sweep found it: 1e400 against a multipleOf made the validator throw, and the exchange was lost as "no answer". */
    @Test
    void aNumberTheValidatorCannotReadIsAViolationNotACrash() {
        var x = new OpenApiContract.Exchange("POST", "/api/things", null, "application/json", "{\"name\":\"a\",\"weight\":1e400}",
                400, "application/problem+json", "{\"type\":\"x\",\"status\":400}");
        assertThat(contract.checkRequest(x)).isNotEmpty();
        assertThat(contract.checkResponse(x)).isEmpty();
        ContractValidation.check(contract, x); // refused as it should be: knowingly invalid, no failure
    }

    @Test
    void nullWhereTheDocumentSaysStringIsAViolation() {
        var x = get("/api/things/" + ID, null, 200, "application/json",
                "{\"id\":\"" + ID + "\",\"name\":null,\"n\":null}");
        assertThat(String.join("\n", contract.checkResponse(x))).contains("$.name").contains("$.n");
        assertThatThrownBy(() -> ContractValidation.check(contract, x)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("OpenAPI contract violated by GET /api/things/" + ID);
    }

    @Test
    void aValueOutsideTheEnumAMissingRequiredFieldAndAWrongFormatAreViolations() {
        var x = get("/api/things/" + ID, null, 200, "application/json", "{\"id\":\"not-a-uuid\",\"tier\":\"NOT_RATED\"}");
        String all = String.join("\n", contract.checkResponse(x));
        assertThat(all).contains("$.tier").contains("name").contains("$.id");
    }

    @Test
    void anUndeclaredStatusOrMediaTypeOrUnknownPathIsAViolation() {
        assertThat(contract.checkResponse(get("/api/things/" + ID, null, 500, "application/json", "{}")))
                .singleElement().asString().contains("status 500 is not declared");
        assertThat(contract.checkResponse(get("/api/things/" + ID, null, 404, "application/json", "{\"type\":\"x\",\"status\":404}")))
                .singleElement().asString().contains("media type application/json is not one of [application/problem+json]");
        assertThat(contract.checkResponse(get("/api/nothing", null, 200, "application/json", "{}")))
                .singleElement().asString().contains("no path of the document matches");
        assertThat(contract.checkResponse(new OpenApiContract.Exchange("DELETE", "/api/things/" + ID, null, null, null, 204, null, null)))
                .singleElement().asString().contains("DELETE is not an operation");
    }

    @Test
    void literalPathsWinOverTemplates() {
        assertThat(contract.templateOf("/api/things/current")).isEqualTo("/api/things/current");
        assertThat(contract.templateOf("/api/things/" + ID)).isEqualTo("/api/things/{id}");
    }

    @Test
    void requestsAreCheckedAndAForbiddenRequestMayOnlyBeRefused() {
        var badQuery = get("/api/things/" + ID, "size=0", 200, "application/json", "{\"id\":\"" + ID + "\",\"name\":\"a\"}");
        assertThat(contract.checkRequest(badQuery)).singleElement().asString().contains("query parameter 'size'");
        assertThatThrownBy(() -> ContractValidation.check(contract, badQuery)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("accepted although the document forbids it");

        var badBody = new OpenApiContract.Exchange("POST", "/api/things", null, "application/json", "{\"name\":\"\"}",
                400, "application/problem+json", "{\"type\":\"urn:x\",\"status\":400}");
        assertThat(contract.checkRequest(badBody)).isNotEmpty();
        ContractValidation.check(contract, badBody); // refused with a declared 400: what the test meant

        var noBody = new OpenApiContract.Exchange("POST", "/api/things", null, null, null, 201, "application/json",
                "{\"id\":\"" + ID + "\",\"name\":\"a\"}");
        assertThat(contract.checkRequest(noBody)).containsExactly("the request body is required");
        var wrongType = new OpenApiContract.Exchange("POST", "/api/things", null, "text/csv", "a,b", 201, "application/json",
                "{\"id\":\"" + ID + "\",\"name\":\"a\"}");
        assertThat(contract.checkRequest(wrongType)).singleElement().asString().contains("request media type text/csv");
        var badId = get("/api/things/42", null, 404, "application/problem+json", "{\"type\":\"x\",\"status\":404}");
        assertThat(contract.checkRequest(badId)).singleElement().asString().contains("path parameter 'id'");
    }

    @Test
    void onlyOpenApi31IsAccepted() {
        assertThatThrownBy(() -> OpenApiContract.parse("{\"openapi\":\"3.0.3\",\"paths\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.1");
        assertThat(List.of()).isEmpty();
    }
}
