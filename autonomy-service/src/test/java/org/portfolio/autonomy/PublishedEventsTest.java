package org.portfolio.autonomy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.events.EventContract;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.portfolio.autonomy.Fixtures.*;

/**
 * The events autonomy publishes, read back from the real topic: CloudEvents envelope, keyed by school, only the
 * documented fields (docs/events.md), always those that have a value in every case, an absent value left out rather
 * than written as null (docs/api-conventions.md), and no personal data — no names, no client ids, no review comments.
 */
@QuarkusTest
class PublishedEventsTest {

    static final Map<String, Set<String>> FIELDS = Map.of(
            GRANTED, Set.of("grantId", "schoolId", "domain", "model", "decisions", "source", "contractId", "provisionId",
                    "requestId", "effectiveFrom", "effectiveTo", "cause"),
            REVOKED, Set.of("grantId", "schoolId", "domain", "model", "revokedAt", "cause"),
            REINSTATED, Set.of("grantId", "schoolId", "domain", "model", "reinstatedAt", "cause"),
            ENDED, Set.of("grantId", "schoolId", "domain", "model", "endedAt", "cause"));

    /** What every event of the type carries (the others are left out when they have no value). */
    static final Map<String, Set<String>> ALWAYS = Map.of(
            GRANTED, Set.of("grantId", "schoolId", "domain", "model", "decisions", "source", "effectiveFrom", "cause"),
            REVOKED, Set.of("grantId", "schoolId", "domain", "model", "revokedAt", "cause"),
            REINSTATED, Set.of("grantId", "schoolId", "domain", "model", "reinstatedAt", "cause"),
            ENDED, Set.of("grantId", "schoolId", "domain", "model", "endedAt", "cause"));

    static final Set<String> CAUSE_ALWAYS = Set.of("kind", "description");

    static final Map<String, Set<String>> CAUSE_FIELDS = Map.of(
            GRANTED, Set.of("kind", "eventId", "ratingId", "ratingIds", "description"),
            REVOKED, Set.of("kind", "eventId", "benchmarkId", "evaluationId", "metricCode", "period", "target", "actual",
                    "reason", "comparator", "description", "ratingId", "ratingIds"),
            REINSTATED, Set.of("kind", "eventId", "benchmarkId", "evaluationId", "reason", "description", "ratingId",
                    "ratingIds"),
            ENDED, Set.of("kind", "eventId", "reason", "contractId", "description"));

    @Test
    void everyPublishedEventHasTheDocumentedShapeAndNoPersonalData() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        String name = "Rosa Parks Leadership Academy";
        registerSchool(school, name);
        activate(contract, school, List.of(full("PEOPLE"), full("TIME")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE") && has(g, "TIME", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
        evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        String leader = TestTokens.token("jane.principal@example.org", Set.of("SCHOOL_LEADER"), List.of(school.toString()),
                java.time.Duration.ofMinutes(5));
        String request = given().auth().oauth2(leader).contentType(JSON).body(ProgrammaticRequestTest.submission(school)
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e ->
                        e.getKey().equals("domain") ? "PROGRAM" : e.getKey().equals("decisions")
                                ? List.of("CHOOSE_ASSESSMENTS") : e.getValue())))
                .post("/api/autonomy/requests").then().statusCode(201).extract().path("id");
        String reviewer = TestTokens.token("john.reviewer@example.org", Set.of("OVERSIGHT"), List.of(),
                java.time.Duration.ofMinutes(5));
        given().auth().oauth2(reviewer).contentType(JSON).body(Map.of()).post("/api/autonomy/requests/{id}/review", request)
                .then().statusCode(200);
        given().auth().oauth2(reviewer).contentType(JSON).body(Map.of("text", "Call Ms. Jane Principal at 555-0100"))
                .post("/api/autonomy/requests/{id}/comments", request).then().statusCode(201);
        given().auth().oauth2(reviewer).contentType(JSON).body(Map.of("rationale", "Approved for Ms. Jane Principal"))
                .post("/api/autonomy/requests/{id}/approve", request).then().statusCode(200);
        schoolStatusChanged(school, "OPEN", "CLOSED", "Merged into another campus");
        awaitGrants(school, g -> g.size() == 3 && g.stream().allMatch(x -> "ENDED".equals(x.get("status"))));
        await().atMost(WAIT).until(() -> published(ENDED, school).size() == 3);

        List<EventsProbe.Received> events = EventsProbe.readAll(AUTONOMY).stream()
                .filter(r -> school.toString().equals(r.subject())).toList();
        assertThat(events).extracting(EventsProbe.Received::type)
                .containsOnly(GRANTED, REVOKED, REINSTATED, ENDED)
                .contains(GRANTED, REVOKED, REINSTATED, ENDED);
        assertThat(events).hasSize(3 + 1 + 1 + 3);
        for (EventsProbe.Received e : events) {
            assertThat(e.source()).isEqualTo("/autonomy");
            assertThat(e.key()).isEqualTo(school.toString());
            assertThat(UUID.fromString(e.id())).isNotNull();
            assertThat(e.time()).isNotBlank();
            assertThat(e.envelope().path("specversion").asText()).isEqualTo("1.0");
            assertThat(e.envelope().path("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(fields(e.data())).as(e.type()).isSubsetOf(FIELDS.get(e.type())).containsAll(ALWAYS.get(e.type()));
            assertThat(fields(e.data().path("cause"))).as(e.type() + " cause").isSubsetOf(CAUSE_FIELDS.get(e.type()))
                    .containsAll(CAUSE_ALWAYS);
            assertThat(nullsIn(e.data(), "")).as(e.type() + ": absent values are left out, never null").isEmpty();
            String json = e.data().toString();
            assertThat(json).doesNotContain(name).doesNotContain("Jane").doesNotContain("jane.principal")
                    .doesNotContain("john.reviewer").doesNotContain("555-0100").doesNotContain("test-client");
        }
    }

    private static List<String> nullsIn(JsonNode node, String at) {
        List<String> out = new java.util.ArrayList<>();
        if (node.isNull()) {
            out.add(at);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> out.addAll(nullsIn(f.getValue(), at + "." + f.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(nullsIn(node.get(i), at + "[" + i + "]"));
            }
        }
        return out;
    }

    /**
     * The AsyncAPI document (api-docs) is the contract of these events: every event autonomy published in this test
     * run, read back from its topic, conforms to its message there, and every message the document lists on
     * autonomy.events was published (this test publishes each once itself).
     */
    @Test
    void everyPublishedEventConformsToTheAsyncApiDocument() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        registerSchool(school, "Contract School " + school.toString().substring(0, 8));
        activate(contract, school, List.of(full("PEOPLE", "HIRE_TEACHERS")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
        evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        schoolStatusChanged(school, "OPEN", "CLOSED", "Merged into another campus");
        await().atMost(WAIT).until(() -> published(ENDED, school).size() == 1);

        Map<String, Integer> checked = EventContract.load().assertTopicConforms(AUTONOMY, "/autonomy");
        assertThat(checked).containsKeys(GRANTED, REVOKED, REINSTATED, ENDED);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> out = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
