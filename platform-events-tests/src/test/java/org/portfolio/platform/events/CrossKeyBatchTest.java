package org.portfolio.platform.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.consumer.DeadLetters;
import org.portfolio.platform.events.testapp.CrowdHandler;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.EventsProbe.Received;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handler that lets events of different schools share a transaction (CrowdHandler: batchesAcrossKeys): events of
 * several schools that queue up in one partition are applied in one transaction, each recorded once, in order per
 * school; when one of them fails, the batch is rolled back and they are applied one by one (the failing one
 * dead-lettered after its attempts, the others once).
 */
@QuarkusTest
class CrossKeyBatchTest {

    @Inject
    EntityManager em;

    @Inject
    EventsConfig config;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private double rolledBack() {
        var c = registry.find("portfolio.events.consumed.batches.rolled-back").tag("consumer", "crowd-recorder").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void eventsOfSeveralSchoolsThatQueueUpShareOneTransactionEachRecordedOnceInOrderPerSchool() {
        List<String> schools = schoolsInOnePartition(5);
        String slowSchool = schools.get(0);
        // a slow event holds the consumer while twelve more, of four other schools, queue up behind it in its partition
        publish(slowSchool, Map.of("value", "slow", "pauseMs", 3000));
        Map<String, List<String>> bySchool = new LinkedHashMap<>();
        List<String> queued = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String school : schools.subList(1, 5)) {
                String id = publish(school, Map.of("value", "visit " + round));
                queued.add(id);
                bySchool.computeIfAbsent(school, s -> new ArrayList<>()).add(id);
            }
        }
        // one of them delivered twice
        EventsProbe.publish(CrowdHandler.TOPIC, queued.get(5), CrowdHandler.SOURCE, CrowdHandler.TYPE, schools.get(2),
                Map.of("value", "visit 1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("event_id in (" + quoted(queued) + ")").size() == 12);

        List<Object[]> applied = rows("event_id in (" + quoted(queued) + ")");
        Map<Long, Set<String>> schoolsPerTx = new HashMap<>();
        for (Object[] r : applied) {
            schoolsPerTx.computeIfAbsent(((Number) r[3]).longValue(), t -> new HashSet<>()).add((String) r[1]);
        }
        assertThat(schoolsPerTx.size()).as("transactions that applied the 12 events").isLessThan(12);
        assertThat(schoolsPerTx.values()).as("schools per transaction").anyMatch(s -> s.size() > 1);
        for (String id : queued) {
            assertThat(count("select count(*) from crowd_visit where event_id = ?1", id)).as(id).isEqualTo(1);
            assertThat(count("select count(*) from processed_event where consumer = 'crowd-recorder' and event_id = ?1", id))
                    .as(id).isEqualTo(1);
        }
        // each school's events applied in the order they were published (ids ascending = insertion order)
        bySchool.forEach((school, ids) -> assertThat(applied.stream().filter(r -> school.equals(r[1]))
                .map(r -> (String) r[0]).toList()).as(school).containsExactlyElementsOf(ids));
        // the handler saw the batch before it was applied, with its events in offset order (the duplicate at its end)
        assertThat(CrowdHandler.BATCHES).anySatisfy(batch -> {
            List<String> ofQueued = batch.stream().filter(queued::contains).distinct().toList();
            assertThat(ofQueued).hasSizeGreaterThan(1);
            assertThat(queued).containsSubsequence(ofQueued);
        });
    }

    @Test
    void aFailingEventInABatchOfSeveralSchoolsRollsItBackAndTheOthersAreAppliedOnceOneByOne() {
        List<String> schools = schoolsInOnePartition(4);
        double rolledBackBefore = rolledBack();
        publish(schools.get(0), Map.of("value", "slow", "pauseMs", 3000));
        String before = publish(schools.get(1), Map.of("value", "before"));
        String failing = publish(schools.get(2), Map.of("value", "x", "poison", true));
        String other = publish(schools.get(3), Map.of("value", "other school, after"));
        String after = publish(schools.get(1), Map.of("value", "after"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("event_id in ('" + other + "', '" + after + "')").size() == 2);
        Received letter = EventsProbe.await(EventsConfig.deadLetterTopicOf(CrowdHandler.TOPIC),
                r -> failing.equals(r.id()), Duration.ofSeconds(10));
        assertThat(letter.header(DeadLetters.H_ERROR)).contains("always fails");
        assertThat(letter.key()).isEqualTo(schools.get(2));
        for (String id : List.of(before, other, after)) {
            assertThat(count("select count(*) from crowd_visit where event_id = ?1", id)).as(id).isEqualTo(1);
            assertThat(count("select count(*) from processed_event where consumer = 'crowd-recorder' and event_id = ?1", id))
                    .as(id).isEqualTo(1);
        }
        assertThat(count("select count(*) from crowd_visit where event_id = ?1", failing)).isZero();
        assertThat(count("select count(*) from processed_event where consumer = 'crowd-recorder' and event_id = ?1", failing))
                .isZero();
        List<Object[]> school1 = rows("school = '" + schools.get(1) + "'");
        assertThat(school1).extracting(r -> (String) r[0]).containsExactly(before, after);
        // the failing event was in a batch with other schools, and its rollback is counted, not hidden
        assertThat(rolledBack()).isGreaterThan(rolledBackBefore);
    }

    /** n fresh school ids whose records land in one partition of crowd.events (the producer's default partitioner). */
    private List<String> schoolsInOnePartition(int n) {
        List<String> out = new ArrayList<>();
        int partition = -1;
        while (out.size() < n) {
            String school = "school-" + UUID.randomUUID();
            int p = Utils.toPositive(Utils.murmur2(school.getBytes(StandardCharsets.UTF_8))) % config.partitions();
            if (partition < 0) {
                partition = p;
            }
            if (p == partition) {
                out.add(school);
            }
        }
        return out;
    }

    private static String publish(String school, Map<String, Object> data) {
        return EventsProbe.publish(CrowdHandler.TOPIC, CrowdHandler.SOURCE, CrowdHandler.TYPE, school, data);
    }

    /** (event_id, school, value, tx) of the matching rows, in the order they were inserted. */
    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String where) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select event_id, school, value, tx from crowd_visit where " + where + " order by id").getResultList());
    }

    private long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    private static String quoted(List<String> ids) {
        return TestDb.quoted(ids);
    }
}
