package org.portfolio.system.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.gateway.RunningStack;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One enrollment round run by the enrollment office: a period with a one-seat program, three applicants, close,
 * match, publish; the offer declined moves the seat to the first on the waitlist; the demand the round reported
 * reaches the school's performance profile (FAMILY_DEMAND) and its evidence in contracts-service.
 */
@ExtendWith(RunningStack.class)
@Order(4)
class EnrollmentRoundIT {

    private final District district;

    EnrollmentRoundIT(RunningStack.Stack running) {
        this.district = new District(running.stack());
    }

    @Test
    void aRoundMatchesOffersMovesTheWaitlistOnADeclineAndReportsDemandToPerformanceAndContracts() throws Exception {
        District.School school = district.openSchool(district.oversightBody());
        String officer = district.enrollmentOfficer();
        String oversight = district.oversight();
        awaitTakesPart(district, officer, school.id(), true);

        String year = District.schoolYear(1);
        UUID period = createPeriod(district, officer, year);
        String program = district.as(officer).body(Map.of("schoolId", school.id().toString(), "grade", "9", "name", "General",
                        "seats", 1, "priorityOrder", List.of("ZONE", "GENERAL")))
                .post("/api/enrollment/periods/{id}/programs", period).then().statusCode(201).extract().path("id");
        district.as(officer).post("/api/enrollment/periods/{id}/open", period).then().statusCode(200);
        List<String> applicants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String applicant = applicant(district, officer);
            district.as(officer).body(Map.of("choices", List.of(program)))
                    .put("/api/enrollment/periods/{id}/applications/{a}", period, applicant).then().statusCode(201);
            applicants.add(applicant);
        }
        district.as(officer).post("/api/enrollment/periods/{id}/close", period).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
        district.as(officer).post("/api/enrollment/periods/{id}/match", period).then().statusCode(200);
        district.as(officer).post("/api/enrollment/periods/{id}/publish", period).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PUBLISHED"));

        List<Map<String, Object>> offers = district.as(officer).get("/api/enrollment/periods/{id}/offers", period)
                .then().statusCode(200).extract().path("items");
        assertThat(offers).hasSize(1);
        Map<String, Object> offer = offers.get(0);
        assertThat(offer).containsEntry("status", "OFFERED").containsEntry("programId", program).containsEntry("source", "MATCH");
        // the first waiting applicant, by the waitlist's own order
        String first = applicants.stream().filter(a -> !a.equals(offer.get("applicantId")))
                .filter(a -> Long.valueOf(1).equals(waitlistPosition(district, officer, period, a)))
                .findFirst().orElseThrow(() -> new AssertionError("nobody is first on the waitlist"));

        Response declined = district.as(officer).post("/api/enrollment/periods/{id}/offers/{o}/decline", period, offer.get("id"));
        assertThat(declined.statusCode()).as(declined.asString()).isEqualTo(200);
        assertThat(declined.<String>path("offer.status")).isEqualTo("DECLINED");
        assertThat(declined.<List<String>>path("waitlistOffers.applicantId")).containsExactly(first);
        assertThat(declined.<String>path("waitlistOffers[0].source")).isEqualTo("WAITLIST");
        assertThat(district.as(officer).get("/api/enrollment/periods/{id}/applications/{a}/result", period, first)
                .then().statusCode(200).extract().<String>path("offer.status")).isEqualTo("OFFERED");

        // DemandReported → performance: FAMILY_DEMAND = 3 first choices / 1 seat, n = 3 applicants
        await("FAMILY_DEMAND on the school's profile").atMost(District.EVENTUAL).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> familyDemand(district, oversight, school.id(), year) != null);
        Map<String, Object> demand = familyDemand(district, oversight, school.id(), year);
        assertThat(((Number) demand.get("value")).doubleValue()).isEqualTo(3.0);
        assertThat(demand).containsEntry("n", 3).containsEntry("source", "ENROLLMENT_DEMAND");
        // … and contracts: the school's evidence names the round's demand
        await("demand in the school's evidence").atMost(District.EVENTUAL).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> district.as(oversight).get("/api/schools/{id}/evidence", school.id()).then().statusCode(200)
                        .extract().<List<Object>>path("demand").size() == 1);
        Response evidence = district.as(oversight).get("/api/schools/{id}/evidence", school.id());
        assertThat(evidence.<String>path("demand[0].periodId")).isEqualTo(period.toString());
        assertThat(evidence.<Integer>path("demand[0].applicants")).isEqualTo(3);
        assertThat(evidence.<Integer>path("demand[0].firstChoices")).isEqualTo(3);
        assertThat(evidence.<Integer>path("demand[0].seats")).isEqualTo(1);
    }

    static UUID createPeriod(District d, String officer, String year) {
        String id = d.as(officer).body(Map.of("name", year + " Round 1 " + UUID.randomUUID().toString().substring(0, 6),
                        "schoolYear", year, "maxChoices", 3,
                        "offerDeadline", Instant.now().plus(14, ChronoUnit.DAYS).toString(), "waitlistResponseHours", 72))
                .post("/api/enrollment/periods").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static String applicant(District d, String officer) {
        return d.as(officer).body(Map.of("externalRef", "STU-" + UUID.randomUUID().toString().substring(0, 12),
                        "firstName", "Alex", "lastName", "Rivera", "birthDate", "2012-03-04", "grade", "9", "homeZone", "WEST"))
                .post("/api/enrollment/applicants").then().statusCode(201).extract().path("id");
    }

    static void awaitTakesPart(District d, String token, UUID school, boolean takesPart) {
        await("enrollment-service: school " + school + " takes part = " + takesPart).atMost(District.EVENTUAL)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                    List<Map<String, Object>> schools = d.as(token).get("/api/enrollment/schools").then().statusCode(200)
                            .extract().path("$");
                    return schools.stream().anyMatch(s -> school.toString().equals(s.get("schoolId"))
                            && Boolean.valueOf(takesPart).equals(s.get("takesPart")));
                });
    }

    static void awaitListed(District d, String token, UUID school) {
        await("enrollment-service lists school " + school).atMost(District.EVENTUAL).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> d.as(token).get("/api/enrollment/schools").asString().contains(school.toString()));
    }

    private static Long waitlistPosition(District d, String officer, UUID period, String applicant) {
        Number n = d.as(officer).get("/api/enrollment/periods/{id}/applications/{a}/result", period, applicant)
                .then().statusCode(200).extract().path("choices[0].waitlistPosition");
        return n == null ? null : n.longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> familyDemand(District d, String token, UUID school, String year) {
        List<Map<String, Object>> years = d.as(token).get("/api/performance/schools/{id}/profile", school)
                .then().statusCode(200).extract().path("years");
        return years.stream().filter(y -> year.equals(y.get("schoolYear")))
                .flatMap(y -> ((List<Map<String, Object>>) y.get("metrics")).stream())
                .filter(m -> "FAMILY_DEMAND".equals(m.get("metricCode"))).findFirst().orElse(null);
    }
}
