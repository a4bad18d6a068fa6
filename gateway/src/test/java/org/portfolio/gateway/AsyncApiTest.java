package org.portfolio.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.events.EventContract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /asyncapi: the AsyncAPI document of the events, to anyone, as YAML or JSON. */
@QuarkusTest
class AsyncApiTest {

    @Test
    void anyoneGetsTheDocumentAsWrittenInYaml() throws Exception {
        Response r = given().get("/asyncapi");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/yaml");
        assertThat(r.asString()).isEqualTo(EventContract.resourceText());
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(r.asString());
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void asJsonWhenAskedByQueryOrAcceptHeader() throws Exception {
        JsonNode expected = new ObjectMapper(new YAMLFactory()).readTree(EventContract.resourceText());
        for (Response r : new Response[]{given().queryParam("format", "json").get("/asyncapi"),
                given().accept("application/json").get("/asyncapi")}) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("application/json");
            JsonNode doc = new ObjectMapper().readTree(r.asString());
            assertThat(doc).isEqualTo(expected);
            assertThat(doc.at("/channels/gatewayClients/address").asText()).isEqualTo("gateway.clients");
        }
        assertThat(given().accept("application/yaml, application/json;q=0.5").get("/asyncapi").contentType())
                .startsWith("application/yaml");
    }

    @Test
    void anUnknownFormatIsABadRequest() {
        Response r = given().queryParam("format", "xml").get("/asyncapi");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBadTokenIsStillRefused() {
        assertThat(given().auth().oauth2("not-a-token").get("/asyncapi").statusCode()).isEqualTo(401);
    }
}
