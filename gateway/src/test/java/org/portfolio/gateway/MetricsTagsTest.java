package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.contract.NotContractChecked;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the front door refuses are counted under their route, or under one tag when they reach none, never under
 * the path a caller chose (nineteenth pass: the outside fuzzer's 401s for random ids took Micrometer's 100 uri tags,
 * and from then on "Reached the maximum number (100) of URI tags" denied the metrics of every route not yet seen).
 */
@QuarkusTest
@NotContractChecked("the gateway's /q paths are in no OpenAPI document; the refused requests are what is checked")
class MetricsTagsTest {

    @Test
    void refusedRequestsAreTaggedByRouteNotByTheirPath() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            // no token: 401 before any proxying (or 429 once the address's bucket is empty: refused all the same)
            assertThat(given().get("/api/performance/schools/" + id + "/profile").statusCode()).isIn(401, 429);
            assertThat(given().get("/api/admin/clients/" + id).statusCode()).isIn(401, 429);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> lines = metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")).toList();
        assertThat(lines).noneMatch(l -> ids.stream().anyMatch(l::contains));
        assertThat(lines).anyMatch(l -> l.contains("uri=\"/api/performance/**\"") && l.contains("status=\"401\""));
        assertThat(lines).anyMatch(l -> l.contains("uri=\"/{refused-at-the-edge}\"") && l.contains("status=\"401\""));
    }
}
