package org.portfolio.integration;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.Races;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscription paused, resumed or deleted twice at the same moment (twentieth pass, an outside check of races): the
 * second was a 409 from the row's version. Each locks the row and reads it again first now: a pause or resume sent
 * twice does what it does once (two 200s), a second delete finds nothing to delete (404).
 */
@QuarkusTest
class WebhookRacesTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String LOCK = "select 1 from webhook_subscription where id = ? for update";

    @Test
    void twoPausesTwoResumesAndTwoDeletesAtOnce() throws Exception {
        try (Receiver r = new Receiver()) {
            String id = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolRegistered"), null).id();
            assertThat(statuses(id, "/pause", null)).containsExactly(200, 200);
            given().auth().oauth2(TestTokens.districtAdmin()).get("/api/webhooks/" + id).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("PAUSED"));
            assertThat(statuses(id, "/resume", null)).containsExactly(200, 200);
            assertThat(statuses(id, "", "DELETE")).containsExactly(204, 404);
        }
    }

    private List<Integer> statuses(String id, String action, String method) throws Exception {
        Callable<Response> call = "DELETE".equals(method)
                ? () -> given().auth().oauth2(TestTokens.districtAdmin()).delete("/api/webhooks/" + id)
                : () -> given().auth().oauth2(TestTokens.districtAdmin()).post("/api/webhooks/" + id + action);
        List<Response> answers = Races.whileLocked(dataSource, LOCK, List.of(UUID.fromString(id)), List.of(call, call));
        return answers.stream().map(Response::statusCode).toList();
    }
}
