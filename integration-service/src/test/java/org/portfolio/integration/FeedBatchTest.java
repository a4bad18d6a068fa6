package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * The change-feed consumer stores events of several schools that queue up in one transaction (the backbone's batches
 * across keys), and nothing else changes: each event is in the feed once, in its school's order, its processed_event
 * row is there, and each subscription gets it once, in order per school.
 */
@QuarkusTest
class FeedBatchTest {

    /** FeedRepository's lock (Sql.FEED_LOCK, key 0): every append takes it. */
    static final String HOLD_FEED_LOCK = "select pg_advisory_xact_lock(1, 0)";

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void eventsOfSeveralSchoolsThatQueueUpAreStoredTogetherEachOnceAndDeliveredOnceInOrderPerSchool() throws Exception {
        List<UUID> schools = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            schools.add(UUID.randomUUID());
        }
        Map<String, List<String>> bySchool = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        try (Receiver r = new Receiver()) {
            Webhooks.registered(TestTokens.districtAdmin(), r, List.of("SchoolUpdated"), schools);
            // the consumer's next append waits for the feed lock while three updates of each school queue up behind it
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute(HOLD_FEED_LOCK);
                }
                for (int round = 0; round < 3; round++) {
                    for (UUID school : schools) {
                        String id = Events.contracts("SchoolUpdated", school, Map.of("name", "v" + round));
                        all.add(id);
                        bySchool.computeIfAbsent(school.toString(), s -> new ArrayList<>()).add(id);
                    }
                }
                c.rollback();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> stored(all).size() == all.size());
            List<String[]> rows = stored(all);   // (event id, subject, transaction), in feed order
            Map<String, Set<String>> schoolsPerTx = new HashMap<>();
            rows.forEach(row -> schoolsPerTx.computeIfAbsent(row[2], t -> new HashSet<>()).add(row[1]));
            assertThat(schoolsPerTx.size()).as("transactions that stored the %d events", all.size()).isLessThan(all.size());
            assertThat(schoolsPerTx.values()).as("schools per transaction").anyMatch(s -> s.size() > 1);
            assertThat(rows).extracting(row -> row[0]).doesNotHaveDuplicates();
            bySchool.forEach((school, ids) -> assertThat(rows.stream().filter(row -> school.equals(row[1]))
                    .map(row -> row[0]).toList()).as("feed order of %s", school).containsExactlyElementsOf(ids));
            assertThat(count("select count(*) from processed_event where consumer = 'change-feed' and event_id = any(?)", all))
                    .isEqualTo(all.size());
            assertThat(count("select count(*) from webhook_delivery where event_id = any(?)", all)).isEqualTo(all.size());

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(r.acknowledged()).extracting(Receiver.Got::webhookId).containsAll(all));
            List<Receiver.Got> got = r.acknowledged();
            assertThat(got).extracting(Receiver.Got::webhookId).doesNotHaveDuplicates();
            assertThat(got).allMatch(Receiver.Got::verified);
            bySchool.forEach((school, ids) -> assertThat(got.stream().filter(g -> school.equals(g.subject()))
                    .map(Receiver.Got::webhookId).toList()).as("deliveries of %s", school).containsExactlyElementsOf(ids));
        }
    }

    private List<String[]> stored(List<String> ids) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("select event_id, subject, xmin::text from feed_event "
                     + "where event_id = any(?) order by seq")) {
            st.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            return out;
        }
    }

    private long count(String sql, List<String> ids) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
