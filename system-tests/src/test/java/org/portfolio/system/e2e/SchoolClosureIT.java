package org.portfolio.system.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.gateway.RunningStack;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.system.e2e.District.benchmark;
import static org.portfolio.system.e2e.District.provision;

/**
 * School closure: oversight begins the closure and closes the school; enrollment stops offering it in the next round
 * (its program is refused on applications while an open school's is taken) and every grant it held ends with
 * SCHOOL_CLOSED.
 */
@ExtendWith(RunningStack.class)
@Order(5)
class SchoolClosureIT {

    private final District district;

    SchoolClosureIT(RunningStack.Stack running) {
        this.district = new District(running.stack());
    }

    @Test
    void aClosedSchoolLeavesTheNextEnrollmentRoundAndItsGrantsEndWithSchoolClosed() throws Exception {
        UUID body = district.oversightBody();
        District.School closing = district.openSchool(body);
        District.School open = district.openSchool(body);
        String year = District.schoolYear(0);
        UUID contract = district.activeContract(closing.id(),
                List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS", List.of(), null)),
                List.of(benchmark("TEACHER_VACANCIES", "LTE", 3, year, "ORGANIZATIONAL", List.of("PEOPLE"), "NOTICE_OF_CONCERN", true)));
        String officer = district.enrollmentOfficer();
        String oversight = district.oversight();
        district.awaitGrant(closing.id(), "PEOPLE", "ACTIVE");
        EnrollmentRoundIT.awaitTakesPart(district, officer, closing.id(), true);
        EnrollmentRoundIT.awaitTakesPart(district, officer, open.id(), true);

        district.decide(closing.id(), "BEGIN_CLOSURE", "Enrollment has fallen below a viable size");
        EnrollmentRoundIT.awaitTakesPart(district, officer, closing.id(), false);
        district.decide(closing.id(), "CLOSE", "Closed at the end of the phase-out");
        district.awaitGrant(closing.id(), "PEOPLE", "ENDED");

        Map<String, Object> grant = district.onlyGrant(closing.id(), "PEOPLE");
        assertThat(((Map<?, ?>) grant.get("cause")).get("kind")).isEqualTo("SCHOOL_CLOSED");
        assertThat(district.grantHistory(grant.get("id"))).extracting(h -> h.get("action")).containsOnlyOnce("ENDED");
        Response rights = district.decisionRights(closing.id(), "HIRE_TEACHERS");
        assertThat(rights.<String>path("decidedBy")).isEqualTo("DISTRICT");
        assertThat(rights.<String>path("basis.reason")).isEqualTo("ENDED");
        // contracts-service ended the contract with the school
        assertThat(district.as(oversight).get("/api/contracts/{id}", contract).<String>path("status")).isEqualTo("TERMINATED");
        Response schools = district.as(officer).get("/api/enrollment/schools");
        Map<String, Object> seen = schools.<List<Map<String, Object>>>path("$").stream()
                .filter(s -> closing.id().toString().equals(s.get("schoolId"))).findFirst().orElseThrow();
        assertThat(seen).containsEntry("status", "CLOSED").containsEntry("takesPart", false);

        // the next round: the closed school's program is refused on an application, the open school's is taken
        UUID period = EnrollmentRoundIT.createPeriod(district, officer, District.schoolYear(1));
        Response closedProgram = district.as(officer).body(Map.of("schoolId", closing.id().toString(), "grade", "9",
                "name", "General", "seats", 30, "priorityOrder", List.of("GENERAL"))).post("/api/enrollment/periods/{id}/programs", period);
        String openProgram = district.as(officer).body(Map.of("schoolId", open.id().toString(), "grade", "9", "name", "General",
                        "seats", 30, "priorityOrder", List.of("GENERAL")))
                .post("/api/enrollment/periods/{id}/programs", period).then().statusCode(201).extract().path("id");
        district.as(officer).post("/api/enrollment/periods/{id}/open", period).then().statusCode(200);
        String applicant = EnrollmentRoundIT.applicant(district, officer);
        if (closedProgram.statusCode() == 201) {
            Response refused = district.as(officer).body(Map.of("choices", List.of(closedProgram.<String>path("id"), openProgram)))
                    .put("/api/enrollment/periods/{id}/applications/{a}", period, applicant);
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.asString()).contains("choices[0]");
        } else {
            assertThat(closedProgram.statusCode()).as(closedProgram.asString()).isEqualTo(422);
        }
        district.as(officer).body(Map.of("choices", List.of(openProgram)))
                .put("/api/enrollment/periods/{id}/applications/{a}", period, applicant).then().statusCode(201);
    }
}
