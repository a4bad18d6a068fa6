package org.portfolio.system.gateway;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: a client scoped to 2,000 schools holds a token under 4 KB that every service resolves by reference, through
 * the gateway and directly; when an administrator changes the scope, the token the client holds follows within the
 * bound in every service, without being revoked. Every service: contracts, autonomy, performance, enrollment and
 * edfi-service answer a school-scoped read 200 or 403; integration-service answers its change feed to every client,
 * with a school's records (here an AutonomyGranted) only when the school is in the client's scope.
 */
@ExtendWith(RunningStack.class)
class ScopeChangeIT {

    static final Duration BOUND = Duration.ofSeconds(5);

    private final Api api;

    ScopeChangeIT(RunningStack.Stack running) {
        this.api = new Api(running.stack());
    }

    @Test
    void aScopeOfTwoThousandSchoolsIsEnforcedEverywhereAndAChangeReachesEveryServiceWithinTheBound() throws Exception {
        UUID body = api.oversightBody();
        UUID first = api.school(body);
        UUID second = api.school(body);
        api.awaitKnownEverywhere(first);
        api.awaitKnownEverywhere(second);
        String period = api.created("/api/enrollment/periods", Map.of("name", "Scope round " + UUID.randomUUID(),
                "schoolYear", Api.schoolYear(), "maxChoices", 12, "offerDeadline", Api.offerDeadline()));
        // one school-scoped read per service, for a SCHOOL_LEADER + SIS client: 200 in its scope, 403 outside
        Map<String, Probe> reads = new LinkedHashMap<>();
        reads.put("contracts-service", path(s -> "/api/schools/" + s + "/standing"));
        reads.put("autonomy-service", path(s -> "/api/autonomy/schools/" + s + "/history"));
        reads.put("performance-service", path(s -> "/api/performance/student-records/assessments?schoolId=" + s
                + "&schoolYear=" + Api.schoolYear()));
        reads.put("enrollment-service", path(s -> "/api/enrollment/periods/" + period + "/statistics?schoolId=" + s));
        // edfi-service: the Ed-Fi school resource of a mapped school (an SIS reads its schools' only, 403 otherwise)
        Map<UUID, String> edfi = new LinkedHashMap<>();
        for (UUID s : List.of(first, second)) {
            long edfiId = RoleMatrixIT.edfiId(UUID.randomUUID());
            api.asAdmin().contentType("application/json").body(Map.of("edfiSchoolId", edfiId, "schoolId", s.toString()))
                    .post("/edfi/mappings/schools").then().statusCode(200);
            Response posted = api.asAdmin().contentType("application/json")
                    .body(Map.of("schoolId", edfiId, "nameOfInstitution", "Scope school")).post("/edfi/data/v3/ed-fi/schools");
            assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(201);
            String location = posted.header("Location");
            edfi.put(s, location.substring(location.lastIndexOf('/') + 1));
        }
        reads.put("edfi-service", path(s -> "/edfi/data/v3/ed-fi/schools/" + edfi.get(s)));
        // integration-service answers the change feed to every client, with the events its scope may read: a grant's
        // AutonomyGranted (a school's record) is in the client's feed for a school of its scope only
        String feedStart = feedEnd();
        for (UUID s : List.of(first, second)) {
            api.created("/api/autonomy/grants", Map.of("schoolId", s.toString(), "domain", "TIME",
                    "model", "FULL_WITH_EXPECTATIONS", "reason", "Scope change"));
        }
        String granted = "portfolio.autonomy.AutonomyGranted.v1";
        Function<UUID, String> feed = s -> "/api/events?after=" + feedStart + "&schoolId=" + s + "&type=" + granted;
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (UUID s : List.of(first, second)) {
                assertThat(api.asAdmin().get(feed.apply(s)).jsonPath().getList("events")).as("the feed holds the grant of " + s).hasSize(1);
            }
        });
        reads.put("integration-service", (spec, s) -> {
            Response r = spec.get(feed.apply(s));
            if (r.statusCode() != 200) {
                throw new AssertionError("integration-service answered " + r.statusCode() + " to the feed");
            }
            return r.jsonPath().getList("events").size() == 1;
        });

        List<UUID> schools = new ArrayList<>(List.of(first));
        while (schools.size() < 2_000) {
            schools.add(UUID.randomUUID());
        }
        Response reg = api.asAdmin().contentType("application/json").body(Map.of("name", "Network office " + UUID.randomUUID(),
                "roles", List.of("SCHOOL_LEADER", "SIS"), "schools", schools)).post("/api/admin/clients");
        assertThat(reg.statusCode()).as(reg.asString()).isEqualTo(201);
        String id = reg.path("clientId");
        String token = api.token(id, reg.path("clientSecret"));
        System.out.println("Token of a client scoped to 2,000 schools: " + token.length() + " bytes");
        assertThat(token.length()).isLessThanOrEqualTo(4_096);

        Map<String, Duration> learnt = awaitEverywhere(reads, token, first, second, System.nanoTime(), Duration.ofSeconds(30));
        System.out.println("A new client's scope of 2,000 schools known directly by each service after " + learnt);
        for (String service : reads.keySet()) {
            assertThat(reads.get(service).allows(api.gw().auth().oauth2(token), first)).as("gateway " + service).isTrue();
            assertThat(reads.get(service).allows(api.gw().auth().oauth2(token), second)).as("gateway " + service).isFalse();
        }

        // the office hands the first school over and takes the second: the same token follows
        schools.set(0, second);
        String etag = api.asAdmin().get("/api/admin/clients/" + id).header("ETag");
        api.asAdmin().header("If-Match", etag).contentType("application/json").body(Map.of("name", "Network office",
                "roles", List.of("SCHOOL_LEADER", "SIS"), "schools", schools)).put("/api/admin/clients/" + id).then().statusCode(200);
        long changedAt = System.nanoTime();
        assertThat(reads.get("contracts-service").allows(api.gw().auth().oauth2(token), first))
                .as("the gateway applies the change at once").isFalse();
        Map<String, Duration> took = awaitEverywhere(reads, token, second, first, changedAt, BOUND);
        System.out.println("A scope change reached each service (called directly) after " + took);
    }

    /** A school-scoped read: true when the caller read the school's data, false when denied; anything else fails. */
    interface Probe {
        boolean allows(RequestSpecification as, UUID school);
    }

    /** A GET that answers 200 in the caller's scope and 403 outside it. */
    private static Probe path(Function<UUID, String> path) {
        return (as, school) -> {
            int status = as.get(path.apply(school)).statusCode();
            if (status != 200 && status != 403) {
                throw new AssertionError(path.apply(school) + " answered " + status);
            }
            return status == 200;
        };
    }

    /** The cursor at the end of the change feed now. */
    private String feedEnd() throws Exception {
        String cursor = "0";
        for (int i = 0; i < 10_000; i++) {
            Response r = api.asAdmin().get("/api/events?limit=500&after=" + cursor);
            r.then().statusCode(200);
            cursor = r.path("next");
            if (!r.<Boolean>path("hasMore")) {
                return cursor;
            }
        }
        throw new AssertionError("the feed did not end");
    }

    /** Polls each service directly until it reads {@code allowed} and denies {@code denied}; how long each took. */
    private Map<String, Duration> awaitEverywhere(Map<String, Probe> reads, String token, UUID allowed,
                                                  UUID denied, long since, Duration bound) throws InterruptedException {
        Map<String, Duration> took = new LinkedHashMap<>();
        while (took.size() < reads.size()) {
            for (Map.Entry<String, Probe> e : reads.entrySet()) {
                if (took.containsKey(e.getKey())) {
                    continue;
                }
                boolean yes = e.getValue().allows(api.direct(e.getKey()).auth().oauth2(token), allowed);
                boolean no = e.getValue().allows(api.direct(e.getKey()).auth().oauth2(token), denied);
                if (yes && !no) {
                    took.put(e.getKey(), Duration.ofNanos(System.nanoTime() - since));
                }
            }
            if (System.nanoTime() - since > bound.toNanos() && took.size() < reads.size()) {
                throw new AssertionError("within " + bound + " only " + took.keySet() + " applied the scope");
            }
            Thread.sleep(50);
        }
        return took;
    }
}
