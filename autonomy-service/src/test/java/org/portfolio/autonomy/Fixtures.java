package org.portfolio.autonomy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishes contracts-service's and performance-service's events exactly as docs/events.md shapes them (the
 * producers are built in parallel against the same contract), and reads the outcome through the API.
 */
final class Fixtures {

    static final String CONTRACTS = "contracts.events";
    static final String PERFORMANCE = "performance.events";
    static final String AUTONOMY = "autonomy.events";

    static final String SCHOOL_REGISTERED = "portfolio.contracts.SchoolRegistered.v1";
    static final String SCHOOL_STATUS_CHANGED = "portfolio.contracts.SchoolStatusChanged.v1";
    static final String CONTRACT_ACTIVATED = "portfolio.contracts.ContractActivated.v1";
    static final String CONTRACT_AMENDED = "portfolio.contracts.ContractAmended.v1";
    static final String CONTRACT_ENDED = "portfolio.contracts.ContractEnded.v1";
    static final String BENCHMARK_EVALUATED = "portfolio.contracts.BenchmarkEvaluated.v1";
    static final String RATING_PUBLISHED = "portfolio.performance.SchoolRatingPublished.v1";

    static final String GRANTED = "portfolio.autonomy.AutonomyGranted.v1";
    static final String REVOKED = "portfolio.autonomy.AutonomyRevoked.v1";
    static final String REINSTATED = "portfolio.autonomy.AutonomyReinstated.v1";
    static final String ENDED = "portfolio.autonomy.AutonomyEnded.v1";

    static final Duration WAIT = Duration.ofSeconds(30);

    private Fixtures() {
    }

    /** The school year in progress today (from 1 July), e.g. "2026-27". */
    static String currentYear() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int start = today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
        return year(start);
    }

    static String year(int start) {
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    static String yearsFromNow(int delta) {
        return year(Integer.parseInt(currentYear().substring(0, 4)) + delta);
    }

    // --- contracts.events ---------------------------------------------------------------------------------------

    static String registerSchool(UUID school, String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schoolId", school);
        d.put("districtCode", "S-" + school.toString().substring(0, 8));
        d.put("ncesId", null);
        d.put("name", name);
        d.put("type", "INNOVATION");
        d.put("grades", List.of("9", "10", "11", "12"));
        d.put("zone", "EAST");
        d.put("oversightBodyId", UUID.randomUUID());
        d.put("status", "OPEN");
        return EventsProbe.publish(CONTRACTS, "/contracts", SCHOOL_REGISTERED, school.toString(), d);
    }

    static String schoolStatusChanged(UUID school, String from, String to, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schoolId", school);
        d.put("districtCode", "S-" + school.toString().substring(0, 8));
        d.put("name", "School " + school.toString().substring(0, 8));
        d.put("type", "INNOVATION");
        d.put("grades", List.of("9", "10"));
        d.put("zone", "EAST");
        d.put("previousStatus", from);
        d.put("status", to);
        d.put("decisionId", UUID.randomUUID());
        d.put("reason", reason);
        d.put("decidedBy", "board-client");
        d.put("effectiveDate", LocalDate.now().toString());
        return EventsProbe.publish(CONTRACTS, "/contracts", SCHOOL_STATUS_CHANGED, school.toString(), d);
    }

    static Map<String, Object> full(String domain, String... decisions) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("provisionId", UUID.randomUUID());
        p.put("domain", domain);
        p.put("model", "FULL_WITH_EXPECTATIONS");
        p.put("scope", "Full " + domain.toLowerCase() + " autonomy");
        p.put("decisions", List.of(decisions));
        p.put("eligibility", null);
        return p;
    }

    static Map<String, Object> earned(String domain, String tier, int years) {
        return earned(domain, tier, years, null);
    }

    /** An EARNED provision; {@code fallBackAfterYears} null = left out (older contracts' events). */
    static Map<String, Object> earned(String domain, String tier, int years, Integer fallBackAfterYears) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("provisionId", UUID.randomUUID());
        p.put("domain", domain);
        p.put("model", "EARNED");
        p.put("scope", "Earned " + domain.toLowerCase() + " autonomy");
        p.put("decisions", List.of());
        p.put("eligibility", fallBackAfterYears == null ? Map.of("minimumTier", tier, "consecutiveYears", years)
                : Map.of("minimumTier", tier, "consecutiveYears", years, "fallBackAfterYears", fallBackAfterYears));
        return p;
    }

    static Map<String, Object> programmatic(String domain) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("provisionId", UUID.randomUUID());
        p.put("domain", domain);
        p.put("model", "PROGRAMMATIC");
        p.put("scope", "May request " + domain.toLowerCase() + " autonomies");
        p.put("decisions", List.of());
        p.put("eligibility", null);
        return p;
    }

    static Map<String, Object> contract(UUID contract, UUID school, int version, UUID renews,
                                        List<Map<String, Object>> provisions) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contractId", contract);
        d.put("schoolId", school);
        d.put("oversightBodyId", UUID.randomUUID());
        d.put("version", version);
        d.put("term", Map.of("startYear", currentYear(), "endYear", yearsFromNow(4)));
        d.put("renewsContractId", renews);
        d.put("provisions", provisions);
        d.put("benchmarks", List.of(Map.of("benchmarkId", UUID.randomUUID(), "metricCode", "TEACHER_VACANCIES",
                "comparator", "LTE", "target", 3, "period", currentYear(), "category", "ORGANIZATIONAL",
                "guardsDomains", List.of("PEOPLE"), "missTriggers", "NOTICE_OF_CONCERN", "reinstateOnMet", true)));
        return d;
    }

    static String activate(UUID contract, UUID school, List<Map<String, Object>> provisions) {
        return activate(contract, school, null, provisions);
    }

    static String activate(UUID contract, UUID school, UUID renews, List<Map<String, Object>> provisions) {
        return EventsProbe.publish(CONTRACTS, "/contracts", CONTRACT_ACTIVATED, school.toString(),
                contract(contract, school, 1, renews, provisions));
    }

    static String amend(UUID contract, UUID school, int version, List<Map<String, Object>> provisions) {
        Map<String, Object> d = contract(contract, school, version, null, provisions);
        d.put("previousVersion", version - 1);
        d.put("amendedBy", "board-client");
        d.put("reason", "Board resolution on staffing");
        return EventsProbe.publish(CONTRACTS, "/contracts", CONTRACT_AMENDED, school.toString(), d);
    }

    static String end(UUID contract, UUID school, String endedAs, UUID renewedBy) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contractId", contract);
        d.put("schoolId", school);
        d.put("version", 1);
        d.put("endedAs", endedAs);
        d.put("reason", "Board decision " + endedAs.toLowerCase());
        d.put("effectiveDate", LocalDate.now().toString());
        d.put("renewedByContractId", renewedBy);
        return EventsProbe.publish(CONTRACTS, "/contracts", CONTRACT_ENDED, school.toString(), d);
    }

    static Map<String, Object> evaluation(UUID school, UUID contract, UUID benchmark, String result, Number target,
                                          Number actual, boolean reinstateOnMet, String... domains) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("evaluationId", UUID.randomUUID());
        d.put("benchmarkId", benchmark);
        d.put("contractId", contract);
        d.put("schoolId", school);
        d.put("metricCode", "TEACHER_VACANCIES");
        d.put("period", currentYear());
        d.put("comparator", "LTE");
        d.put("target", target);
        d.put("actual", actual);
        d.put("n", null);
        d.put("result", result);
        d.put("category", "ORGANIZATIONAL");
        d.put("guardsDomains", List.of(domains));
        d.put("consequence", Map.of("interventionLevel", "NOTICE_OF_CONCERN", "reinstateOnMet", reinstateOnMet));
        d.put("sourceEventId", UUID.randomUUID().toString());
        return d;
    }

    static String evaluate(UUID school, UUID contract, UUID benchmark, String result, Number target, Number actual,
                           boolean reinstateOnMet, String... domains) {
        return EventsProbe.publish(CONTRACTS, "/contracts", BENCHMARK_EVALUATED, school.toString(),
                evaluation(school, contract, benchmark, result, target, actual, reinstateOnMet, domains));
    }

    // --- performance.events -------------------------------------------------------------------------------------

    static String rating(UUID school, UUID ratingId, String year, String tier, String publishedAt) {
        return rating(UUID.randomUUID().toString(), school, ratingId, year, tier, publishedAt);
    }

    /**
     * Waits until autonomy-service has processed this event (its inbox row): a check that something did not happen
     * after it is made once it was read, not after a wait the consumer may outlast.
     */
    static void awaitRead(String eventId) {
        org.portfolio.testing.Inbox.awaitProcessed(io.quarkus.arc.Arc.container()
                .instance(io.agroal.api.AgroalDataSource.class).get(), eventId);
    }

    /** SchoolRatingPublished with the given event id (the same id twice = a redelivery). */
    static String rating(String eventId, UUID school, UUID ratingId, String year, String tier, String publishedAt) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ratingId", ratingId);
        d.put("schoolId", school);
        d.put("schoolYear", year);
        d.put("frameworkId", UUID.randomUUID());
        d.put("frameworkVersion", 1);
        d.put("totalPoints", 68.5);
        d.put("maxPoints", 100);
        d.put("percent", 68.5);
        d.put("tier", tier);
        d.put("categories", List.of(Map.of("category", "ACADEMIC", "points", 40, "maxPoints", 60, "percent", 66.7)));
        d.put("metrics", List.of());
        d.put("publishedAt", publishedAt);
        return EventsProbe.publish(PERFORMANCE, eventId, "/performance", RATING_PUBLISHED, school.toString(), d);
    }

    // --- reading the outcome ------------------------------------------------------------------------------------

    static JsonPath grants(UUID school) {
        return given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", school).queryParam("size", 200)
                .get("/api/autonomy/grants").then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the school's grants satisfy the condition; returns them (items of the first page). */
    static List<Map<String, Object>> awaitGrants(UUID school, Predicate<List<Map<String, Object>>> condition) {
        List<List<Map<String, Object>>> holder = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Map<String, Object>> items = grants(school).getList("items");
            if (condition.test(items)) {
                holder.add(items);
                return true;
            }
            return false;
        });
        return holder.get(0);
    }

    static Map<String, Object> grantOn(List<Map<String, Object>> grants, String domain) {
        return grants.stream().filter(g -> domain.equals(g.get("domain"))).findFirst().orElse(null);
    }

    static boolean has(List<Map<String, Object>> grants, String domain, String status) {
        return grants.stream().anyMatch(g -> domain.equals(g.get("domain")) && status.equals(g.get("status")));
    }

    static JsonPath check(UUID school, String decision) {
        return given().get("/api/autonomy/schools/{s}/decision-rights/{d}", school, decision).then().statusCode(200)
                .extract().jsonPath();
    }

    static List<Map<String, Object>> history(UUID grant) {
        return given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/{id}/history", grant)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static Map<String, Object> json(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static final ContentType JSON = ContentType.JSON;

    // --- the OpenAPI document's request examples ------------------------------------------------------------------

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The request example the served OpenAPI document shows for an operation
     * ({@code paths.<path>.<method>.requestBody.content.application/json.examples.<name>.value}), as a body to send: a
     * test sends it (its ids made real) so that the document's examples cannot drift from what the service takes.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> documentedExample(String path, String method, String name) {
        JsonNode value = org.portfolio.testing.RequestExamples.named(path, method, name);
        assertThat(value.isObject()).as("the document's example '%s' of %s %s", name, method, path).isTrue();
        return MAPPER.convertValue(value, LinkedHashMap.class);
    }

    /** The example with one of its (made-up) ids replaced by a real one; the example must have the property. */
    static Map<String, Object> withId(Map<String, Object> example, String property, UUID id) {
        assertThat(example).containsKey(property);
        example.put(property, id.toString());
        return example;
    }

    /** Events of one type about one school on autonomy.events. */
    static List<EventsProbe.Received> published(String type, UUID school) {
        return EventsProbe.ofType(AUTONOMY, type).stream().filter(r -> school.toString().equals(r.subject())).toList();
    }

    static EventsProbe.Received awaitPublished(String type, Predicate<EventsProbe.Received> match) {
        return EventsProbe.await(AUTONOMY, r -> type.equals(r.type()) && match.test(r), WAIT);
    }
}
