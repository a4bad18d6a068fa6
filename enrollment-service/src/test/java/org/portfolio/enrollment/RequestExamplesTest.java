package org.portfolio.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.RequestExamples;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * Every request example of the document (EnrollmentExamples) is input the service accepts: each is read from the served
 * document, its made-up ids replaced by real ones by property name (as the system tests do), sent as it is and answered
 * 2xx, so an example cannot drift from what the service takes.
 */
@QuarkusTest
class RequestExamplesTest {

    private static final String APPLICANTS = "/api/enrollment/applicants";
    private static final String PERIODS = "/api/enrollment/periods";

    private JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        doc = RequestExamples.document();
    }

    @Test
    void theApplicantExamplesAreAccepted() {
        UUID eastside = Fixtures.openSchool("EAST", "6", "7", "8");
        UUID elementary = Fixtures.openSchool("EAST", "K", "1", "2", "3", "4", "5");
        Map<String, Object> ids = Map.of("currentSchoolId", elementary, "siblingSchoolIds", List.of(eastside),
                "staffSchoolIds", List.of());

        Response created = send("post", APPLICANTS, APPLICANTS, ids, null);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.path("id");

        Response updated = send("put", APPLICANTS + "/{id}", APPLICANTS + "/" + id, ids, created.header("ETag"));
        assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);
        assertThat(updated.<String>path("lastName")).isEqualTo(example("put", APPLICANTS + "/{id}").path("lastName").asText());
    }

    @Test
    void thePeriodProgramApplicationAndSimulationExamplesAreAccepted() {
        Response created = send("post", PERIODS, PERIODS, Map.of(), null);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String period = created.path("id");
        Response updated = send("put", PERIODS + "/{id}", PERIODS + "/" + period, Map.of(), created.header("ETag"));
        assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);

        UUID eastside = Fixtures.openSchool("EAST", "6", "7", "8");
        String programs = PERIODS + "/{periodId}/programs";
        Response program = send("post", programs, PERIODS + "/" + period + "/programs", Map.of("schoolId", eastside), null);
        assertThat(program.statusCode()).as(program.asString()).isEqualTo(201);
        String programId = program.path("id");
        Response changed = send("put", programs + "/{id}", PERIODS + "/" + period + "/programs/" + programId,
                Map.of("schoolId", eastside), program.header("ETag"));
        assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);

        UUID p = UUID.fromString(period);
        UUID central = Fixtures.program(p, Fixtures.openSchool("CENTRAL", "6", "7", "8"), "6", 28, "SIBLING", "ZONE", "GENERAL");
        UUID north = Fixtures.program(p, Fixtures.openSchool("NORTH", "6", "7", "8"), "6", 28, "CONTINUING", "SIBLING", "GENERAL");
        action(p, "open").then().statusCode(200);
        UUID kid = new Fixtures.Kid("6", "EAST").sibling(eastside).create();
        Response applied = send("put", PERIODS + "/{periodId}/applications/{applicantId}",
                PERIODS + "/" + period + "/applications/" + kid, Map.of("choices", List.of(programId, central, north)), null);
        assertThat(applied.statusCode()).as(applied.asString()).isEqualTo(201);

        Response simulated = send("post", PERIODS + "/{id}/simulations", PERIODS + "/" + period + "/simulations",
                Map.of("programId", programId), null);
        assertThat(simulated.statusCode()).as(simulated.asString()).isEqualTo(200);
        assertThat(simulated.<Integer>path("applicants")).isEqualTo(1);
    }

    @Test
    void theNextRoundExampleIsAccepted() {
        UUID period = Fixtures.period(3);
        UUID school = Fixtures.openSchool("EAST", "6", "7", "8");
        UUID program = Fixtures.program(period, school, "6", 2, "SIBLING", "ZONE", "GENERAL");
        action(period, "open").then().statusCode(200);
        Fixtures.applyMany(3, "6", "EAST", period, program);
        action(period, "close").then().statusCode(200);
        action(period, "match").then().statusCode(200);
        action(period, "publish").then().statusCode(200);

        Response next = send("post", PERIODS + "/{id}/rounds", PERIODS + "/" + period + "/rounds", Map.of(), null);
        assertThat(next.statusCode()).as(next.asString()).isEqualTo(201);
        assertThat(next.<Integer>path("round")).isEqualTo(2);
    }

    /** The operation's one JSON request example, as the served document shows it. */
    private JsonNode example(String method, String path) {
        var examples = RequestExamples.of(doc, path, method);
        assertThat(examples).as(method.toUpperCase() + " " + path + " shows one example").hasSize(1);
        return examples.values().iterator().next();
    }

    /** Sends the operation's example with these properties replaced (every made-up id must be), If-Match if given. */
    private Response send(String method, String path, String uri, Map<String, Object> ids, String ifMatch) {
        JsonNode example = example(method, path);
        List<String> madeUp = RequestExamples.uuids(example.toString());
        String text = RequestExamples.withProperties(example, ids).toString();
        assertThat(RequestExamples.uuids(text)).as("the example's made-up ids are all replaced").noneMatch(madeUp::contains);
        var request = given().auth().oauth2(officer()).contentType(ContentType.JSON).body(text);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return method.equals("post") ? request.post(uri) : request.put(uri);
    }
}
