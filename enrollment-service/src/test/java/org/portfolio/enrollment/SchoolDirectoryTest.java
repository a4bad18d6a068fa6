package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Enrollment learns schools and their status from contracts.events, once per event. */
@QuarkusTest
class SchoolDirectoryTest {

    static final String REGISTERED = "portfolio.contracts.SchoolRegistered.v1";
    static final String STATUS_CHANGED = "portfolio.contracts.SchoolStatusChanged.v1";
    static final String INTERVENTION = "portfolio.contracts.InterventionEscalated.v1";

    @Test
    void aRegisteredSchoolTakesPartOnceItIsOpen() {
        UUID school = UUID.randomUUID();
        String code = "S-" + school.toString().substring(0, 8);
        String registered = EventsProbe.publish("contracts.events", "/contracts", REGISTERED, school.toString(),
                Map.of("schoolId", school, "districtCode", code, "name", "Westside Elementary", "type", "CHARTER",
                        "grades", List.of("K", "1", "2"), "zone", "WEST", "status", "PROPOSED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/enrollment/schools").then().statusCode(200)
                        .body("find { it.schoolId == '" + school + "' }.takesPart", equalTo(false)));

        EventsProbe.publish("contracts.events", "/contracts", STATUS_CHANGED, school.toString(),
                Map.of("schoolId", school, "status", "OPEN", "previousStatus", "PROPOSED", "reason", "approved"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/enrollment/schools").then()
                        .body("find { it.schoolId == '" + school + "' }.takesPart", equalTo(true))
                        .body("find { it.schoolId == '" + school + "' }.status", equalTo("OPEN")));

        // the registration delivered again must not reset the status it has since moved to
        EventsProbe.publish("contracts.events", registered, "/contracts", REGISTERED, school.toString(),
                Map.of("schoolId", school, "districtCode", code, "name", "Westside Elementary", "type", "CHARTER",
                        "grades", List.of("K", "1", "2"), "zone", "WEST", "status", "PROPOSED"));
        // a marker on the same key (same partition) after the duplicate: once it is applied, the duplicate was seen
        UUID marker = UUID.randomUUID();
        EventsProbe.publish("contracts.events", "/contracts", REGISTERED, school.toString(),
                Map.of("schoolId", marker, "districtCode", "M-" + marker.toString().substring(0, 8), "name", "Marker",
                        "type", "DISTRICT", "grades", List.of("9"), "status", "PROPOSED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/enrollment/schools").then().body("find { it.schoolId == '" + marker + "' }.name", equalTo("Marker")));
        given().get("/api/enrollment/schools").then()
                .body("find { it.schoolId == '" + school + "' }.status", equalTo("OPEN"));
    }

    @Test
    void anEditOfTheSchoolInTheRegistryReachesEnrollmentWithoutMovingItsStatus() {
        // review of 2026-12-05: SchoolUpdated was not taken, so a school moved to another zone kept giving ZONE
        // priority to the children of its old zone until its next status decision
        UUID school = Fixtures.openSchool("EAST", "9");
        EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolUpdated.v1", school.toString(),
                Map.of("schoolId", school, "districtCode", "S-" + school.toString().substring(0, 8), "name", "Renamed Academy",
                        "type", "CHARTER", "grades", List.of("9", "10"), "zone", "WEST", "status", "PROPOSED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/enrollment/schools").then()
                        .body("find { it.schoolId == '" + school + "' }.zone", equalTo("WEST"))
                        .body("find { it.schoolId == '" + school + "' }.name", equalTo("Renamed Academy"))
                        .body("find { it.schoolId == '" + school + "' }.grades", equalTo(List.of("9", "10")))
                        .body("find { it.schoolId == '" + school + "' }.status", equalTo("OPEN")));
    }

    @Test
    void aSchoolUnderRevocationLeavesEnrollmentAndComesBackWhenTheLevelGoesDown() {
        UUID school = Fixtures.openSchool("NORTH", "6");
        Fixtures.intervention(school, "REVOCATION");
        Fixtures.awaitTakesPart(school, false);
        given().get("/api/enrollment/schools").then()
                .body("find { it.schoolId == '" + school + "' }.underRevocation", equalTo(true))
                .body("find { it.schoolId == '" + school + "' }.status", equalTo("OPEN"));
        Fixtures.intervention(school, "CORRECTIVE_ACTION_PLAN");
        Fixtures.awaitTakesPart(school, true);
        // closing the school takes it out too
        EventsProbe.publish("contracts.events", "/contracts", STATUS_CHANGED, school.toString(),
                Map.of("schoolId", school, "status", "CLOSING", "previousStatus", "OPEN", "reason", "non-renewed"));
        Fixtures.awaitTakesPart(school, false);
    }

    @Test
    void eventsAboutASchoolNotYetRegisteredAreNotLost() {
        UUID school = UUID.randomUUID();
        String code = "X-" + school.toString().substring(0, 8);
        // the intervention level arrives first: kept until the school is known
        Fixtures.intervention(school, "REVOCATION");
        // a status decision that names the school creates it
        EventsProbe.publish("contracts.events", "/contracts", STATUS_CHANGED, school.toString(),
                Map.of("schoolId", school, "districtCode", code, "name", "Late Registration Academy", "type", "INNOVATION",
                        "grades", List.of("9"), "zone", "EAST", "previousStatus", "PROPOSED", "status", "OPEN", "reason", "approved"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/enrollment/schools").then()
                .body("find { it.schoolId == '" + school + "' }.status", equalTo("OPEN"))
                .body("find { it.schoolId == '" + school + "' }.underRevocation", equalTo(true))
                .body("find { it.schoolId == '" + school + "' }.takesPart", equalTo(false)));
        Fixtures.intervention(school, "NONE");
        Fixtures.awaitTakesPart(school, true);
    }
}
