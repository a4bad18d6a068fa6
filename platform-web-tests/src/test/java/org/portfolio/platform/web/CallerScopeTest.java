package org.portfolio.platform.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A client with several roles gets the union of what each of its roles allows on its own, never more (issue 13,
 * "escalation by combining roles": SCHOOL_LEADER + ENROLLMENT_OFFICER read other schools' profiles).
 */
@QuarkusTest
class CallerScopeTest {

    static final UUID OWN = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();
    static final UUID BODY = UUID.randomUUID();

    static String token(String... roles) {
        return TestTokens.token("mixed-" + String.join("-", roles), Set.of(roles), List.of(OWN.toString()), Duration.ofMinutes(5));
    }

    @Test
    void aDistrictWideRoleTheEndpointDoesNotAdmitDoesNotLiftTheSchoolScope() {
        String leaderAndOfficer = token("SCHOOL_LEADER", "ENROLLMENT_OFFICER");
        given().auth().oauth2(leaderAndOfficer).get("/scoped/profiles/" + OWN).then().statusCode(200)
                .body("districtWide", equalTo(false));
        given().auth().oauth2(leaderAndOfficer).get("/scoped/profiles/" + OTHER).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:forbidden"));
        // each role on its own: the officer is not admitted at all, the leader only to its own school
        given().auth().oauth2(TestTokens.enrollmentOfficer()).get("/scoped/profiles/" + OTHER).then().statusCode(403);
        given().auth().oauth2(TestTokens.schoolLeader(OWN)).get("/scoped/profiles/" + OTHER).then().statusCode(403);
    }

    @Test
    void whereTheDistrictWideRoleIsAdmittedTheUnionReachesEverySchool() {
        String leaderAndOfficer = token("SCHOOL_LEADER", "ENROLLMENT_OFFICER");
        given().auth().oauth2(leaderAndOfficer).get("/scoped/statistics/" + OTHER).then().statusCode(200)
                .body("districtWide", equalTo(true));
        String sisAndOversight = TestTokens.byReference("sis-and-office", "SIS", "OVERSIGHT");
        given().auth().oauth2(sisAndOversight).get("/scoped/profiles/" + OTHER).then().statusCode(200)
                .body("districtWide", equalTo(true));
    }

    @Test
    void twoScopedRolesStayScoped() {
        String leaderAndSis = token("SCHOOL_LEADER", "SIS");
        given().auth().oauth2(leaderAndSis).get("/scoped/statistics/" + OWN).then().statusCode(200);
        given().auth().oauth2(leaderAndSis).get("/scoped/statistics/" + OTHER).then().statusCode(403);
    }

    @Test
    void aTokenThatNamesItsScopeByReferenceGetsTheSchoolsItsClientActsForNow() {
        String scoped = TestTokens.byReference("scoped-client", "SCHOOL_LEADER");
        given().auth().oauth2(scoped).get("/scoped/profiles/" + OWN).then().statusCode(200).body("districtWide", equalTo(false));
        given().auth().oauth2(scoped).get("/scoped/profiles/" + OTHER).then().statusCode(403);
        String everySchool = TestTokens.byReference("district-sis", "SCHOOL_LEADER");
        given().auth().oauth2(everySchool).get("/scoped/profiles/" + OTHER).then().statusCode(200)
                .body("districtWide", equalTo(false));
        // a client the service has not heard of yet acts for no school: refused, never everything
        given().auth().oauth2(TestTokens.byReference("unknown-client", "SCHOOL_LEADER")).get("/scoped/profiles/" + OWN)
                .then().statusCode(403);
    }

    @Test
    void aTokenCarryingSchoolsIsLimitedToThoseItsKnownClientStillActsFor() {
        String narrowed = TestTokens.token("scoped-client", Set.of("SCHOOL_LEADER"), List.of(OWN.toString(), OTHER.toString()),
                Duration.ofMinutes(5));
        given().auth().oauth2(narrowed).get("/scoped/profiles/" + OWN).then().statusCode(200);
        // OTHER is not in the client's scope (any more)
        given().auth().oauth2(narrowed).get("/scoped/profiles/" + OTHER).then().statusCode(403);
    }

    @Test
    void publicEndpointsSeeEveryRoleTheCallerHolds() {
        given().auth().oauth2(token("SCHOOL_LEADER", "ENROLLMENT_OFFICER")).get("/scoped/public/" + OTHER).then()
                .statusCode(200).body("districtWide", equalTo(true));
        given().get("/scoped/public/" + OTHER).then().statusCode(200).body("districtWide", equalTo(false));
    }

    @Test
    void anAuthorizersOversightClientDecidesForTheSchoolsOfItsBodiesOnly() {
        String commission = TestTokens.byReference("charter-commission", "OVERSIGHT");
        given().auth().oauth2(commission).get("/scoped/profiles/" + OWN).then().statusCode(200)
                .body("districtWide", equalTo(false));
        given().auth().oauth2(commission).get("/scoped/profiles/" + OTHER).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:forbidden"));
        // it reads other schools as the public does
        given().auth().oauth2(commission).get("/scoped/public/" + OTHER).then().statusCode(200);
        // and places schools under its own bodies only
        given().auth().oauth2(commission).post("/scoped/bodies/" + BODY + "/schools").then().statusCode(200);
        given().auth().oauth2(commission).post("/scoped/bodies/" + UUID.randomUUID() + "/schools").then().statusCode(403);
    }

    @Test
    void anOversightClientThatNamesNoBodyIsTheDistrictsOwnOfficeAndSeesEverySchool() {
        String board = TestTokens.byReference("board-office", "OVERSIGHT");
        given().auth().oauth2(board).get("/scoped/profiles/" + OTHER).then().statusCode(200).body("districtWide", equalTo(true));
        given().auth().oauth2(board).post("/scoped/bodies/" + UUID.randomUUID() + "/schools").then().statusCode(200);
    }

    @Test
    void anOversightClientTheServiceHasNotHeardOfActsForNoSchoolNeverForEvery() {
        String unknown = TestTokens.byReference("unknown-oversight", "OVERSIGHT");
        given().auth().oauth2(unknown).get("/scoped/profiles/" + OWN).then().statusCode(403);
        given().auth().oauth2(unknown).post("/scoped/bodies/" + BODY + "/schools").then().statusCode(403);
    }

    @Test
    void aClientUsedTheMomentItIsRegisteredWaitsForTheServiceToHearOfItRatherThanBeingRefused() {
        // CI, 2026-12-05: an OVERSIGHT client registered and used at once got 403 while its ClientChanged was on its way
        String fresh = TestTokens.byReferenceIssuedAt(java.time.Instant.now(), "late-client", "SCHOOL_LEADER");
        given().auth().oauth2(fresh).get("/scoped/profiles/" + OWN).then().statusCode(200).body("districtWide", equalTo(false));
        given().auth().oauth2(fresh).get("/scoped/profiles/" + OTHER).then().statusCode(403);
        // a token issued long ago does not wait: a client still unknown then acts for no school, at once
        String old = TestTokens.byReferenceIssuedAt(java.time.Instant.now().minusSeconds(60), "late-client", "SCHOOL_LEADER");
        given().auth().oauth2(old).get("/scoped/profiles/" + OWN).then().statusCode(403);
        // nor does a narrowed token, which acts for the schools it carries
        given().auth().oauth2(TestTokens.token("late-client", Set.of("SCHOOL_LEADER"), List.of(OTHER.toString()), Duration.ofMinutes(5)))
                .get("/scoped/profiles/" + OWN).then().statusCode(403);
    }

    @Test
    void aNarrowedAuthorizerTokenIsLimitedToTheSchoolsItNamesThatItsBodiesStillOversee() {
        String narrowed = TestTokens.token("charter-commission", Set.of("OVERSIGHT"), List.of(OWN.toString(), OTHER.toString()),
                Duration.ofMinutes(5));
        given().auth().oauth2(narrowed).get("/scoped/profiles/" + OWN).then().statusCode(200).body("districtWide", equalTo(false));
        given().auth().oauth2(narrowed).get("/scoped/profiles/" + OTHER).then().statusCode(403);
        // a narrowed token places no school under a body
        given().auth().oauth2(narrowed).post("/scoped/bodies/" + BODY + "/schools").then().statusCode(403);
        // a token carrying schools is never district-wide for OVERSIGHT, even for the district's own office (whose
        // registration names no school, so the gateway grants it no school: such a token acts for none)
        String office = TestTokens.token("board-office", Set.of("OVERSIGHT"), List.of(OTHER.toString()), Duration.ofMinutes(5));
        given().auth().oauth2(office).get("/scoped/profiles/" + OTHER).then().statusCode(403);
    }

    @Test
    void aSchoolLeaderRoleBesideAnAuthorizerDoesNotWidenWhatItsOversightDecides() {
        // the gateway refuses schools beside oversight bodies; a scope that still holds more (as the stub's) is the
        // client's one scope: the endpoint that admits OVERSIGHT only never reaches beyond it
        String portal = TestTokens.byReference("charter-commission", "OVERSIGHT", "SCHOOL_LEADER");
        given().auth().oauth2(portal).post("/scoped/bodies/" + UUID.randomUUID() + "/schools").then().statusCode(403);
        given().auth().oauth2(portal).get("/scoped/profiles/" + OTHER).then().statusCode(403);
    }
}
