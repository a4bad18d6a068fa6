package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.contracts.Fixtures.*;

/**
 * The answer to a change is the contract as the change left it, its ETag that of a fresh read, also for an authorizer
 * acting for some schools only (nineteenth pass: its scope check loaded the contract into the request's session before
 * the change's own transaction, and the answer, read from that session, showed the contract as it was before — an
 * activation answered DRAFT, a termination the reason before, with the old ETag, so the next change sent with it was
 * refused 412).
 */
@QuarkusTest
class AnswerAfterAChangeTest {

    @Test
    void anAuthorizerForSomeSchoolsIsAnsweredWithTheContractAsItsChangeLeftIt() {
        String school = openSchool(oversightBody());
        String id = draft(standardDraft(school));
        String authorizer = TestTokens.byReferenceNarrowed("authorizer-some-schools", List.of(school), "OVERSIGHT");
        // acting for this school only: another school's contract is refused
        String other = activeContract(openSchool(oversightBody()));
        given().auth().oauth2(authorizer).contentType(ContentType.JSON).body(Map.of("reason", "Not ours"))
                .post("/api/contracts/" + other + "/termination").then().statusCode(403);

        Response activated = change(authorizer, "activation", etag(id), Map.of("reason", "Board approval"), id);
        assertThat(activated.<String>path("status")).isEqualTo("ACTIVE");
        assertThat(activated.header("ETag")).isEqualTo(etag(id));

        Response amended = given().auth().oauth2(authorizer).header("If-Match", activated.header("ETag"))
                .contentType(ContentType.JSON).body(Map.of("reason", "Vacancies count each term",
                        "benchmarks", List.of(vacancies(), benchmark("TEACHER_VACANCIES", "LTE", 2, year(1), List.of("PEOPLE"),
                                "NOTICE_OF_CONCERN", true))))
                .post("/api/contracts/" + id + "/amendments");
        assertThat(amended.statusCode()).as(amended.asString()).isEqualTo(201);
        assertThat(amended.<Integer>path("version")).as("the amended version, as Location names it").isEqualTo(2);
        assertThat(amended.header("Location")).endsWith("/versions/2");
        assertThat(amended.<List<?>>path("benchmarks")).hasSize(2);
        assertThat(amended.header("ETag")).isEqualTo(etag(id));

        Response concern = given().auth().oauth2(authorizer).header("If-Match", amended.header("ETag"))
                .contentType(ContentType.JSON).body(Map.of("level", "NOTICE_OF_CONCERN", "reason", "Six positions vacant"))
                .put("/api/contracts/" + id + "/intervention");
        assertThat(concern.statusCode()).as(concern.asString()).isEqualTo(200);
        assertThat(concern.<String>path("interventionLevel")).isEqualTo("NOTICE_OF_CONCERN");
        assertThat(concern.header("ETag")).isEqualTo(etag(id));

        String lastDay = lastDayOf(year(1)).toString();
        Response first = change(authorizer, "termination", concern.header("ETag"),
                Map.of("reason", "First notice", "effectiveDate", lastDay), id);
        assertThat(first.<String>path("scheduledEnd.reason")).isEqualTo("First notice");
        assertThat(first.header("ETag")).isEqualTo(etag(id));

        // chained on the answer's ETag, as a client does
        Response second = change(authorizer, "termination", first.header("ETag"),
                Map.of("reason", "Second notice", "effectiveDate", lastDay), id);
        assertThat(second.<String>path("scheduledEnd.reason")).isEqualTo("Second notice");
        assertThat(second.header("ETag")).isEqualTo(etag(id));

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "End of the test"))
                .post("/api/contracts/" + id + "/termination").then().statusCode(200);
    }

    /** The same for an edit of the draft and a non-renewal: each answer as the change left the contract. */
    @Test
    void anEditAndANonRenewalAreAnsweredAsTheyLeftTheContract() {
        String school = openSchool(oversightBody());
        String id = draft(standardDraft(school));
        String authorizer = TestTokens.byReferenceNarrowed("authorizer-edits", List.of(school), "OVERSIGHT");
        Map<String, Object> edited = new java.util.LinkedHashMap<>(standardDraft(school));
        edited.remove("schoolId");
        edited.put("term", Map.of("startYear", year(0), "endYear", year(3)));
        Response edit = given().auth().oauth2(authorizer).header("If-Match", etag(id)).contentType(ContentType.JSON)
                .body(edited).put("/api/contracts/" + id);
        assertThat(edit.statusCode()).as(edit.asString()).isEqualTo(200);
        assertThat(edit.<String>path("term.endYear")).isEqualTo(year(3));
        assertThat(edit.header("ETag")).isEqualTo(etag(id));

        activate(id).statusCode(200);
        Response notRenewed = change(authorizer, "non-renewal", etag(id), Map.of("reason", "Enrollment below the floor"), id);
        assertThat(notRenewed.<String>path("scheduledEnd.as")).isEqualTo("NON_RENEWED");
        assertThat(notRenewed.<String>path("scheduledEnd.reason")).isEqualTo("Enrollment below the floor");
        assertThat(notRenewed.header("ETag")).isEqualTo(etag(id));

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "End of the test"))
                .post("/api/contracts/" + id + "/termination").then().statusCode(200);
    }

    private static Response change(String token, String action, String ifMatch, Map<String, Object> body, String id) {
        Response r = given().auth().oauth2(token).header("If-Match", ifMatch).contentType(ContentType.JSON).body(body)
                .post("/api/contracts/" + id + "/" + action);
        assertThat(r.statusCode()).as(action + ": " + r.asString()).isEqualTo(200);
        return r;
    }
}
