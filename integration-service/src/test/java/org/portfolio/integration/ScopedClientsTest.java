package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.integration.ScopedClients.Client;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The change feed and webhooks for clients scoped by reference (issue 18, docs/decisions/0007): tokens without a
 * schools claim, scoped to the schools of an oversight body, of a zone, to 2,000 schools named one by one, or to every
 * school, resolved from the gateway's {@code ClientChanged} events as the service hears them. Each sees exactly the
 * events of its schools (FeedTest's table: records and counts of its own schools, the directory of every school), may
 * subscribe only to the types its roles may read, receives only what it may read at delivery time, and a change of its
 * scope applies to the feed and to the next deliveries within the bound of docs/security.md (5 s) without a new token.
 */
@QuarkusTest
class ScopedClientsTest {

    static final Duration BOUND = Duration.ofSeconds(5);

    @jakarta.inject.Inject
    org.portfolio.platform.events.clients.ClientDirectory directory;
    static final Duration SETTLE = Duration.ofSeconds(30);

    /** The events published about one school: which audience each is of. */
    record Published(Map<String, UUID> directory, Map<String, UUID> records) {

        Set<String> all() {
            Set<String> out = new HashSet<>(directory.keySet());
            out.addAll(records.keySet());
            return out;
        }

        /** Every school's directory events, and the records and counts of these schools. */
        Set<String> seenBy(Set<UUID> own) {
            Set<String> out = new HashSet<>(directory.keySet());
            records.forEach((id, school) -> {
                if (own.contains(school)) {
                    out.add(id);
                }
            });
            return out;
        }
    }

    /** Per school: a directory event, a contract, autonomy and performance record, and enrollment counts. */
    static Published publish(List<UUID> schools) {
        Map<String, UUID> directory = new LinkedHashMap<>();
        Map<String, UUID> records = new LinkedHashMap<>();
        for (UUID s : schools) {
            directory.put(Events.contracts("SchoolUpdated", s, Map.of("name", "S")), s);
            records.put(Events.contracts("ContractActivated", s, Map.of("contractId", UUID.randomUUID().toString())), s);
            records.put(Events.autonomy("AutonomyGranted", s), s);
            records.put(Events.performance("SchoolRatingPublished", s), s);
            records.put(Events.enrollment("DemandReported", s), s);
        }
        return new Published(directory, records);
    }

    static List<UUID> schools(int n) {
        List<UUID> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(UUID.randomUUID());
        }
        return out;
    }

    /** What the token reads after the cursor, of these events only (other tests publish too). */
    static Set<String> seen(String token, String start, Set<String> of) {
        Set<String> seen = new HashSet<>(FeedTest.ids(token, start));
        seen.retainAll(of);
        return seen;
    }

    @Test
    void clientsScopedByBodyZoneTwoThousandSchoolsOrEverySchoolReadExactlyTheEventsOfTheirSchools() {
        UUID body = UUID.randomUUID();
        UUID b1 = UUID.randomUUID();
        UUID b2 = UUID.randomUUID();
        UUID z1 = UUID.randomUUID();
        UUID z2 = UUID.randomUUID();
        UUID outside = UUID.randomUUID();
        List<UUID> many = schools(2000);
        List<UUID> manyPicked = List.of(many.get(0), many.get(999), many.get(1999));

        String start = FeedTest.end(TestTokens.districtAdmin());
        Client authorizer = ScopedClients.byBodies("authorizer", List.of("OVERSIGHT"), List.of(body), List.of(b1, b2));
        Client network = ScopedClients.byBodies("network-office", List.of("SCHOOL_LEADER"), List.of(body), List.of(b1, b2));
        Client zone = ScopedClients.byZones("zone-office", List.of("SCHOOL_LEADER"), List.of("North"), List.of(z1, z2));
        Client big = ScopedClients.bySchools("big-leader", List.of("SCHOOL_LEADER"), many);
        Client districtSis = ScopedClients.allSchools("district-sis", List.of("SIS"));
        Client bigSis = ScopedClients.bySchools("big-sis", List.of("SIS"), many);

        List<UUID> about = new ArrayList<>(List.of(b1, b2, z1, z2, outside));
        about.addAll(manyPicked);
        Published p = publish(about);
        // the match of a round (lottery seed, cutoffs): DISTRICT_ADMIN and ENROLLMENT_OFFICER only, whatever the scope
        String round = Events.enrollment("MatchPublished", b1);
        Set<String> all = p.all();
        all.add(round);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(FeedTest.ids(TestTokens.districtAdmin(), start)).containsAll(all));

        Map<String, Client> clients = new LinkedHashMap<>();
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        clients.put("OVERSIGHT by oversight body", authorizer);
        expected.put("OVERSIGHT by oversight body", p.seenBy(Set.of(b1, b2)));
        clients.put("SCHOOL_LEADER by oversight body", network);
        expected.put("SCHOOL_LEADER by oversight body", p.seenBy(Set.of(b1, b2)));
        clients.put("SCHOOL_LEADER by zone", zone);
        expected.put("SCHOOL_LEADER by zone", p.seenBy(Set.of(z1, z2)));
        clients.put("SCHOOL_LEADER of 2,000 schools", big);
        expected.put("SCHOOL_LEADER of 2,000 schools", p.seenBy(Set.copyOf(manyPicked)));
        // SIS reads the directory only (docs/integrations.md), also with every school or 2,000 of them in its scope
        clients.put("SIS of every school", districtSis);
        expected.put("SIS of every school", p.seenBy(Set.of()));
        clients.put("SIS of 2,000 schools", bigSis);
        expected.put("SIS of 2,000 schools", p.seenBy(Set.of()));
        for (Map.Entry<String, Client> c : clients.entrySet()) {
            // the client is heard of within moments of its registration; until then it reads no school's records
            await().atMost(SETTLE).untilAsserted(() -> assertThat(seen(c.getValue().token, start, all)).as(c.getKey())
                    .containsExactlyInAnyOrderElementsOf(expected.get(c.getKey())));
        }
        // the token names the scope, it does not carry it: small whatever the scope
        assertThat(big.token.length()).isLessThan(4096);

        // a filter by school narrows within the scope, and finds nothing of the records outside it
        given().auth().oauth2(big.token).get("/api/events?after=" + start + "&schoolId=" + many.get(999)
                        + "&type=portfolio.autonomy.AutonomyGranted.v1")
                .then().statusCode(200).body("events.size()", equalTo(1)).body("events[0].subject", equalTo(many.get(999).toString()));
        given().auth().oauth2(big.token).get("/api/events?after=" + start + "&schoolId=" + outside
                        + "&type=portfolio.autonomy.AutonomyGranted.v1")
                .then().statusCode(200).body("events.size()", equalTo(0));

        // a client the service has not heard of acts for no school (never every school), OVERSIGHT included
        for (String role : List.of("SCHOOL_LEADER", "OVERSIGHT")) {
            // issued a minute ago: a fresh token of an unknown client would wait for its registration first
            String unknown = TestTokens.byReferenceIssuedAt(java.time.Instant.now().minusSeconds(60), "unheard-of-" + UUID.randomUUID(), role);
            assertThat(seen(unknown, start, all)).as(role + " not heard of").containsExactlyInAnyOrderElementsOf(p.seenBy(Set.of()));
        }
    }

    @Test
    void aScopeChangeAppliesToTheFeedWithinTheBoundWithoutANewToken() {
        UUID z1 = UUID.randomUUID();
        UUID z2 = UUID.randomUUID();
        List<UUID> many = schools(2000);
        List<UUID> replacement = schools(1000);
        String start = FeedTest.end(TestTokens.districtAdmin());
        Client zone = ScopedClients.byZones("zone-office", List.of("SCHOOL_LEADER"), List.of("North"), List.of(z1));
        Client big = ScopedClients.bySchools("big-leader", List.of("SCHOOL_LEADER"), many);
        Published p = publish(List.of(z1, z2, many.get(0), many.get(1999), replacement.get(0)));
        Set<String> all = p.all();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(FeedTest.ids(TestTokens.districtAdmin(), start)).containsAll(all));
        await().atMost(SETTLE).untilAsserted(() -> assertThat(seen(zone.token, start, all))
                .containsExactlyInAnyOrderElementsOf(p.seenBy(Set.of(z1))));
        await().atMost(SETTLE).untilAsserted(() -> assertThat(seen(big.token, start, all))
                .containsExactlyInAnyOrderElementsOf(p.seenBy(Set.of(many.get(0), many.get(1999)))));

        // z1 leaves the zone and z2 joins it: the gateway publishes the client again with the new set
        ScopedClients.change(zone, List.of(z2), false, List.of(), List.of("North"));
        Duration zoneTook = untilSeen(zone.token, start, all, p.seenBy(Set.of(z2)));
        // half of the 2,000 schools go, 1,000 others come
        List<UUID> edited = new ArrayList<>(many.subList(1000, 2000));
        edited.addAll(replacement);
        ScopedClients.change(big, edited, false, List.of(), List.of());
        Duration bigTook = untilSeen(big.token, start, all, p.seenBy(Set.of(many.get(1999), replacement.get(0))));
        System.out.printf("[scope] integration-service's feed followed a zone's change in %d ms, a 2,000-school list's in %d ms%n",
                zoneTook.toMillis(), bigTook.toMillis());
    }

    /** Waits (up to the bound) until the token reads exactly these of the events; returns how long that took. */
    static Duration untilSeen(String token, String start, Set<String> of, Set<String> expected) {
        long t0 = System.nanoTime();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> seen(token, start, of).equals(expected));
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void scopedClientsSubscribeOnlyToWhatTheyMayReadAndDeliveriesFollowTheirScope() throws Exception {
        UUID body = UUID.randomUUID();
        UUID b1 = UUID.randomUUID();
        UUID joins = UUID.randomUUID();
        UUID outside = UUID.randomUUID();
        List<UUID> many = schools(2000);
        Client authorizer = ScopedClients.byBodies("authorizer", List.of("OVERSIGHT"), List.of(body), List.of(b1));
        Client districtSis = ScopedClients.allSchools("district-sis", List.of("SIS"));
        Client big = ScopedClients.bySchools("big-leader", List.of("SCHOOL_LEADER"), many);
        Client zone = ScopedClients.byZones("zone-office", List.of("SCHOOL_LEADER"), List.of("North"), List.of(b1));
        // deliveries are queued as an event is stored, for the owners allowed then: wait until the service knows them
        for (Client c : List.of(authorizer, districtSis, big, zone)) {
            awaitKnown(c, SETTLE);
        }

        // the types their roles may never read: 403 event-type-not-readable, whatever the scope
        for (Object[] refused : new Object[][]{{authorizer, "MatchPublished"}, {districtSis, "ContractActivated"},
                {districtSis, "DemandReported"}, {big, "MatchPublished"}, {zone, "MatchPublished"}}) {
            Webhooks.register(((Client) refused[0]).token, "https://hooks.example/x", List.of((String) refused[1]), null)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:portfolio:problem:event-type-not-readable"));
        }

        try (Receiver toAuthorizer = new Receiver(); Receiver toSis = new Receiver(); Receiver toBig = new Receiver()) {
            Webhooks.registered(authorizer.token, toAuthorizer, List.of("ContractActivated", "DemandReported"), null);
            Webhooks.registered(districtSis.token, toSis, List.of("SchoolUpdated"), null);
            // a school filter of its own schools and one outside its scope: the one outside never delivers
            Webhooks.registered(big.token, toBig, List.of("AutonomyGranted"), List.of(many.get(0), many.get(1999), outside));

            List<String> expectAuthorizer = new ArrayList<>();
            List<String> expectSis = new ArrayList<>();
            List<String> expectBig = new ArrayList<>();
            List<String> published = new ArrayList<>();
            for (UUID s : List.of(b1, joins, outside)) {
                String contract = Events.contracts("ContractActivated", s, Map.of("contractId", UUID.randomUUID().toString()));
                String counts = Events.enrollment("DemandReported", s);
                String directory = Events.contracts("SchoolUpdated", s, Map.of("name", "S"));
                published.addAll(List.of(contract, counts, directory));
                if (s.equals(b1)) {
                    expectAuthorizer.addAll(List.of(contract, counts));
                }
                expectSis.add(directory);
            }
            for (UUID s : List.of(many.get(0), many.get(1), many.get(1999), outside)) {
                String granted = Events.autonomy("AutonomyGranted", s);
                published.add(granted);
                if (s.equals(many.get(0)) || s.equals(many.get(1999))) {
                    expectBig.add(granted);
                }
            }
            awaitExactly(toAuthorizer, expectAuthorizer, published);
            awaitExactly(toSis, expectSis, published);
            awaitExactly(toBig, expectBig, published);

            // a school joins the authorizer's body and b1 leaves it: the next deliveries follow at once
            ScopedClients.change(authorizer, List.of(joins), false, List.of(body), List.of());
            awaitKnown(authorizer, BOUND);
            String ofB1 = Events.contracts("ContractActivated", b1, Map.of("contractId", UUID.randomUUID().toString()));
            String ofJoins = Events.contracts("ContractActivated", joins, Map.of("contractId", UUID.randomUUID().toString()));
            String countsOfJoins = Events.enrollment("DemandReported", joins);
            published.addAll(List.of(ofB1, ofJoins, countsOfJoins));
            // what was stored before the change is not delivered after it (deliveries are queued as an event is stored)
            expectAuthorizer.addAll(List.of(ofJoins, countsOfJoins));
            awaitExactly(toAuthorizer, expectAuthorizer, published);
        }
    }

    /**
     * Hostile review of 2026-12-05 (sixth pass, M5): a token narrowed to SCHOOL_LEADER of one school registered a
     * subscription, and the deliveries were read with every role and school of its client (here OVERSIGHT, and a
     * second school). They now read with the roles and schools of the registering token, as far as the client still
     * has them.
     */
    @Test
    void aSubscriptionRegisteredWithANarrowedTokenDeliversOnlyWhatThatTokenMayRead() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Client office = ScopedClients.bySchools("office", List.of("SCHOOL_LEADER", "OVERSIGHT"), List.of(a, b));
        awaitKnown(office, SETTLE);
        String narrowed = TestTokens.token(office.id, java.util.Set.of("SCHOOL_LEADER"), List.of(a.toString()),
                Duration.ofMinutes(5));
        try (Receiver r = new Receiver(); Receiver whole = new Receiver()) {
            Webhooks.registered(narrowed, r, List.of("AutonomyGranted"), null);
            Webhooks.registered(office.token, whole, List.of("AutonomyGranted"), null);
            String ofB = Events.autonomy("AutonomyGranted", b);
            String ofA = Events.autonomy("AutonomyGranted", a);
            awaitExactly(r, List.of(ofA), List.of(ofB, ofA));
            // the client's own token, not narrowed, still reads both
            awaitExactly(whole, List.of(ofB, ofA), List.of(ofB, ofA));
        }
    }

    /**
     * Hostile review of 2026-12-05 (sixth pass, L6): while its client was disabled, a subscription's queue took the
     * rights its owner had at registration: a client that lost a school, then was disabled, found that school's events
     * (ids, types, sequence) in its delivery log once enabled again. It takes the owner's rights now.
     */
    @Test
    void aDisabledOwnersQueueTakesOnlyWhatItsClientMayReadNow() throws Exception {
        UUID kept = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        Client leader = ScopedClients.bySchools("leaver", List.of("SCHOOL_LEADER"), List.of(kept, lost));
        awaitKnown(leader, SETTLE);
        try (Receiver r = new Receiver()) {
            Webhooks.Registered sub = Webhooks.registered(leader.token, r, List.of("AutonomyGranted"), null);
            ScopedClients.change(leader, List.of(kept), false, List.of(), List.of(), false);
            awaitKnown(leader, BOUND);
            String ofLost = Events.autonomy("AutonomyGranted", lost);
            String ofKept = Events.autonomy("AutonomyGranted", kept);
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TestTokens.districtAdmin())
                    .get("/api/webhooks/" + sub.id() + "/deliveries").jsonPath().getList("items.eventId").contains(ofKept));
            // the lost school's event read too (its deliveries, if any, are queued in that same transaction): the two
            // may come from different partitions, in either order (an outside audit of the tests, twenty-first pass)
            org.portfolio.testing.Inbox.awaitProcessed(io.quarkus.arc.Arc.container()
                    .instance(io.agroal.api.AgroalDataSource.class).get(), ofLost);
            assertThat(given().auth().oauth2(TestTokens.districtAdmin()).get("/api/webhooks/" + sub.id() + "/deliveries")
                    .jsonPath().getList("items.eventId")).doesNotContain(ofLost);
        }
    }

    /** Waits until the service's client directory holds the client's last published change. */
    void awaitKnown(Client c, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() ->
                directory.find(c.id).map(e -> e.version() == c.version).orElse(false));
    }

    /** Waits until the receiver acknowledged exactly these of the published events, then a moment more: nothing else. */
    static void awaitExactly(Receiver r, List<String> expected, List<String> published) throws InterruptedException {
        Predicate<Receiver.Got> ours = g -> published.contains(g.webhookId());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(r.acknowledged().stream().filter(ours)
                .map(Receiver.Got::webhookId).collect(Collectors.toSet())).containsAll(expected));
        Thread.sleep(1000);
        assertThat(r.acknowledged().stream().filter(ours).map(Receiver.Got::webhookId).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.got()).allMatch(Receiver.Got::verified);
    }
}
