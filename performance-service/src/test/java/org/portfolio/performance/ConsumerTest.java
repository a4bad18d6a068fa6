package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** What performance-service learns from other services' events. */
@QuarkusTest
class ConsumerTest {

    static Map<String, Object> demand(UUID school, UUID period, String year, int round, int applicants, int first, int seats) {
        return Map.of("periodId", period, "schoolYear", year, "round", round, "schoolId", school,
                "applicants", applicants, "firstChoices", first, "seats", seats, "offers", Math.min(seats, applicants));
    }

    @Test
    void demandReportedBecomesTheFamilyDemandResultOnce() {
        UUID school = Fixtures.school().id();
        UUID period = UUID.randomUUID();
        String eventId = EventsProbe.publish("enrollment.events", "/enrollment", Fixtures.DEMAND_REPORTED, school.toString(),
                demand(school, period, "2027-28", 1, 430, 150, 120));
        var e = Fixtures.awaitMetric(school, "FAMILY_DEMAND", x -> true);
        assertThat(e.data().get("value").asDouble()).isEqualTo(1.25); // 150 first choices / 120 seats
        assertThat(e.data().get("n").asInt()).isEqualTo(430);
        assertThat(e.data().get("period").asText()).isEqualTo("2027-28");
        assertThat(e.data().get("source").asText()).isEqualTo("ENROLLMENT_DEMAND");
        assertThat(e.data().get("suppressed").asBoolean()).isFalse();

        // the same event again, and a later round of the same year: nothing changes
        EventsProbe.publish("enrollment.events", eventId, "/enrollment", Fixtures.DEMAND_REPORTED, school.toString(),
                demand(school, period, "2027-28", 1, 430, 150, 120));
        EventsProbe.publish("enrollment.events", "/enrollment", Fixtures.DEMAND_REPORTED, school.toString(),
                demand(school, UUID.randomUUID(), "2027-28", 2, 40, 10, 5));
        // another period of the main round adds up: (150 + 30) / (120 + 30) = 1.2
        EventsProbe.publish("enrollment.events", "/enrollment", Fixtures.DEMAND_REPORTED, school.toString(),
                demand(school, UUID.randomUUID(), "2027-28", 1, 60, 30, 30));
        var second = Fixtures.awaitMetric(school, "FAMILY_DEMAND", x -> x.data().get("value").asDouble() == 1.2);
        assertThat(second.data().get("previousValue").asDouble()).isEqualTo(1.25);
        assertThat(second.data().get("n").asInt()).isEqualTo(490);
        Fixtures.marker(school);
        assertThat(Fixtures.count(school, Fixtures.METRIC_RECORDED, "FAMILY_DEMAND")).isEqualTo(2);
    }

    @Test
    void aDemandReportWithoutSchoolGoesToTheDeadLetterTopic() {
        String id = EventsProbe.publish("enrollment.events", "/enrollment", Fixtures.DEMAND_REPORTED, "period-x",
                Map.of("periodId", UUID.randomUUID(), "schoolYear", "2027-28", "applicants", 3, "firstChoices", 1, "seats", 2));
        var dead = EventsProbe.await("enrollment.events.dlq", r -> id.equals(r.id()), Duration.ofSeconds(30));
        assertThat(dead.header("dlq-consumer")).isEqualTo("family-demand");
    }

    @Test
    void aSchoolTypeOrStatusOutsideTheRegistrysSetsGoesToTheDeadLetterTopic() {
        // the answers type them as enums: a value outside them would be shown as one the document does not allow
        UUID typed = UUID.randomUUID();
        String badType = EventsProbe.publish("contracts.events", "/contracts", Fixtures.REGISTERED, typed.toString(),
                Map.of("schoolId", typed, "name", "Odd School", "type", "PUBLIC", "status", "PROPOSED"));
        UUID statused = UUID.randomUUID();
        String badStatus = EventsProbe.publish("contracts.events", "/contracts", Fixtures.STATUS_CHANGED, statused.toString(),
                Map.of("schoolId", statused, "name", "Odd School", "type", "CHARTER", "status", "ARCHIVED"));
        for (String id : List.of(badType, badStatus)) {
            var dead = EventsProbe.await("contracts.events.dlq", r -> id.equals(r.id()), Duration.ofSeconds(30));
            assertThat(dead.header("dlq-consumer")).isEqualTo("school-registry");
            assertThat(dead.header("dlq-error")).contains("outside");
        }
        given().get("/api/performance/schools").then().statusCode(200)
                .body("schoolId", not(hasItem(typed.toString())))
                .body("schoolId", not(hasItem(statused.toString())));
    }

    @Test
    void theRegistryCopyFollowsRegistrationsAndStatusChangesInAnyOrder() {
        UUID id = UUID.randomUUID();
        String code = "S-" + id.toString().substring(0, 8);
        // a status change first (e.g. the registration was published before this consumer existed)
        EventsProbe.publish("contracts.events", "/contracts", Fixtures.STATUS_CHANGED, id.toString(),
                Map.of("schoolId", id, "districtCode", code, "name", "Northside Middle", "type", "MAGNET",
                        "grades", List.of("6", "7", "8"), "zone", "NORTH", "previousStatus", "PROPOSED", "status", "OPEN",
                        "reason", "approved"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/performance/schools").then()
                .body("find { it.schoolId == '" + id + "' }.status", equalTo("OPEN"))
                .body("find { it.schoolId == '" + id + "' }.type", equalTo("MAGNET")));
        // a late registration does not move the status back
        EventsProbe.publish("contracts.events", "/contracts", Fixtures.REGISTERED, id.toString(),
                Map.of("schoolId", id, "districtCode", code, "name", "Northside Middle School", "type", "MAGNET",
                        "grades", List.of("6", "7", "8"), "status", "PROPOSED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/performance/schools").then()
                .body("find { it.schoolId == '" + id + "' }.name", equalTo("Northside Middle School")));
        given().get("/api/performance/schools").then().body("find { it.schoolId == '" + id + "' }.status", equalTo("OPEN"));

        // its district code now resolves SIS rows
        Fixtures.postJson("school-metrics", TestTokens.districtAdmin(), List.of(Map.of("districtCode", code,
                "schoolYear", "2026-27", "metricCode", "TEACHER_VACANCIES", "value", 2))).statusCode(201)
                .body("rowsAccepted", equalTo(1));
    }

    @Test
    void anEditOfTheSchoolInTheRegistryMovesItsDistrictCodeHereWithoutMovingItsStatus() {
        // review of 2026-12-05: SchoolUpdated was not consumed, so rows naming the new code were refused
        Fixtures.School s = Fixtures.school();
        String newCode = "U-" + s.id().toString().substring(0, 8);
        EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolUpdated.v1", s.id().toString(),
                Map.of("schoolId", s.id(), "districtCode", newCode, "name", "Renamed Academy", "type", "CHARTER",
                        "grades", List.of("6", "7", "8"), "zone", "WEST", "status", "OPEN"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/performance/schools").then()
                .body("find { it.schoolId == '" + s.id() + "' }.name", equalTo("Renamed Academy")));
        given().get("/api/performance/schools").then().body("find { it.schoolId == '" + s.id() + "' }.status", equalTo("PROPOSED"));
        Fixtures.postJson("school-metrics", TestTokens.districtAdmin(), List.of(Map.of("districtCode", newCode,
                "schoolYear", "2026-27", "metricCode", "TEACHER_VACANCIES", "value", 2))).statusCode(201)
                .body("rowsAccepted", equalTo(1));
    }
}
