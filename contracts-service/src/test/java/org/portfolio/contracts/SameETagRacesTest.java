package org.portfolio.contracts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.Races;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.contracts.Fixtures.*;

/**
 * Two changes sent at the same moment with the same ETag (twentieth pass, an outside check of races): the loser was
 * a 409 from the row's version at commit, where the document says a stale ETag is a 412, for a school's details, an
 * oversight body and a contract's termination. Each change now locks its row before it checks If-Match: the later
 * one sees the earlier's version.
 */
@QuarkusTest
class SameETagRacesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSchoolUpdatedTwiceWithOneETagIsA200AndA412() throws Exception {
        String body = oversightBody();
        String school = openSchool(body);
        var read = given().get("/api/schools/" + school).then().statusCode(200).extract();
        Supplier<Response> update = () -> given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .header("If-Match", read.header("ETag"))
                .body(Map.of("districtCode", read.path("districtCode"), "name", "Renamed " + UUID.randomUUID(),
                        "type", "CHARTER", "grades", List.of("9", "10"), "oversightBodyId", body))
                .put("/api/schools/" + school);
        assertThat(statuses("select 1 from school where id = ? for update", school, update, update))
                .containsExactlyInAnyOrder(200, 412);
    }

    @Test
    void anOversightBodyUpdatedTwiceWithOneETagIsA200AndA412() throws Exception {
        String body = oversightBody();
        String tag = given().auth().oauth2(admin()).get("/api/oversight-bodies/" + body).then().statusCode(200).extract().header("ETag");
        Supplier<Response> update = () -> given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", tag)
                .body(OversightBodyResourceTest.body("Renamed " + UUID.randomUUID())).put("/api/oversight-bodies/" + body);
        assertThat(statuses("select 1 from oversight_body where id = ? for update", body, update, update))
                .containsExactlyInAnyOrder(200, 412);
    }

    @Test
    void aContractTerminatedTwiceWithOneETagIsA200AndA412() throws Exception {
        String contract = activeContract(openSchool());
        String tag = etag(contract);
        Supplier<Response> terminate = () -> given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", tag)
                .body(Map.of("reason", "Charter revoked after audit")).post("/api/contracts/" + contract + "/termination");
        assertThat(statuses("select 1 from contract where id = ? for update", contract, terminate, terminate))
                .containsExactlyInAnyOrder(200, 412);
    }

    /**
     * A school closed while the accountability clock or the expiry job changes its contract (they lock the contract
     * only): the closure read the contract unlocked and its termination failed on the row's version, a 409 (hostile
     * review of the twentieth pass, M2). It locks the contract too now, and ends it as it is after the other's change.
     */
    @Test
    void aSchoolClosedWhileAJobChangesItsContractEndsIt() throws Exception {
        String school = openSchool();
        String contract = activeContract(school);
        java.util.function.Supplier<Response> close = () -> given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("decision", "CLOSE", "reason", "Charter surrendered")).post("/api/schools/" + school + "/decisions");
        List<Response> answers = Races.whileLocked(dataSource, "update contract set version = version + 1 where id = ?",
                List.of(UUID.fromString(contract)), List.of(close::get), true);
        assertThat(answers.get(0).statusCode()).as(answers.get(0).asString()).isEqualTo(201);
        given().auth().oauth2(admin()).get("/api/contracts/" + contract).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("TERMINATED"));
    }

    /**
     * One school registered five times at once: one 201, and every other is told {@code duplicate-school}, as a repeat
     * is; those that passed the service's check before the first committed were the generic {@code conflict} of the
     * unique key (twentieth pass, the outside check run again).
     */
    @Test
    void oneSchoolRegisteredFiveTimesAtOnceIsOne201AndFourDuplicates() throws Exception {
        String body = oversightBody();
        for (int round = 0; round < 3; round++) {
            String code = "S-" + UUID.randomUUID().toString().substring(0, 12);
            Map<String, Object> school = Map.of("districtCode", code, "name", "School " + code, "type", "CHARTER",
                    "grades", List.of("9", "10"), "zone", "EAST", "oversightBodyId", body);
            List<Response> answers = org.portfolio.testing.AtOnce.send(dataSource, "school", 5, () -> given().auth().oauth2(admin())
                    .contentType(ContentType.JSON).body(school).post("/api/schools"));
            org.portfolio.testing.AtOnce.assertOneCreatedAndTheRest(answers, "urn:portfolio:problem:duplicate-school", round);
        }
    }

    /** The same for an NCES id under five different district codes, and for an oversight body's name. */
    @Test
    void oneNcesIdAndOneBodyNameTakenFiveTimesAtOnceAreOne201AndFourDuplicates() throws Exception {
        String body = oversightBody();
        for (int round = 0; round < 3; round++) {
            String nces = String.valueOf(100_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 899_999_999_999L));
            List<Response> schools = org.portfolio.testing.AtOnce.send(dataSource, "school", 5, () -> {
                String code = "S-" + UUID.randomUUID().toString().substring(0, 12);
                return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                        .body(Map.of("districtCode", code, "name", "School " + code, "type", "CHARTER", "ncesId", nces,
                                "grades", List.of("9", "10"), "zone", "EAST", "oversightBodyId", body))
                        .post("/api/schools");
            });
            org.portfolio.testing.AtOnce.assertOneCreatedAndTheRest(schools, "urn:portfolio:problem:duplicate-school", round);
            String name = "Board " + UUID.randomUUID();
            List<Response> bodies = org.portfolio.testing.AtOnce.send(dataSource, "oversight_body", 5, () -> given().auth().oauth2(admin())
                    .contentType(ContentType.JSON).body(OversightBodyResourceTest.body(name)).post("/api/oversight-bodies"));
            org.portfolio.testing.AtOnce.assertOneCreatedAndTheRest(bodies, "urn:portfolio:problem:duplicate-oversight-body", round);
        }
    }

    /** The requests' statuses, sent while the row is locked (so they meet every run), then let go. */
    @SafeVarargs
    private List<Integer> statuses(String lockSql, String id, Supplier<Response>... requests) throws Exception {
        List<Callable<Response>> calls = java.util.Arrays.stream(requests).map(r -> (Callable<Response>) r::get).toList();
        List<Response> answers = Races.whileLocked(dataSource, lockSql, List.of(UUID.fromString(id)), calls);
        answers.forEach(a -> assertThat(a.statusCode()).as(a.asString()).isLessThan(500));
        return answers.stream().map(Response::statusCode).toList();
    }
}
