package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.integration.service.WebhookDispatcher;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's throughput: one claim takes each due lane head with the events queued behind it, into at most 4
 * in-flight slots per subscription, and each slot sends its deliveries one after the other (in order per school,
 * each after the previous one was acknowledged). Here the dispatcher loop is off: the test claims with
 * {@link WebhookDispatcher#dispatchOnce()} and sees what one claim takes.
 */
@QuarkusTest
@TestProfile(WebhookSlotsTest.DrivenByTheTest.class)
class WebhookSlotsTest {

    public static class DrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portfolio.integration.webhooks.dispatcher-enabled", "false",
                    "portfolio.integration.webhooks.delete-batch", "2");
        }
    }

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    org.portfolio.integration.repository.DeliveryRepository deliveries;

    @Inject
    org.portfolio.integration.service.TargetGuard guard;

    static long total(String sub, String state) {
        Response log = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/webhooks/" + sub + "/deliveries?size=200");
        log.then().statusCode(200);
        return log.jsonPath().getList("items.state", String.class).stream().filter(state::equals).count();
    }

    @Test
    void oneClaimTakesEveryQueuedEventOfItsLanesAndSendsThemInOrderPerSchool() throws Exception {
        List<UUID> schools = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), schools);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                for (UUID s : schools) {
                    ids.add(Events.contracts("SchoolUpdated", s, Map.of("n", i)));
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> total(sub.id(), "PENDING") + total(sub.id(), "QUEUED") == 24);
            assertThat(total(sub.id(), "PENDING")).isEqualTo(3); // one head per school

            // one claim: the 3 heads and the 7 events behind each (before: the 3 heads only; other tests' leftovers
            // in the database may be claimed too)
            assertThat(dispatcher.dispatchOnce()).isGreaterThanOrEqualTo(24);
            assertThat(total(sub.id(), "PENDING") + total(sub.id(), "QUEUED")).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> total(sub.id(), "DELIVERED") == 24);

            assertThat(r.acknowledged()).extracting(Receiver.Got::webhookId).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
            assertThat(r.got()).allMatch(Receiver.Got::verified);
            for (UUID s : schools) {
                assertThat(r.acknowledged().stream().filter(g -> g.subject().equals(s.toString()))
                        .map(g -> g.event().path("data").path("n").asInt()).toList()).as("school " + s).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            }
            assertThat(r.maxConcurrent()).isLessThanOrEqualTo(3); // one request at a time per slot, a slot per school here
        }
    }

    /**
     * Hostile review of 2026-12-05 (sixth pass, M4): each slot resolved its target on a sender thread and waited there
     * for the whole dns-timeout, so one client whose name server stopped answering held every sender thread and every
     * tenant's deliveries waited. The lookup now holds no sender thread: the healthy endpoint's delivery goes at once.
     */
    @Test
    void aTargetWhoseNameServerNeverAnswersHoldsNoSenderThread() throws Exception {
        UUID school = UUID.randomUUID();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stuck = new java.util.concurrent.atomic.AtomicBoolean();
        org.portfolio.integration.service.TargetGuard.Resolver resolver = host -> {
            if (!host.equals("stuck.example")) {
                return java.net.InetAddress.getAllByName(host);
            }
            if (stuck.get()) {
                try {
                    release.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new java.net.UnknownHostException(host);
            }
            return new java.net.InetAddress[] {java.net.InetAddress.getByName("127.0.0.1")};
        };
        org.portfolio.integration.service.TargetGuard.Resolver before = guard.resolveWith(resolver);
        String owner = TestTokens.token("stuck-" + UUID.randomUUID(), java.util.Set.of("DISTRICT_ADMIN"), List.of(),
                Duration.ofMinutes(5));
        List<String> stuckSubs = new ArrayList<>();
        try (Receiver r = new Receiver(); Receiver unreachable = new Receiver()) {
            for (int i = 0; i < 20; i++) {
                stuckSubs.add(Webhooks.register(owner, unreachable.url().replace("127.0.0.1", "stuck.example"),
                        List.of("SchoolUpdated"), List.of(school)).then().statusCode(201).extract().path("id"));
            }
            Webhooks.Registered healthy = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), List.of(school));
            stuck.set(true);
            guard.resolveWith(resolver); // the same resolver, the registrations' answers forgotten
            String id = Events.contracts("SchoolUpdated", school, Map.of("n", 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> total(healthy.id(), "PENDING") == 1);

            dispatcher.dispatchOnce();
            Thread.sleep(500);
            long waitingForANameServer = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> e.getKey().getName().equals("webhook-sender"))
                    .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().endsWith(".TargetGuard")))
                    .count();
            assertThat(waitingForANameServer).isZero();
            await().atMost(Duration.ofSeconds(2)).until(() -> r.acknowledged().size() == 1);
            assertThat(r.acknowledged().get(0).webhookId()).isEqualTo(id);
        } finally {
            release.countDown();
            guard.resolveWith(before);
            for (String sub : stuckSubs) {
                given().auth().oauth2(owner).delete("/api/webhooks/" + sub).then().statusCode(204);
            }
        }
    }

    /**
     * Hostile review of 2026-12-05 (sixth pass, L7): the results thread records a batch again when a step after its
     * commit failed (disabling a subscription past its horizon), and every attempt of the batch was logged twice.
     */
    @Test
    void aBatchOfResultsRecordedTwiceLogsEachAttemptOnce() throws Exception {
        UUID school = UUID.randomUUID();
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), List.of(school));
            Events.contracts("SchoolUpdated", school, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(30)).until(() -> total(sub.id(), "PENDING") == 1);
            List<org.portfolio.integration.domain.Claimed> claimed = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> deliveries.claim(1000, 4, 10, 10, Duration.ofSeconds(45)));
            org.portfolio.integration.domain.Claimed ours = claimed.stream()
                    .filter(d -> d.subscriptionId().toString().equals(sub.id())).findFirst().orElseThrow();
            var result = new org.portfolio.integration.domain.AttemptResult(ours, java.time.Instant.now(), 200, 7, null,
                    null, null);
            for (int i = 0; i < 2; i++) {
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> deliveries.complete(List.of(result)));
            }
            Response log = given().auth().oauth2(TestTokens.districtAdmin())
                    .get("/api/webhooks/" + sub.id() + "/deliveries/" + ours.id());
            log.then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("DELIVERED"));
            assertThat(log.jsonPath().getList("attemptLog")).hasSize(1);
            // the other rows this claim took go back untried
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> deliveries.complete(List.of(), List.of(),
                    claimed.stream().filter(d -> !d.id().equals(ours.id())).toList()));
        }
    }

    @Test
    void aSlotWhoseEndpointTimesOutStopsAndGivesItsOtherDeliveriesBackUntried() throws Exception {
        List<UUID> schools = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            schools.add(UUID.randomUUID());
        }
        try (Receiver r = new Receiver().mode(Receiver.Mode.HANG)) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), schools);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                for (UUID s : schools) {
                    ids.add(Events.contracts("SchoolUpdated", s, Map.of("n", i)));
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> total(sub.id(), "PENDING") + total(sub.id(), "QUEUED") == 16);

            // 8 heads in 4 slots (2 schools each), 2 events per school: one request per slot goes out and hangs
            assertThat(dispatcher.dispatchOnce()).isGreaterThanOrEqualTo(16);
            assertThat(total(sub.id(), "IN_FLIGHT")).isEqualTo(16);
            dispatcher.dispatchOnce(); // 4 slots busy: nothing more in flight
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(r.arrivals()).hasSize(4);
            await().atMost(Duration.ofSeconds(15)).until(() -> total(sub.id(), "IN_FLIGHT") == 0);
            assertThat(r.arrivals()).hasSize(4);
            // the timed-out ones wait for their back-off; the other heads are due again untouched, the rest queued
            Response log = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/webhooks/" + sub.id() + "/deliveries?size=200");
            List<Map<String, Object>> items = log.jsonPath().getList("items");
            assertThat(items.stream().filter(i -> "TIMEOUT".equals(i.get("lastErrorClass")))).hasSize(4);
            assertThat(items.stream().filter(i -> "PENDING".equals(i.get("state")))).hasSize(8);
            assertThat(items.stream().filter(i -> "QUEUED".equals(i.get("state")))).hasSize(8);
            assertThat(items.stream().mapToInt(i -> ((Number) i.get("attempts")).intValue()).sum()).isEqualTo(4);

            // the endpoint is back: everything arrives, once each, in order per school
            r.mode(Receiver.Mode.OK);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dispatcher.dispatchOnce();
                return total(sub.id(), "DELIVERED") == 16;
            });
            assertThat(r.acknowledged()).extracting(Receiver.Got::webhookId).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
            for (UUID s : schools) {
                assertThat(r.acknowledged().stream().filter(g -> g.subject().equals(s.toString()))
                        .map(g -> g.event().path("data").path("n").asInt()).toList()).as("school " + s).containsExactly(0, 1);
            }
        }
    }

    /**
     * A replica claimed a school's head and the event behind it into one slot, then died: once the lease ran out,
     * the next claim takes both again, head first, and they arrive in order (not as two separate due rows).
     */
    @Test
    void aSlotWhoseLeaseRanOutIsClaimedAgainHeadFirst() throws Exception {
        UUID school = UUID.randomUUID();
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), List.of(school));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(Events.contracts("SchoolUpdated", school, Map.of("n", i)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> total(sub.id(), "PENDING") + total(sub.id(), "QUEUED") == 3);
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
                // the dead replica's claim: every row of the lane in one slot, its lease over
                st.executeUpdate("update webhook_delivery set state = 'IN_FLIGHT', attempts = 1, claim_id = '" + UUID.randomUUID() + "', "
                        + "lease_until = now() - interval '1 second' where subscription_id = '" + sub.id() + "'");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dispatcher.dispatchOnce();
                return total(sub.id(), "DELIVERED") == 3;
            });
            assertThat(r.acknowledged()).extracting(Receiver.Got::webhookId).containsExactlyElementsOf(ids);
        }
    }

    /**
     * Found by the benchmark: a claim locked the subscriptions {@code for update}, which the foreign-key check of every
     * fan-out into them waits for, so the change-feed consumer stood still while the dispatcher claimed (and the feed
     * fell behind). A claim in progress now leaves fan-outs alone.
     */
    @Test
    void aClaimInProgressDoesNotHoldUpTheFanOutOfNewEvents() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), List.of(a, b));
            Events.contracts("SchoolUpdated", a, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(30)).until(() -> total(sub.id(), "PENDING") == 1);
            io.quarkus.narayana.jta.QuarkusTransaction.begin();
            try {
                // the subscription is locked until this transaction ends
                assertThat(deliveries.claim(1000, 4, 10, 10, Duration.ofSeconds(45))).isNotEmpty();
                Events.contracts("SchoolUpdated", b, Map.of("n", 0));
                await().atMost(Duration.ofSeconds(10)).until(() -> total(sub.id(), "PENDING") == 2);
            } finally {
                io.quarkus.narayana.jta.QuarkusTransaction.rollback();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dispatcher.dispatchOnce();
                return total(sub.id(), "DELIVERED") == 2;
            });
        }
    }

    /**
     * Hostile read of the twenty-second pass (M4): a subscription's deletion was one cascade over its whole delivery log
     * (a district-wide subscription's 30 days: more than the transaction's minute, rolled back every time, the change
     * feed's fan-out held meanwhile). The log goes in batches (two here), each committed before the next: while the
     * deletion waits on the fifth of five deliveries, the first four are gone for everyone (in one transaction, none was).
     */
    @Test
    void aSubscriptionIsDeletedWithItsLogInBatchesEachCommittedBeforeTheNext() throws Exception {
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), null);
            String last;
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
                String event = "delete-batches-" + UUID.randomUUID();
                st.executeUpdate("insert into feed_event (event_id, type, source, occurred_at, data, audience) values ('" + event
                        + "', 'portfolio.contracts.SchoolUpdated.v1', '/contracts', now(), '{}', 'PUBLIC')");
                st.executeUpdate("insert into webhook_delivery (id, subscription_id, feed_seq, event_id, order_key, trigger, state, "
                        + "created_at, horizon_start, next_attempt_at, delivered_at) select gen_random_uuid(), '" + sub.id()
                        + "', f.seq, f.event_id, 'lane-' || i, 'EVENT', 'DELIVERED', now(), now(), now(), now() "
                        + "from feed_event f, generate_series(1, 5) i where f.event_id = '" + event + "'");
                try (java.sql.ResultSet rs = st.executeQuery("select id from webhook_delivery where subscription_id = '" + sub.id()
                        + "' order by seq desc limit 1")) {
                    rs.next();
                    last = rs.getString(1);
                }
            }
            java.util.concurrent.Callable<Response> delete = () -> given().auth().oauth2(TestTokens.districtAdmin())
                    .delete("/api/webhooks/" + sub.id());
            List<Response> answers = org.portfolio.testing.Races.whileLocked(dataSource,
                    "select 1 from webhook_delivery where id = ?::uuid for update", List.of(last), List.of(delete), false,
                    () -> assertThat(deliveriesOf(sub.id())).as("the log while the deletion waits on its last delivery").isEqualTo(1));
            answers.get(0).then().statusCode(204);
            assertThat(deliveriesOf(sub.id())).isZero();
            given().auth().oauth2(TestTokens.districtAdmin()).get("/api/webhooks/" + sub.id()).then().statusCode(404);
        }
    }

    private long deliveriesOf(String subscription) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select count(*) from webhook_delivery where subscription_id = '" + subscription + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Found by the webhook benchmark: a claim read every due lane head of every subscription (and, in bitmap scans, every
     * dead index entry the queue's churn had left), also when every slot was busy and nothing could be taken: 28-33 ms
     * a call, most of PostgreSQL's time. A claim now reads at most what its free slots can take, and nothing of a
     * subscription whose slots are all busy. Counted by PostgreSQL itself (the transaction's tuples fetched from the
     * queue table): 5,000 due heads, 4 slots of 10 lanes.
     */
    @Test
    void aClaimReadsWhatItsFreeSlotsCanTakeNotTheWholeQueue() throws Exception {
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), null);
            io.quarkus.narayana.jta.QuarkusTransaction.begin();
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
                String event = "claim-bound-" + UUID.randomUUID();
                st.executeUpdate("insert into feed_event (event_id, type, source, occurred_at, data, audience) values ('" + event
                        + "', 'portfolio.contracts.SchoolUpdated.v1', '/contracts', now(), '{}', 'PUBLIC')");
                // other tests' subscriptions (this profile's dispatcher is off) take what they can first: what is left of
                // them is subscriptions whose slots are all busy, which the claims below count but do not read
                deliveries.claim(1000, 4, 10, 1, Duration.ofSeconds(45));
                st.executeUpdate("insert into webhook_delivery (id, subscription_id, feed_seq, event_id, order_key, trigger, state, "
                        + "created_at, horizon_start, next_attempt_at) select gen_random_uuid(), '" + sub.id() + "', f.seq, f.event_id, "
                        + "'lane-' || i, 'EVENT', 'PENDING', now(), now(), now() - interval '1 second' "
                        + "from feed_event f, generate_series(1, 5000) i where f.event_id = '" + event + "'");
                long before = fetched(st);
                assertThat(deliveries.claim(1000, 4, 10, 1, Duration.ofSeconds(45)))
                        .filteredOn(d -> d.subscriptionId().toString().equals(sub.id())).hasSize(40);
                long first = fetched(st) - before;
                // every slot of the subscription is busy now: its 40 in-flight rows are counted, none of its due rows is read
                assertThat(deliveries.claim(1000, 4, 10, 1, Duration.ofSeconds(45)))
                        .noneMatch(d -> d.subscriptionId().toString().equals(sub.id()));
                long second = fetched(st) - before - first;
                // before: more than 5,000 each (every due head, and the same again for the update); now about 40 and 40
                assertThat(first).as("queue rows read by a claim that takes 40 of 5,000 due heads").isLessThan(1_500);
                assertThat(second).as("queue rows read by a claim while every slot is busy").isLessThan(1_000);
            } finally {
                io.quarkus.narayana.jta.QuarkusTransaction.rollback();
                given().auth().oauth2(TestTokens.districtAdmin()).delete("/api/webhooks/" + sub.id()).then().statusCode(204);
            }
        }
    }

    /** Rows of the queue table this transaction has read so far (sequential and index scans). */
    private static long fetched(java.sql.Statement st) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = st.executeQuery("select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) "
                + "from pg_stat_xact_user_tables where relname = 'webhook_delivery'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
