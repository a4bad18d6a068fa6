package org.portfolio.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Helpers of the race tests (a write held open in one thread while another arrives): run a piece of work in a CDI
 * request context of its own, see from PostgreSQL that a session waits for a lock, wait on a latch.
 */
public final class Races {

    private Races() {
    }

    /** Runs the work in a request context of its own (a thread of the test's pool has none). */
    public static void inRequest(Runnable work) {
        var ctx = io.quarkus.arc.Arc.container().requestContext();
        ctx.activate();
        try {
            work.run();
        } finally {
            ctx.terminate();
        }
    }

    /** Sessions of this database now waiting for a lock (pg_stat_activity). */
    public static int sessionsWaitingForALock(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity "
                     + "where datname = current_database() and wait_event_type = 'Lock'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Sends the requests while a lock is held (taken by {@code lockSql}, e.g. a {@code SELECT … FOR UPDATE} of the row
     * they change, in a transaction of its own), each after the one before is seen waiting behind it; then releases
     * the lock and returns the answers, in the order the requests were sent. So "at the same moment" happens every run,
     * not when the scheduler allows. A request answered, or not seen waiting within 30 s, fails the test
     * ({@link AssertionError}): the code under test no longer takes the lock, and the requests would have been sent one
     * after the other, passing where the race is back (an outside audit of the tests, twenty-first pass).
     */
    public static <T> List<T> whileLocked(DataSource dataSource, String lockSql, List<Object> lockParams,
                                          List<Callable<T>> requests) throws Exception {
        return whileLocked(dataSource, lockSql, lockParams, requests, false);
    }

    /**
     * As {@link #whileLocked(DataSource, String, List, List)}; with {@code commit}, the locking statement's change (an
     * {@code UPDATE}, as a job's change of the row would be) is committed when the lock is let go, not rolled back.
     */
    public static <T> List<T> whileLocked(DataSource dataSource, String lockSql, List<Object> lockParams,
                                          List<Callable<T>> requests, boolean commit) throws Exception {
        return whileLocked(dataSource, lockSql, lockParams, requests, commit, () -> { });
    }

    /** A look at the database (or anything else) taken while the requests wait. */
    @FunctionalInterface
    public interface WhileWaiting {
        void check() throws Exception;
    }

    /**
     * As {@link #whileLocked(DataSource, String, List, List, boolean)}; {@code whileTheyWait} runs once every request is
     * seen waiting, before the lock is let go: what the requests committed before they came to wait is visible then, and
     * what they hold uncommitted is not.
     */
    public static <T> List<T> whileLocked(DataSource dataSource, String lockSql, List<Object> lockParams,
                                          List<Callable<T>> requests, boolean commit, WhileWaiting whileTheyWait) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            try {
                try (PreparedStatement ps = held.prepareStatement(lockSql)) {
                    for (int i = 0; i < lockParams.size(); i++) {
                        ps.setObject(i + 1, lockParams.get(i));
                    }
                    ps.execute();
                }
                int holder;
                try (PreparedStatement ps = held.prepareStatement("select pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    holder = rs.getInt(1);
                }
                // the service's own background work already queued behind the lock (a job, a consumer) is not a request
                // of ours (hostile read of the twenty-first pass, M4: counted, it let the next request go early)
                int baseline = sessionsBlockedBy(dataSource, holder);
                List<Future<T>> sent = new ArrayList<>();
                for (Callable<T> r : requests) {
                    Future<T> f = pool.submit(r);
                    sent.add(f);
                    // a request normally waits within milliseconds; 30 s for a cold endpoint on a loaded machine
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    int waiting;
                    while ((waiting = sessionsBlockedBy(dataSource, holder) - baseline) < sent.size() && !f.isDone()
                            && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                    if (f.isDone() || waiting < sent.size()) {
                        throw new AssertionError("request " + (sent.size() - 1) + " did not wait for the lock held by `"
                                + lockSql + "` (" + (f.isDone() ? "answered: " + answerOf(f) : waiting + " waiting of "
                                + sent.size()) + "): the requests would not have met (or one gave up waiting: a lock "
                                + "timeout of the service shorter than the next request took to arrive)");
                    }
                }
                whileTheyWait.check();
                if (commit) {
                    held.commit();
                } else {
                    held.rollback();
                }
                List<T> answers = new ArrayList<>();
                for (Future<T> f : sent) {
                    answers.add(f.get(60, TimeUnit.SECONDS));
                }
                return answers;
            } finally {
                if (!held.getAutoCommit()) {
                    held.rollback();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String answerOf(Future<?> f) {
        try {
            Object a = f.get();
            String s = a instanceof io.restassured.response.Response r ? r.statusCode() + " " + r.asString() : String.valueOf(a);
            return s.length() > 300 ? s.substring(0, 300) + "…" : s;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /**
     * Sessions waiting, directly or through another waiter, for a lock the session {@code holder} holds: the
     * requests queued behind it, not whatever else in the database happens to wait (a service's own background work;
     * hostile review of the twentieth pass).
     */
    public static int sessionsBlockedBy(DataSource dataSource, int holder) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     with recursive blocked(pid) as (
                         select pid from pg_stat_activity where ? = any (pg_blocking_pids(pid))
                         union
                         select a.pid from pg_stat_activity a join blocked b on b.pid = any (pg_blocking_pids(a.pid)))
                     select count(*) from blocked""")) {
            ps.setInt(1, holder);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Waits up to 30 s for the latch (a held transaction waiting for the test's signal to end). */
    public static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
