package org.portfolio.system.gateway;

import io.restassured.response.Response;
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
 * bound in every service, without being revoked.
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
                "schoolYear", Api.schoolYear(), "maxChoices", 12, "offerDeadline", "2027-04-01T00:00:00Z"));
        // one school-scoped read per service, for a SCHOOL_LEADER + SIS client
        Map<String, Function<UUID, String>> reads = new LinkedHashMap<>();
        reads.put("contracts-service", s -> "/api/schools/" + s + "/standing");
        reads.put("autonomy-service", s -> "/api/autonomy/schools/" + s + "/history");
        reads.put("performance-service", s -> "/api/performance/student-records/assessments?schoolId=" + s
                + "&schoolYear=" + Api.schoolYear());
        reads.put("enrollment-service", s -> "/api/enrollment/periods/" + period + "/statistics?schoolId=" + s);

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
            assertThat(status(api.gw().auth().oauth2(token).get(reads.get(service).apply(first)))).as("gateway " + service).isEqualTo(200);
            assertThat(status(api.gw().auth().oauth2(token).get(reads.get(service).apply(second)))).as("gateway " + service).isEqualTo(403);
        }

        // the office hands the first school over and takes the second: the same token follows
        schools.set(0, second);
        String etag = api.asAdmin().get("/api/admin/clients/" + id).header("ETag");
        api.asAdmin().header("If-Match", etag).contentType("application/json").body(Map.of("name", "Network office",
                "roles", List.of("SCHOOL_LEADER", "SIS"), "schools", schools)).put("/api/admin/clients/" + id).then().statusCode(200);
        long changedAt = System.nanoTime();
        assertThat(status(api.gw().auth().oauth2(token).get(reads.get("contracts-service").apply(first))))
                .as("the gateway applies the change at once").isEqualTo(403);
        Map<String, Duration> took = awaitEverywhere(reads, token, second, first, changedAt, BOUND);
        System.out.println("A scope change reached each service (called directly) after " + took);
    }

    private static int status(Response r) {
        return r.statusCode();
    }

    /** Polls each service directly until {@code allowed} answers 200 and {@code denied} 403; how long each took. */
    private Map<String, Duration> awaitEverywhere(Map<String, Function<UUID, String>> reads, String token, UUID allowed,
                                                  UUID denied, long since, Duration bound) throws InterruptedException {
        Map<String, Duration> took = new LinkedHashMap<>();
        while (took.size() < reads.size()) {
            for (Map.Entry<String, Function<UUID, String>> e : reads.entrySet()) {
                if (took.containsKey(e.getKey())) {
                    continue;
                }
                int yes = api.direct(e.getKey()).auth().oauth2(token).get(e.getValue().apply(allowed)).statusCode();
                int no = api.direct(e.getKey()).auth().oauth2(token).get(e.getValue().apply(denied)).statusCode();
                if (yes == 200 && no == 403) {
                    took.put(e.getKey(), Duration.ofNanos(System.nanoTime() - since));
                } else if (yes != 403 && yes != 200) {
                    throw new AssertionError(e.getKey() + " answered " + yes + " for a school in scope");
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
