package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import org.portfolio.testing.EventsProbe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The change feed returns nothing a caller may not read: every event type × every role (and two mixed-role clients),
 * for an event about the caller's school and one about another school, against the table of docs/security.md written
 * out here, not computed by the code under test.
 */
@QuarkusTest
class FeedTest {

    @jakarta.inject.Inject
    org.portfolio.integration.service.RetentionJob retention;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @jakarta.inject.Inject
    org.portfolio.integration.repository.FeedRepository feedRepository;

    static final UUID OWN = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();

    /** Who sees what: per audience, the roles that see every school's events and those that see their own schools'. */
    static final Map<String, List<String>> DIRECTORY_TYPES = Map.of("contracts",
            List.of("SchoolRegistered", "SchoolUpdated", "SchoolStatusChanged"));
    static final Map<String, List<String>> RECORD_TYPES = new LinkedHashMap<>(Map.of(
            "contracts", List.of("ContractActivated", "ContractAmended", "ContractEnded", "BenchmarkEvaluated", "InterventionEscalated"),
            "autonomy", List.of("AutonomyGranted", "AutonomyRevoked", "AutonomyReinstated", "AutonomyEnded"),
            "performance", List.of("MetricResultRecorded", "SchoolRatingPublished")));
    /** Counts per school (DemandReported) versus the round itself (MatchPublished: the seed, cutoffs, every program). */
    static final Map<String, List<String>> ENROLLMENT_TYPES = Map.of("enrollment", List.of("DemandReported"));
    static final Map<String, List<String>> ROUND_TYPES = Map.of("enrollment", List.of("MatchPublished"));

    record Caller(String name, String token, Set<String> sees) {
    }

    @Test
    void everyRoleSeesExactlyTheEventsItMayReadAboutItsOwnAndAnotherSchool() {
        String start = end(TestTokens.districtAdmin());
        Map<String, String> directory = new LinkedHashMap<>();   // event id → school ("own"/"other")
        Map<String, String> record = new LinkedHashMap<>();
        Map<String, String> enrollment = new LinkedHashMap<>();
        Map<String, String> round = new LinkedHashMap<>();
        for (UUID school : List.of(OWN, OTHER)) {
            String where = school.equals(OWN) ? "own" : "other";
            DIRECTORY_TYPES.get("contracts").forEach(n -> directory.put(Events.contracts(n, school, Map.of("name", "S")), where));
            RECORD_TYPES.forEach((svc, names) -> names.forEach(n -> record.put(publish(svc, n, school), where)));
            ENROLLMENT_TYPES.get("enrollment").forEach(n -> enrollment.put(Events.enrollment(n, school), where));
            ROUND_TYPES.get("enrollment").forEach(n -> round.put(Events.enrollment(n, school), where));
        }
        // an event about one applicant (a type the feed does not know) is never stored
        String applicant = Events.publish("enrollment", "ApplicationSubmitted", UUID.randomUUID().toString(),
                Map.of("applicantId", UUID.randomUUID().toString()));
        Set<String> all = new HashSet<>();
        all.addAll(directory.keySet());
        all.addAll(record.keySet());
        all.addAll(enrollment.keySet());
        all.addAll(round.keySet());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ids(TestTokens.districtAdmin(), start)).containsAll(all));
        assertThat(ids(TestTokens.districtAdmin(), start)).doesNotContain(applicant);

        Set<String> dirAll = directory.keySet();
        Set<String> recAll = record.keySet();
        Set<String> enrAll = enrollment.keySet();
        Set<String> recOwn = own(record);
        Set<String> enrOwn = own(enrollment);
        // the match (lottery seed, cutoffs) is the row "enrollment: periods, programs, lottery, match, offers" of
        // docs/security.md: DISTRICT_ADMIN and ENROLLMENT_OFFICER only, not OVERSIGHT, not a SCHOOL_LEADER of a school in it
        Set<String> roundAll = round.keySet();
        List<Caller> callers = List.of(
                new Caller("DISTRICT_ADMIN", TestTokens.districtAdmin(), union(dirAll, recAll, enrAll, roundAll)),
                new Caller("OVERSIGHT", TestTokens.oversight(), union(dirAll, recAll, enrAll)),
                new Caller("SCHOOL_LEADER", TestTokens.schoolLeader(OWN), union(dirAll, recOwn, enrOwn)),
                new Caller("SIS", TestTokens.sis(OWN), union(dirAll)),
                new Caller("ENROLLMENT_OFFICER", TestTokens.enrollmentOfficer(), union(dirAll, enrAll, roundAll)),
                new Caller("SCHOOL_LEADER+ENROLLMENT_OFFICER", TestTokens.token("mixed-1", Set.of("SCHOOL_LEADER", "ENROLLMENT_OFFICER"),
                        List.of(OWN.toString()), Duration.ofMinutes(5)), union(dirAll, recOwn, enrAll, roundAll)),
                new Caller("SIS+SCHOOL_LEADER", TestTokens.token("mixed-2", Set.of("SIS", "SCHOOL_LEADER"),
                        List.of(OWN.toString()), Duration.ofMinutes(5)), union(dirAll, recOwn, enrOwn)));
        for (Caller c : callers) {
            Set<String> seen = new HashSet<>(ids(c.token(), start));
            seen.retainAll(all);
            assertThat(seen).as(c.name()).containsExactlyInAnyOrderElementsOf(c.sees());
        }
    }

    @Test
    void pagesFollowTheCursorInOrderAndFiltersApply() {
        UUID school = UUID.randomUUID();
        String start = end(TestTokens.districtAdmin());
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            published.add(Events.contracts("SchoolUpdated", school, Map.of("n", i)));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ids(TestTokens.districtAdmin(), start)).containsAll(published));
        // three at a time, resuming from each page's next: the school's events in publication order, none twice
        List<String> paged = new ArrayList<>();
        String cursor = start;
        for (int i = 0; i < 10; i++) {
            Response r = given().auth().oauth2(TestTokens.oversight())
                    .get("/api/events?after=" + cursor + "&limit=3&schoolId=" + school + "&type=portfolio.contracts.SchoolUpdated.v1");
            r.then().statusCode(200);
            paged.addAll(r.jsonPath().getList("events.id"));
            assertThat(r.jsonPath().getList("events.subject", String.class)).containsOnly(school.toString());
            cursor = r.path("next");
            if (!r.<Boolean>path("hasMore")) {
                break;
            }
        }
        assertThat(paged).containsExactlyElementsOf(published);
        // an event's sequence is a cursor too
        Response all = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=" + start + "&schoolId=" + school);
        String third = all.jsonPath().getString("events[2].sequence");
        assertThat(all.jsonPath().getString("events[0].specversion")).isEqualTo("1.0");
        assertThat(all.jsonPath().getString("events[0].source")).isEqualTo("/contracts");
        assertThat(all.jsonPath().getInt("events[0].data.n")).isEqualTo(0);
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=" + third + "&schoolId=" + school)
                .then().statusCode(200).body("events[0].id", equalTo(published.get(3)));
        // past the end: nothing, the same cursor, up to date
        String end = end(TestTokens.districtAdmin());
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=" + end).then().statusCode(200)
                .body("events.size()", equalTo(0)).body("next", equalTo(end)).body("hasMore", equalTo(false));
    }

    /**
     * Review finding (docs/security.md T4c): {@code SchoolStatusChanged}, a directory event every role reads, carried the
     * decision's reason and the deciding client's id, which {@code GET /api/schools/{id}/decisions} keeps to
     * DISTRICT_ADMIN, the school's oversight and its leaders. Those two fields are now left out for any other reader;
     * the school, its statuses and the decision stay.
     */
    @Test
    void aStatusDecisionsReasonAndDeciderAreLeftOutForReadersWhoMayNotReadTheSchoolsRecords() {
        UUID school = UUID.randomUUID();
        String start = end(TestTokens.districtAdmin());
        String id = Events.contracts("SchoolStatusChanged", school, Map.of("name", "S", "previousStatus", "OPEN",
                "status", "CLOSING", "decision", "BEGIN_CLOSURE", "reason", "Board minute 14: finances", "decidedBy", "cl_board"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(TestTokens.districtAdmin(), start)).contains(id));
        Map<String, Boolean> seesReason = new LinkedHashMap<>();
        seesReason.put("DISTRICT_ADMIN", true);
        seesReason.put("OVERSIGHT", true);
        seesReason.put("SCHOOL_LEADER of the school", true);
        seesReason.put("SCHOOL_LEADER of another school", false);
        seesReason.put("SIS of the school", false);
        seesReason.put("ENROLLMENT_OFFICER", false);
        Map<String, String> tokens = Map.of("DISTRICT_ADMIN", TestTokens.districtAdmin(), "OVERSIGHT", TestTokens.oversight(),
                "SCHOOL_LEADER of the school", TestTokens.schoolLeader(school),
                "SCHOOL_LEADER of another school", TestTokens.schoolLeader(OTHER),
                "SIS of the school", TestTokens.sis(school), "ENROLLMENT_OFFICER", TestTokens.enrollmentOfficer());
        seesReason.forEach((who, sees) -> {
            Response r = given().auth().oauth2(tokens.get(who)).get("/api/events?after=" + start + "&schoolId=" + school);
            r.then().statusCode(200);
            Map<String, Object> data = r.jsonPath().getMap("events.find { it.id == '" + id + "' }.data");
            assertThat(data).as(who).containsEntry("status", "CLOSING").containsEntry("decision", "BEGIN_CLOSURE");
            if (sees) {
                assertThat(data).as(who).containsEntry("reason", "Board minute 14: finances").containsEntry("decidedBy", "cl_board");
            } else {
                assertThat(data).as(who).doesNotContainKeys("reason", "decidedBy");
            }
        });
    }

    /**
     * Review of the third pass of 2026-12-05: an ENROLLMENT_DROP flag's prior-result figures (results of the year before
     * at any school) reached the school's leader through the feed, though its profile leaves them out (security.md T30).
     */
    @Test
    @SuppressWarnings("unchecked")
    void anEnrollmentDropFlagsPriorResultFiguresAreForDistrictAndOversightOnly() {
        UUID school = UUID.randomUUID();
        String start = end(TestTokens.districtAdmin());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("fallCount", 20);
        evidence.put("leavers", 6);
        evidence.put("leaversWithPriorResult", 6);
        evidence.put("leaversLowPriorResult", 6);
        evidence.put("stayersWithPriorResult", 14);
        evidence.put("stayersLowPriorResult", 4);
        evidence.put("leaversLowPercent", 100.0);
        evidence.put("stayersLowPercent", 28.6);
        evidence.put("differencePoints", 71.4);
        evidence.put("thresholdPoints", 20);
        String id = Events.publish("performance", "IntegrityFlagRaised", school.toString(), Map.of("flagId", UUID.randomUUID().toString(),
                "schoolId", school.toString(), "schoolYear", "2026-27", "rule", "ENROLLMENT_DROP", "scope", "",
                "reason", "6 of 20 students left; 100.0% of them below proficient, 28.6% of those who stayed", "evidence", evidence,
                "raisedAt", "2026-12-05T08:00:00Z"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(TestTokens.districtAdmin(), start)).contains(id));
        Map<String, Object> admin = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=" + start + "&schoolId=" + school)
                .jsonPath().getMap("events.find { it.id == '" + id + "' }.data");
        assertThat(admin).containsKey("reason");
        assertThat((Map<String, Object>) admin.get("evidence")).containsEntry("leaversLowPriorResult", 6);
        Map<String, Object> leader = given().auth().oauth2(TestTokens.schoolLeader(school)).get("/api/events?after=" + start + "&schoolId=" + school)
                .jsonPath().getMap("events.find { it.id == '" + id + "' }.data");
        assertThat(leader).as("the school's leader reads the flag").containsEntry("rule", "ENROLLMENT_DROP").doesNotContainKey("reason");
        assertThat((Map<String, Object>) leader.get("evidence")).containsEntry("fallCount", 20).containsEntry("leavers", 6)
                .doesNotContainKeys("leaversWithPriorResult", "leaversLowPriorResult", "stayersWithPriorResult",
                        "stayersLowPriorResult", "leaversLowPercent", "stayersLowPercent", "differencePoints");
    }

    /**
     * Review finding: a cursor from before the retention purge silently continued with the oldest event kept, skipping
     * what was purged. Now it is 410 cursor-expired (the feed and a replay); 0 reads from the oldest event kept.
     */
    @Test
    void aCursorFromBeforeThePurgeIsGoneAndZeroStartsFromTheOldestEventKept() throws Exception {
        UUID school = UUID.randomUUID();
        String start = end(TestTokens.districtAdmin());
        Events.contracts("SchoolUpdated", school, Map.of("n", -1));
        String purged = Events.contracts("SchoolUpdated", school, Map.of("n", 0));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(TestTokens.districtAdmin(), start)).contains(purged));
        long purgedSeq = Long.parseLong(given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=" + start
                + "&schoolId=" + school).jsonPath().getString("events[1].sequence"));
        Thread.sleep(50);
        Instant cut = Instant.now();
        Thread.sleep(50);
        String kept = Events.contracts("SchoolUpdated", school, Map.of("n", 1));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(TestTokens.districtAdmin(), start)).contains(kept));
        assertThat(retention.purge(cut.plus(Duration.ofDays(400)))).isPositive();

        for (String expired : List.of(Long.toString(purgedSeq - 1))) { // >= 1: an older event of the school was purged too
            given().auth().oauth2(TestTokens.sis()).get("/api/events?after=" + expired).then().statusCode(410)
                    .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:cursor-expired"));
        }
        // the purged event's own sequence lost nothing after it; 0 is the start of what is kept
        given().auth().oauth2(TestTokens.sis()).get("/api/events?after=" + purgedSeq + "&schoolId=" + school).then()
                .statusCode(200).body("events.id", org.hamcrest.Matchers.contains(kept));
        given().auth().oauth2(TestTokens.sis()).get("/api/events?after=0&schoolId=" + school).then()
                .statusCode(200).body("events.id", org.hamcrest.Matchers.contains(kept));
        // a replay from it too
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), List.of(school));
            given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body(Map.of("after", Long.toString(purgedSeq - 1)))
                    .post("/api/webhooks/" + sub.id() + "/replay").then().statusCode(410)
                    .body("type", equalTo("urn:portfolio:problem:cursor-expired"));
            given().auth().oauth2(TestTokens.districtAdmin()).delete("/api/webhooks/" + sub.id()).then().statusCode(204);
        }
    }

    /**
     * Backup and restore review: the cursor is the feed's seq, and after integration-service's database is restored from
     * a backup the sequence goes back. A reader whose cursor was past the restored sequence got empty pages, then
     * silently skipped every new event up to its cursor. A cursor past the last seq the sequence issued (no row could
     * have given it) is now 410 cursor-ahead, in the feed and in a replay; the last cursor handed out still reads.
     */
    @Test
    void aCursorPastEverySequenceTheFeedIssuedIsAheadAndTheLastOneHandedOutStillReads() throws Exception {
        UUID school = UUID.randomUUID();
        String start = end(TestTokens.districtAdmin());
        String id = Events.contracts("SchoolUpdated", school, Map.of("n", 1));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(TestTokens.districtAdmin(), start)).contains(id));
        long sequence = Long.parseLong(given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=" + start
                + "&schoolId=" + school).jsonPath().getString("events[0].sequence"));
        String last = end(TestTokens.districtAdmin());
        long issued;
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select last_value, is_called from feed_event_seq_seq")) {
            rs.next();
            issued = rs.getBoolean(2) ? rs.getLong(1) : rs.getLong(1) - 1;
        }
        assertThat(issued).isGreaterThanOrEqualTo(Math.max(sequence, Long.parseLong(last)));

        // every cursor the feed handed out, and the sequence's last value itself, still read
        for (String cursor : List.of("0", Long.toString(sequence), last, Long.toString(issued))) {
            given().auth().oauth2(TestTokens.sis()).get("/api/events?after=" + cursor).then().statusCode(200);
        }
        // past it (a restore set the sequence back below the reader's cursor): 410, not an empty page
        for (String ahead : List.of(Long.toString(issued + 1_000_000_000L), "999999999999999999")) {
            given().auth().oauth2(TestTokens.sis()).get("/api/events?after=" + ahead).then().statusCode(410)
                    .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:cursor-ahead"))
                    .body("detail", org.hamcrest.Matchers.containsString("after=0"));
        }
        // a replay too
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), List.of(school));
            given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                    .body(Map.of("after", Long.toString(issued + 1_000_000_000L)))
                    .post("/api/webhooks/" + sub.id() + "/replay").then().statusCode(410)
                    .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:cursor-ahead"));
            given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body(Map.of("after", last))
                    .post("/api/webhooks/" + sub.id() + "/replay").then().statusCode(202);
            given().auth().oauth2(TestTokens.districtAdmin()).delete("/api/webhooks/" + sub.id()).then().statusCode(204);
        }
    }

    /**
     * The sequence's edge cases, on a feed of its own (a schema migrated for the test, since the module's feed is shared
     * and setting its sequence back would break every later append): a fresh feed has issued nothing (is_called false,
     * last_value 1, so a cursor of 1 is ahead and only 0 is valid); a row issues its seq, rolled back or not; a restore
     * (pg_dump's setval, called or not) takes it back.
     */
    @Test
    void theLastSequenceIssuedIsNoneOnAFreshFeedAndGoesBackWithARestore() throws Exception {
        String schema = "seqcheck_" + Long.toHexString(System.nanoTime());
        try {
            org.flywaydb.core.Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration")
                    .load().migrate();
            java.util.function.LongSupplier issued = () -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("select set_config('search_path', ?1, true)").setParameter(1, schema).getSingleResult();
                return feedRepository.lastIssued();
            });
            assertThat(issued.getAsLong()).as("a fresh feed").isZero();
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
                String insert = "insert into " + schema + ".feed_event (event_id, type, source, occurred_at, data, audience) "
                        + "values ('%s', 'portfolio.contracts.SchoolUpdated.v1', '/test', now(), '{}', 'DIRECTORY')";
                st.executeUpdate(insert.formatted("e1"));
                st.executeUpdate(insert.formatted("e2"));
                assertThat(issued.getAsLong()).isEqualTo(2);
                c.setAutoCommit(false);
                st.executeUpdate(insert.formatted("e3"));
                c.rollback();
                c.setAutoCommit(true);
                assertThat(issued.getAsLong()).as("a seq whose row was rolled back was issued all the same").isEqualTo(3);
                st.executeQuery("select setval('" + schema + ".feed_event_seq_seq', 1, true)").close();
                assertThat(issued.getAsLong()).as("restored from a backup taken after the first event").isEqualTo(1);
                st.executeQuery("select setval('" + schema + ".feed_event_seq_seq', 1, false)").close();
                assertThat(issued.getAsLong()).as("restored from a backup of an empty feed").isZero();
            }
        } finally {
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("drop schema if exists " + schema + " cascade");
            }
        }
    }

    /**
     * Hostile review of 2026-12-05 (sixth pass, M1): the purge deleted a paused lane's PENDING head with its event, and
     * the deliveries queued behind it were never sent, nor anything after them for that school, resume or not. The
     * oldest one left now heads the lane.
     */
    @Test
    void whenThePurgeTakesALanesHeadTheDeliveriesBehindItAreStillSent() throws Exception {
        UUID school = UUID.randomUUID();
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), List.of(school));
            given().auth().oauth2(TestTokens.districtAdmin()).post("/api/webhooks/" + sub.id() + "/pause").then().statusCode(200);
            Events.contracts("SchoolUpdated", school, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(TestTokens.districtAdmin())
                    .get("/api/webhooks/" + sub.id() + "/deliveries").path("total").equals(1));
            Thread.sleep(50);
            Instant cut = Instant.now();
            Thread.sleep(50);
            String queued = Events.contracts("SchoolUpdated", school, Map.of("n", 1));
            await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(TestTokens.districtAdmin())
                    .get("/api/webhooks/" + sub.id() + "/deliveries").path("total").equals(2));
            assertThat(retention.purge(cut.plus(Duration.ofDays(400)))).isPositive();

            given().auth().oauth2(TestTokens.districtAdmin()).post("/api/webhooks/" + sub.id() + "/resume").then().statusCode(200);
            String later = Events.contracts("SchoolUpdated", school, Map.of("n", 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> r.acknowledged().size() == 2);
            assertThat(r.acknowledged()).extracting(Receiver.Got::webhookId).containsExactly(queued, later);
            given().auth().oauth2(TestTokens.districtAdmin()).delete("/api/webhooks/" + sub.id()).then().statusCode(204);
        }
    }

    /**
     * Review finding: a page that was not full moved {@code next} to the last event matching the caller's own filters,
     * read or not: a leader filtering on another school and a type it may not read learnt from {@code next} whether
     * (and, bisecting the cursor, when) such an event happened. Now {@code next} moves to the end of the rows looked at,
     * whatever the filters: past the directory event that follows the hidden one.
     */
    @Test
    void nextSaysNothingAboutEventsTheCallerMayNotRead() {
        UUID other = UUID.randomUUID();
        String start = end(TestTokens.districtAdmin());
        String hidden = Events.contracts("InterventionEscalated", other, Map.of("contractId", UUID.randomUUID().toString()));
        String visible = Events.contracts("SchoolUpdated", other, Map.of("n", 1)); // same key: after it on its partition
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ids(TestTokens.districtAdmin(), start)).contains(hidden, visible));
        Response admin = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=" + start + "&schoolId=" + other);
        assertThat(admin.jsonPath().getList("events.id", String.class)).containsExactly(hidden, visible);
        long visibleSeq = Long.parseLong(admin.jsonPath().getString("events[1].sequence"));

        String leader = TestTokens.schoolLeader(OWN);
        for (String query : List.of("&type=portfolio.contracts.InterventionEscalated.v1", "", "&limit=1")) {
            Response r = given().auth().oauth2(leader).get("/api/events?after=" + start + "&schoolId=" + other + query);
            r.then().statusCode(200);
            assertThat(r.jsonPath().getList("events.id", String.class)).as(query).doesNotContain(hidden);
            assertThat(Long.parseLong(r.path("next"))).as(query).isGreaterThanOrEqualTo(visibleSeq);
        }
        // a school with no events at all: the same next as one with hidden events
        Response none = given().auth().oauth2(leader).get("/api/events?after=" + start + "&schoolId=" + UUID.randomUUID()
                + "&type=portfolio.contracts.InterventionEscalated.v1");
        assertThat(Long.parseLong(none.path("next"))).isGreaterThanOrEqualTo(visibleSeq);
    }

    @Test
    void badRequestsAreProblemsAndAnonymousCallersAreUnauthorized() {
        given().get("/api/events").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.sis()).get("/api/events?after=abc").then().statusCode(400)
                .body("type", equalTo("urn:portfolio:problem:validation")).body("errors[0].field", equalTo("after"));
        // an empty cursor (a client's unset variable) is not the start of the feed: the pattern forbids it, and it
        // silently re-read everything (review of the twenty-fourth pass, N4)
        given().auth().oauth2(TestTokens.sis()).get("/api/events?after=").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
        given().auth().oauth2(TestTokens.sis()).get("/api/events?after=%20").then().statusCode(400);
        given().auth().oauth2(TestTokens.sis()).get("/api/events?type=portfolio.enrollment.ApplicationSubmitted.v1").then()
                .statusCode(400).body("errors[0].field", equalTo("type"));
        given().auth().oauth2(TestTokens.sis()).get("/api/events?schoolId=nope").then().statusCode(400);
        given().auth().oauth2(TestTokens.sis()).get("/api/events?limit=501").then().statusCode(400);
    }

    private static String publish(String service, String name, UUID school) {
        return switch (service) {
            case "contracts" -> Events.contracts(name, school, Map.of("contractId", UUID.randomUUID().toString()));
            case "autonomy" -> Events.autonomy(name, school);
            default -> Events.performance(name, school);
        };
    }

    /** Every event id the caller gets after a cursor, following next until hasMore is false. */
    static List<String> ids(String token, String after) {
        List<String> out = new ArrayList<>();
        String cursor = after;
        for (int i = 0; i < 1000; i++) {
            Response r = given().auth().oauth2(token).get("/api/events?limit=500&after=" + cursor);
            r.then().statusCode(200);
            out.addAll(r.jsonPath().getList("events.id"));
            cursor = r.path("next");
            if (!r.<Boolean>path("hasMore")) {
                return out;
            }
        }
        throw new AssertionError("the feed did not end");
    }

    /** The cursor at the end of the feed now. */
    static String end(String token) {
        String cursor = "0";
        for (int i = 0; i < 1000; i++) {
            Response r = given().auth().oauth2(token).get("/api/events?limit=500&after=" + cursor);
            cursor = r.path("next");
            if (!r.<Boolean>path("hasMore")) {
                return cursor;
            }
        }
        throw new AssertionError("the feed did not end");
    }

    private static Set<String> own(Map<String, String> events) {
        Set<String> out = new HashSet<>();
        events.forEach((id, where) -> {
            if (where.equals("own")) {
                out.add(id);
            }
        });
        return out;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> out = new HashSet<>();
        for (Set<String> s : sets) {
            out.addAll(s);
        }
        return out;
    }

    /** Fourteenth pass: the type filter declares maxItems 50, and a list past it is refused, copies included. */
    @Test
    void theTypeFilterTakesAtMostFiftyValues() {
        String type = "&type=portfolio.contracts.SchoolUpdated.v1";
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=0" + type.repeat(51))
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?after=0" + type.repeat(50)).then().statusCode(200);
    }

    /**
     * Hostile read of the twenty-sixth pass, W2: a page was bounded by its count only, so 500 large events (a
     * MatchPublished of 3,000 programs is about 650 KB) made one answer of hundreds of MB, and a few readers at once
     * ended the service with an OutOfMemoryError. A page carries at most about 1 MB of event data (and at least one
     * event); next continues after its last event.
     */
    @Test
    void aPageOfLargeEventsStopsAtItsByteBudgetAndNextContinuesAfterIt() {
        String start = end(TestTokens.districtAdmin());
        List<String> published = new ArrayList<>();
        UUID period = UUID.randomUUID(); // one subject, one partition: the feed takes them in this order
        for (int e = 0; e < 3; e++) {
            List<Map<String, Object>> programs = new ArrayList<>();
            for (int p = 0; p < 3000; p++) {
                programs.add(Map.of("programId", UUID.randomUUID().toString(), "schoolId", UUID.randomUUID().toString(),
                        "seats", 30, "name", "Program " + p + " of a large round at a school of the district, grade nine"));
            }
            published.add(Events.publish("enrollment", "MatchPublished", period.toString(),
                    Map.of("periodId", period.toString(), "applicants", 80000, "programs", programs)));
        }
        String type = "&type=portfolio.enrollment.MatchPublished.v1";
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(TestTokens.districtAdmin(), start))
                    .containsAll(published));

            Response first = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?limit=10&after=" + start + type);
            first.then().statusCode(200).body("hasMore", equalTo(true));
            List<String> page = first.jsonPath().getList("events.id");
            assertThat(page).as("two events of about 600 KB: the second begins under the budget, the third would not")
                    .containsExactly(published.get(0), published.get(1));
            Response second = given().auth().oauth2(TestTokens.districtAdmin())
                    .get("/api/events?limit=10&after=" + first.path("next") + type);
            assertThat(second.jsonPath().<String>getList("events.id")).containsExactly(published.get(2));
        } finally {
            // the feed is the module's: the other tests read it from the start, and 1.7 MB more made each read slower
            try (java.sql.Connection c = dataSource.getConnection();
                 java.sql.PreparedStatement st = c.prepareStatement("delete from feed_event where event_id = any (?)")) {
                st.setArray(1, c.createArrayOf("varchar", published.toArray()));
                st.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Hostile review of the twenty-seventh pass, G1: an id is unique for its source only. autonomy publishing, on its
     * own topic, an event with the id of a contracts event the feed had not read yet kept that event out of the feed
     * and every webhook. Both are in the feed, each once.
     */
    @Test
    void anEventIdTakenFirstByAnotherServiceDoesNotKeepThisServicesEventOutOfTheFeed() {
        String start = end(TestTokens.districtAdmin());
        UUID school = UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        EventsProbe.publish("autonomy.events", id, "/autonomy", "portfolio.autonomy.AutonomyGranted.v1", school.toString(),
                Map.of("schoolId", school.toString(), "grantId", UUID.randomUUID().toString(), "domain", "PEOPLE"));
        EventsProbe.publish("contracts.events", id, "/contracts", "portfolio.contracts.ContractActivated.v1",
                school.toString(), Map.of("schoolId", school.toString(), "contractId", UUID.randomUUID().toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/events?limit=500&schoolId=" + school + "&after=" + start).then().statusCode(200).extract()
                .jsonPath().<String>getList("events.source")).containsExactlyInAnyOrder("/autonomy", "/contracts"));
    }

    /** W4: an empty type, limit or schoolId is refused, not read as absent (every type, the default, every school). */
    @Test
    void anEmptyTypeOrLimitIsRefusedNamingIt() {
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?type=").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?type=&type=portfolio.contracts.SchoolUpdated.v1")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?limit=").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/events?schoolId=").then().statusCode(400)
                .body("errors[0].field", equalTo("schoolId"));
    }
}
