package org.portfolio.integration.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Plain JDBC on the connection of the current transaction: the feed and the delivery queue are set-based SQL
 * (arrays, advisory locks, {@code for update skip locked}) that JPQL does not express.
 */
@ApplicationScoped
public class Sql {

    /** Advisory lock (class, key) that serialises appends to the feed: seq order is commit order. */
    static final int FEED_LOCK = 1;
    /** Advisory lock class of a lane's order key (one school): fan-out and promotion of a lane never interleave. */
    static final int LANE_LOCK = 2;
    /** Advisory lock class of an API client: its registrations are counted one at a time (the per-client limit). */
    static final int OWNER_LOCK = 3;

    @Inject
    EntityManager em;

    <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static java.sql.Array uuids(Connection c, java.util.Collection<java.util.UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    static java.sql.Array texts(Connection c, java.util.Collection<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray());
    }

    /** Takes the lane locks of these order keys, in one order (no two transactions wait on each other in a cycle). */
    static void lockLanes(Connection c, java.util.Collection<String> orderKeys) throws SQLException {
        if (orderKeys.isEmpty()) {
            return;
        }
        try (var st = c.prepareStatement("select pg_advisory_xact_lock(" + LANE_LOCK + ", h) from "
                + "(select distinct hashtext(k) h from unnest(?::varchar[]) k order by 1) x")) {
            st.setArray(1, texts(c, orderKeys));
            st.executeQuery().close();
        }
    }

    static void lockFeed(Connection c) throws SQLException {
        try (var st = c.prepareStatement("select pg_advisory_xact_lock(" + FEED_LOCK + ", 0)")) {
            st.executeQuery().close();
        }
    }
}
