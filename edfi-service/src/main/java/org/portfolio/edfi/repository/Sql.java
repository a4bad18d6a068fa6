package org.portfolio.edfi.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Plain JDBC on the connection of the current transaction (jsonb containment and advisory locks): the JTA transaction's
 * (through Hibernate's session), or the one {@link #transaction} opened on this thread.
 */
@ApplicationScoped
public class Sql {

    /** Advisory lock class of an Ed-Fi school: its writes and derivations take turns. */
    static final int SCHOOL_LOCK = 17;

    /** A statement failed (the driver's exception is the cause). */
    public static final class Failure extends RuntimeException {
        Failure(SQLException cause) {
            super("database statement failed (SQLState " + cause.getSQLState() + ")", cause);
        }
    }

    private static final ThreadLocal<Connection> OWN = new ThreadLocal<>();

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionManager tm;

    <T> T work(ReturningWork<T> work) {
        Connection own = OWN.get();
        if (own != null) {
            try {
                return work.execute(own);
            } catch (SQLException e) {
                throw new Failure(e);
            }
        }
        return em.unwrap(Session.class).doReturningWork(work);
    }

    /**
     * Runs {@code body} in one database transaction of its own on a pooled connection — BEGIN, its statements, COMMIT
     * (ROLLBACK when it throws), READ COMMITTED as every transaction here — without a JTA transaction or a Hibernate
     * session around it (issue 17: the attendance write's hot path; nothing in it uses either). Every {@link ResourceStore}
     * or {@link PendingStore} call in {@code body} runs on that connection. Not inside a JTA transaction, not nested.
     */
    public <T> T transaction(Supplier<T> body) {
        if (OWN.get() != null || jtaActive()) {
            throw new IllegalStateException("Sql.transaction inside another transaction");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            OWN.set(c);
            boolean ended = false;
            try {
                T result = body.get();
                c.commit();
                ended = true;
                return result;
            } catch (Throwable e) {
                try {
                    c.rollback();
                    ended = true;
                } catch (Throwable r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                OWN.remove();
                if (ended) {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException ignored) {
                        // a broken connection: the pool discards it
                    }
                } else {
                    discard(c);
                }
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /**
     * Neither committed nor rolled back (the connection broke, or rollback failed): the session is ended at the database
     * (which rolls its transaction back), never reset to autocommit while its transaction is open, which would commit
     * half a write. Agroal 3.0.1's own {@code abort} on its wrapper neither ends the session nor gives the slot back to
     * the pool, so the driver's connection is aborted (closed, if abort fails), and the call that then fails on the
     * wrapper marks it for Agroal to destroy when the wrapper is closed. Keep it so after an Agroal upgrade unless the
     * upgrade's own abort is shown to do both ({@code SqlTransactionTest}).
     */
    static void discard(Connection c) {
        Connection raw;
        try {
            raw = c.unwrap(Connection.class);
        } catch (SQLException gone) {
            return; // already closed: the wrapper is marked for Agroal to destroy on close
        }
        try {
            raw.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // the close below ends the session instead
        } finally {
            try {
                if (!raw.isClosed()) {
                    raw.close(); // ends the session: PostgreSQL rolls its transaction back
                }
            } catch (SQLException ignored) {
                // gone
            }
        }
        try {
            c.setAutoCommit(true); // fails on the closed connection: Agroal flushes it on close
        } catch (SQLException expected) {
            // the connection is marked; close() destroys it
        }
    }

    private boolean jtaActive() {
        try {
            return tm.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
