package org.portfolio.system.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.gateway.RunningStack;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RFP path: a school leader asks for TIME autonomy with a plan, oversight reviews and comments, the leader sees
 * the conversation, oversight approves; the PROGRAMMATIC grant shows in the portfolio view and to the school, and a
 * leader of another school sees none of it.
 */
@ExtendWith(RunningStack.class)
@Order(3)
class ProgrammaticRequestIT {

    private final District district;

    ProgrammaticRequestIT(RunningStack.Stack running) {
        this.district = new District(running.stack());
    }

    @Test
    void aRequestSubmittedReviewedAndApprovedBecomesAProgrammaticGrantSeenByOversightAndTheSchoolOnly() throws Exception {
        UUID body = district.oversightBody();
        District.School school = district.openSchool(body);
        District.School other = district.openSchool(body);
        district.awaitKnownToAutonomy(school.id());
        String leader = district.client("SCHOOL_LEADER", school.id());
        String otherLeader = district.client("SCHOOL_LEADER", other.id());
        String oversight = district.oversight();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Map<String, Object> proposal = Map.of("schoolId", school.id().toString(), "domain", "TIME",
                "decisions", List.of("EXTEND_SCHOOL_DAY"), "title", "Extended learning day for grade 9",
                "justification", "Ninety more minutes of ELA and math a day, staffed by the teachers' collaboration time.",
                "expectedOutcomes", List.of("ELA proficiency +5 points"), "startDate", today.toString(),
                "endDate", today.plusYears(2).toString());
        // the school must be OPEN in autonomy-service's copy (it learns the opening from contracts' events)
        AtomicReference<Response> answer = new AtomicReference<>();
        await("the request is accepted once autonomy-service knows the school is open").atMost(District.EVENTUAL)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    answer.set(district.as(leader).body(proposal).post("/api/autonomy/requests"));
                    return answer.get().statusCode() != 409;
                });
        Response submitted = answer.get();
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(201);
        assertThat(submitted.header("Location")).isNotBlank();
        String request = submitted.path("id");
        assertThat(submitted.<String>path("status")).isEqualTo("SUBMITTED");
        // another school's leader can neither read nor act on it
        assertThat(district.as(otherLeader).get("/api/autonomy/requests/{id}", request).statusCode()).isEqualTo(403);
        assertThat(district.as(otherLeader).body(Map.of("text", "me too")).post("/api/autonomy/requests/{id}/comments", request)
                .statusCode()).isEqualTo(403);
        // nor may a school leader approve its own request
        assertThat(district.as(leader).body(Map.of("rationale", "self-approved")).post("/api/autonomy/requests/{id}/approve", request)
                .statusCode()).isEqualTo(403);

        district.as(oversight).body(Map.of("note", "Assigned to the review panel")).post("/api/autonomy/requests/{id}/review", request)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UNDER_REVIEW"));
        district.as(oversight).body(Map.of("text", "How will the extra time be staffed?"))
                .post("/api/autonomy/requests/{id}/comments", request).then().statusCode(201);
        district.as(leader).body(Map.of("text", "Through the collaboration block; see the plan."))
                .post("/api/autonomy/requests/{id}/comments", request).then().statusCode(201);
        Response approved = district.as(oversight).body(Map.of("rationale", "Strong plan with measurable outcomes"))
                .post("/api/autonomy/requests/{id}/approve", request);
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat(approved.<String>path("status")).isEqualTo("APPROVED");
        String grantId = approved.path("grantId");
        assertThat(grantId).isNotNull();

        // the school leader sees every step of the review and the grant
        Response seen = district.as(leader).get("/api/autonomy/requests/{id}", request).then().statusCode(200).extract().response();
        assertThat(seen.<List<String>>path("steps.text")).contains("How will the extra time be staffed?",
                "Through the collaboration block; see the plan.");
        assertThat(seen.<String>path("steps[-1].toStatus")).isEqualTo("APPROVED");
        Response grant = district.as(leader).get("/api/autonomy/grants/{id}", grantId).then().statusCode(200).extract().response();
        assertThat(grant.<String>path("status")).isEqualTo("ACTIVE");
        assertThat(grant.<String>path("model")).isEqualTo("PROGRAMMATIC");
        assertThat(grant.<String>path("source")).isEqualTo("APPROVED_REQUEST");
        assertThat(grant.<String>path("cause.kind")).isEqualTo("REQUEST_APPROVED");
        assertThat(district.as(otherLeader).get("/api/autonomy/grants/{id}", grantId).statusCode()).isEqualTo(403);
        assertThat(district.as(otherLeader).queryParam("schoolId", school.id()).get("/api/autonomy/grants").statusCode()).isEqualTo(403);

        // the decision-rights check and the oversight portfolio view
        Response rights = district.decisionRights(school.id(), "EXTEND_SCHOOL_DAY");
        assertThat(rights.<String>path("decidedBy")).isEqualTo("SCHOOL");
        assertThat(rights.<String>path("basis.model")).isEqualTo("PROGRAMMATIC");
        Response portfolio = district.as(oversight).queryParam("q", school.districtCode()).get("/api/autonomy/portfolio")
                .then().statusCode(200).extract().response();
        assertThat(portfolio.<Integer>path("total")).isEqualTo(1);
        Map<String, Object> time = portfolio.<List<Map<String, Object>>>path("items[0].domains").stream()
                .filter(c -> "TIME".equals(c.get("domain"))).findFirst().orElseThrow();
        assertThat(time.get("control")).isEqualTo("PARTIAL");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> live = (List<Map<String, Object>>) time.get("grants");
        assertThat(live).extracting(g -> g.get("grantId")).containsExactly((Object) grantId);
        // the portfolio view is oversight's
        assertThat(district.as(leader).get("/api/autonomy/portfolio").statusCode()).isEqualTo(403);
    }
}
