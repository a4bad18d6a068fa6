package org.portfolio.testing;

import org.awaitility.Awaitility;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What a service's consumers have taken in: the inbox ({@code processed_event}) its consumers write in the transaction
 * of an event's effect. A check that something did <em>not</em> happen after an event waits for the event to have
 * been processed first; a wait of a few seconds alone passes when the consumer is slower than the wait (an outside
 * audit of the tests, twenty-first pass).
 */
public final class Inbox {

    private Inbox() {
    }

    /**
     * Waits (at most 60 s) until every one of these events has been processed by one of the service's consumers: by
     * any one of them (a service with two consumers of one event type would need the consumer's name), and once (an id
     * sent again, a redelivery, is already there: this says nothing about the second delivery).
     */
    public static void awaitProcessed(DataSource dataSource, String... eventIds) {
        List<String> ids = List.of(eventIds);
        Awaitility.await("events processed (not dead-lettered): " + ids).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> processed(dataSource, ids) == ids.size());
    }

    private static int processed(DataSource dataSource, List<String> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(distinct event_id) from processed_event where event_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
