package org.portfolio.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode doc(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    private static ObjectNode merge(OpenApiMerger.Source... sources) {
        return OpenApiMerger.merge(List.of(sources), new OpenApiMerger.Settings("t", "1", "d", "http://gw", List.of()));
    }

    private static final String PROBLEM = "{'type':'object','properties':{'type':{'type':'string'}}}";

    @Test
    void identicalComponentsAreKeptOnceAndDifferentOnesOfTheSameNameAreRenamedWithTheirReferences() throws Exception {
        ObjectNode contracts = doc("{'openapi':'3.1.0','paths':{'/api/schools/{id}':{'get':{'responses':{"
                + "'200':{'description':'ok','content':{'application/json':{'schema':{'$ref':'#/components/schemas/SchoolResponse'}}}},"
                + "'404':{'description':'no','content':{'application/problem+json':{'schema':{'$ref':'#/components/schemas/Problem'}}}}}}}},"
                + "'components':{'schemas':{'Problem':" + PROBLEM + ",'SchoolResponse':{'type':'object','properties':{'name':{'type':'string'}}}}}}");
        ObjectNode enrollment = doc("{'openapi':'3.1.0','paths':{'/api/enrollment/schools':{'get':{'responses':{"
                + "'200':{'description':'ok','content':{'application/json':{'schema':{'type':'array','items':{'$ref':'#/components/schemas/Listing'}}}}},"
                + "'400':{'description':'bad','content':{'application/problem+json':{'schema':{'$ref':'#/components/schemas/Problem'}}}}}}}},"
                + "'components':{'schemas':{'Problem':" + PROBLEM + ","
                + "'Listing':{'type':'object','properties':{'school':{'$ref':'#/components/schemas/SchoolResponse'}}},"
                + "'SchoolResponse':{'type':'object','properties':{'participates':{'type':'boolean'}}}}}}");
        ObjectNode merged = merge(new OpenApiMerger.Source("contracts", contracts, p -> p.startsWith("/api/schools"), true),
                new OpenApiMerger.Source("enrollment", enrollment, p -> p.startsWith("/api/enrollment"), true));
        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.has("Problem")).isTrue();
        assertThat(schemas.has("EnrollmentProblem")).isFalse();
        assertThat(schemas.path("SchoolResponse").path("properties").has("name")).isTrue();
        assertThat(schemas.path("EnrollmentSchoolResponse").path("properties").has("participates")).isTrue();
        // Listing is identical in name only in enrollment, but its reference had to follow the rename
        assertThat(schemas.path("Listing").path("properties").path("school").path("$ref").asText())
                .isEqualTo("#/components/schemas/EnrollmentSchoolResponse");
        assertThat(merged.at("/paths/~1api~1schools~1{id}/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/SchoolResponse");
    }

    @Test
    void aComponentThatOnlyDiffersThroughARenamedReferenceIsRenamedToo() throws Exception {
        String a = "{'openapi':'3.1.0','paths':{'/api/a':{'get':{'responses':{'200':{'description':'ok','content':{'application/json':"
                + "{'schema':{'$ref':'#/components/schemas/Outer'}}}}}}}},'components':{'schemas':{"
                + "'Outer':{'type':'object','properties':{'i':{'$ref':'#/components/schemas/Inner'}}},'Inner':{'type':'string'}}}}";
        String b = a.replace("/api/a", "/api/b").replace("'Inner':{'type':'string'}", "'Inner':{'type':'integer'}");
        ObjectNode merged = merge(new OpenApiMerger.Source("a", doc(a), p -> p.startsWith("/api/a"), true),
                new OpenApiMerger.Source("b", doc(b), p -> p.startsWith("/api/b"), true));
        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.path("BInner").path("type").asText()).isEqualTo("integer");
        assertThat(schemas.path("BOuter").path("properties").path("i").path("$ref").asText()).isEqualTo("#/components/schemas/BInner");
        assertThat(merged.at("/paths/~1api~1b/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/BOuter");
    }

    @Test
    void eachSourceContributesOnlyThePathsItOwns() throws Exception {
        ObjectNode s = doc("{'openapi':'3.1.0','paths':{'/api/x':{'get':{'responses':{'200':{'description':'ok'}}}},"
                + "'/api/admin/clients':{'get':{'responses':{'200':{'description':'hijack'}}}}}}");
        ObjectNode merged = merge(new OpenApiMerger.Source("x", s, p -> p.startsWith("/api/x"), true));
        assertThat(merged.path("paths").has("/api/x")).isTrue();
        assertThat(merged.path("paths").has("/api/admin/clients")).isFalse();
    }

    @Test
    void theSameSourcesGiveTheSameBytesWhateverTheOrderOfTheirPathsAndComponents() throws Exception {
        String a = "{'openapi':'3.1.0','paths':{"
                + "'/api/items/{id}':{'get':{'responses':{'200':{'description':'ok','content':{'application/json':{'schema':{'$ref':'#/components/schemas/B'}}}}}}},"
                + "'/api/items':{'post':{'requestBody':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/A'}}}},"
                + "'responses':{'201':{'description':'made'}}}}},"
                + "'components':{'schemas':{'B':{'type':'string'},'A':{'type':'object'}}}}";
        String reordered = "{'openapi':'3.1.0','paths':{"
                + "'/api/items':{'post':{'requestBody':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/A'}}}},"
                + "'responses':{'201':{'description':'made'}}}},"
                + "'/api/items/{id}':{'get':{'responses':{'200':{'description':'ok','content':{'application/json':{'schema':{'$ref':'#/components/schemas/B'}}}}}}}},"
                + "'components':{'schemas':{'A':{'type':'object'},'B':{'type':'string'}}}}";
        String first = JSON.writeValueAsString(merge(new OpenApiMerger.Source("a", doc(a), p -> true, true)));
        assertThat(JSON.writeValueAsString(merge(new OpenApiMerger.Source("a", doc(a), p -> true, true)))).isEqualTo(first);
        assertThat(JSON.writeValueAsString(merge(new OpenApiMerger.Source("a", doc(reordered), p -> true, true)))).isEqualTo(first);
        JsonNode merged = JSON.readTree(first);
        assertThat(merged.at("/paths/~1api~1items/post/operationId").asText()).isEqualTo("createItem");
        assertThat(merged.at("/paths/~1api~1items~1{id}/get/operationId").asText()).isEqualTo("getItem");
    }

    @Test
    void aServicesOwn503SaysTheGatewayAnswers503TooAndOperationsWithoutOneGetTheGateways() throws Exception {
        ObjectNode s = doc("{'openapi':'3.1.0','paths':{'/api/x':{'get':{'security':[{'bearer':['SIS']}],'responses':{"
                + "'200':{'description':'ok'},"
                + "'503':{'description':'The service cannot check tokens yet; retry after Retry-After','content':{'application/problem+json':"
                + "{'schema':{'$ref':'#/components/schemas/Problem'}}}}}}},"
                + "'/api/y':{'get':{'responses':{'200':{'description':'ok'}}}}},"
                + "'components':{'schemas':{'Problem':" + PROBLEM + "},'securitySchemes':{'bearer':{'type':'http','scheme':'bearer'}}}}");
        ObjectNode merged = merge(new OpenApiMerger.Source("x", s, p -> true, true));
        JsonNode own = merged.at("/paths/~1api~1x/get/responses/503");
        assertThat(own.path("description").asText()).startsWith("The service cannot check tokens yet")
                .contains("From the gateway: the service cannot be reached");
        assertThat(own.at("/content/application~1problem+json/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(own.at("/headers/Retry-After/schema/type").asText()).isEqualTo("integer");
        assertThat(merged.at("/paths/~1api~1y/get/responses/503/$ref").asText()).isEqualTo("#/components/responses/GatewayServiceUnavailable");
        assertThat(merged.at("/paths/~1api~1x/get/responses/429/$ref").asText()).isEqualTo("#/components/responses/GatewayTooManyRequests");
    }

    /** Thirteenth pass (OWASP's API ruleset): the token's kind and checks are named, and who the server is for. */
    @Test
    void theSchemesSayWhatTheTokenIsAndHowItIsCheckedAndTheServerIsPublic() throws Exception {
        ObjectNode s = doc("{'openapi':'3.1.0','paths':{'/api/x':{'get':{'security':[{'bearer':['SIS']}],'responses':{'200':{'description':'ok'}}}}},"
                + "'components':{'securitySchemes':{'bearer':{'type':'http','scheme':'bearer'}}}}");
        ObjectNode merged = merge(new OpenApiMerger.Source("x", s, p -> true, true));
        for (String scheme : List.of("oauth2", "token")) {
            assertThat(merged.at("/components/securitySchemes/" + scheme + "/description").asText()).as(scheme)
                    .contains("RFC8725").contains("only RS256 is accepted").contains("30 minutes");
        }
        assertThat(merged.at("/servers/0/x-internal").isBoolean()).isTrue();
        assertThat(merged.at("/servers/0/x-internal").asBoolean()).isFalse();
        assertThat(merged.at("/servers/0/description").asText()).contains("production");
    }

    /** Thirteenth pass (OWASP's API ruleset): every 2xx and 4xx answer names the rate limit fields the gateway sets. */
    @Test
    void everySuccessAndClientErrorAnswerDeclaresTheRateLimitFieldsOnce() throws Exception {
        ObjectNode s = doc("{'openapi':'3.1.0','paths':{'/api/x':{'parameters':[],'post':{'security':[{'bearer':['SIS']}],"
                + "'requestBody':{'content':{'application/json':{'schema':{'type':'object'}}}},'responses':{"
                + "'201':{'description':'made','headers':{'Location':{'schema':{'type':'string'}}}},"
                + "'404':{'$ref':'#/components/responses/NotFound'},"
                + "'503':{'description':'down'}}}}},"
                + "'components':{'responses':{'NotFound':{'description':'none'}},'schemas':{'Problem':" + PROBLEM + "},"
                + "'securitySchemes':{'bearer':{'type':'http','scheme':'bearer'}}}}");
        ObjectNode merged = merge(new OpenApiMerger.Source("x", s, p -> true, true));
        JsonNode op = merged.at("/paths/~1api~1x/post/responses");
        for (String answer : List.of("201", "429", "413")) {
            JsonNode a = op.get(answer).has("$ref")
                    ? merged.at("/components/responses/" + op.get(answer).get("$ref").asText().substring(23)) : op.get(answer);
            assertThat(a.at("/headers/RateLimit/$ref").asText()).as(answer).isEqualTo("#/components/headers/RateLimit");
            assertThat(a.at("/headers/RateLimit-Policy/$ref").asText()).as(answer).isEqualTo("#/components/headers/RateLimit-Policy");
        }
        assertThat(op.at("/201/headers/Location").isMissingNode()).as("the answer's own headers stay").isFalse();
        assertThat(merged.at("/components/responses/GatewayUnauthorized").isMissingNode()).isFalse();
        assertThat(merged.at("/components/responses/GatewayUnauthorized/headers/RateLimit").isMissingNode())
                .as("the edge's 401 is written before the limiter").isTrue();
        assertThat(merged.at("/components/responses/NotFound/headers/RateLimit/$ref").asText()).isEqualTo("#/components/headers/RateLimit");
        assertThat(op.at("/503/headers/RateLimit").isMissingNode()).as("only 2xx and 4xx answers declare them").isTrue();
        assertThat(merged.at("/components/headers/RateLimit/schema/pattern").asText()).isEqualTo("^\"[a-z]+\";r=[0-9]+;t=[0-9]+$");
        assertThat(merged.at("/components/headers/RateLimit-Policy/schema/pattern").asText()).isEqualTo("^\"[a-z]+\";q=[0-9]+;w=[0-9]+$");
    }

    /**
     * The scopes of one requirement are all required: an operation that admits any of two roles lists one requirement
     * per role (outside review of 2026-12-06, eighth pass: {oauth2: [DISTRICT_ADMIN, SIS]} read as "both roles").
     */
    @Test
    void anOperationAdmittingSeveralRolesListsOneRequirementPerRole() throws Exception {
        ObjectNode s = doc("{'openapi':'3.1.0','paths':{'/api/x':{'post':{'security':[{'bearer':['DISTRICT_ADMIN','SIS']}],"
                + "'responses':{'200':{'description':'ok'}}}},"
                + "'/api/y':{'get':{'security':[{'bearer':[]}],'responses':{'200':{'description':'ok'}}}}},"
                + "'components':{'schemas':{'Problem':" + PROBLEM + "},'securitySchemes':{'bearer':{'type':'http','scheme':'bearer'}}}}");
        ObjectNode merged = merge(new OpenApiMerger.Source("x", s, p -> true, true));
        assertThat(JSON.writeValueAsString(merged.at("/paths/~1api~1x/post/security")))
                .isEqualTo("[{\"oauth2\":[\"DISTRICT_ADMIN\"]},{\"oauth2\":[\"SIS\"]},{\"token\":[]}]");
        assertThat(JSON.writeValueAsString(merged.at("/paths/~1api~1y/get/security")))
                .isEqualTo("[{\"oauth2\":[]},{\"token\":[]}]");
    }

    /**
     * Tenth pass, outside check with a generated TypeScript client: openapi-generator applies an operation's schemes in
     * the order of their names, and typescript-fetch's oauth2 branch writes the raw token; the bearer alternative must
     * sort after the oauth2 scheme so that its {@code Bearer …} header is the one sent.
     */
    @Test
    void theBearerAlternativeSortsAfterTheOAuth2Scheme() throws Exception {
        ObjectNode s = doc("{'openapi':'3.1.0','paths':{'/api/y':{'get':{'security':[{'bearer':[]}],"
                + "'responses':{'200':{'description':'ok'}}}}},"
                + "'components':{'schemas':{'Problem':" + PROBLEM + "},'securitySchemes':{'bearer':{'type':'http','scheme':'bearer'}}}}");
        ObjectNode merged = merge(new OpenApiMerger.Source("x", s, p -> true, true));
        List<String> bearers = new java.util.ArrayList<>();
        merged.at("/components/securitySchemes").fields().forEachRemaining(e -> {
            if ("bearer".equals(e.getValue().path("scheme").asText())) {
                bearers.add(e.getKey());
            }
        });
        assertThat(bearers).singleElement().satisfies(name -> assertThat(name).isGreaterThan(OpenApiMerger.OAUTH2));
        assertThat(merged.at("/components/securitySchemes/" + OpenApiMerger.OAUTH2 + "/type").asText()).isEqualTo("oauth2");
    }
}
