package org.portfolio.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A creation of one unique value sent several times at once (two inserts of one district code: each passes the
 * service's own check before either commits, and the loser meets the database's unique key).
 */
public final class AtOnce {

    private AtOnce() {
    }

    /**
     * The answers of one creation sent several times at once: one 201, every other a 409 of {@code problemType} (the
     * service's own "already exists" problem, whichever of its check or the database's unique key refused it).
     */
    public static void assertOneCreatedAndTheRest(List<io.restassured.response.Response> answers, String problemType, int round) {
        List<Integer> expected = new ArrayList<>(List.of(201));
        answers.stream().skip(1).forEach(a -> expected.add(409));
        org.assertj.core.api.Assertions.assertThat(answers.stream().map(io.restassured.response.Response::statusCode).toList())
                .as("round %d", round).containsExactlyInAnyOrderElementsOf(expected);
        org.assertj.core.api.Assertions.assertThat(answers.stream().filter(r -> r.statusCode() == 409)
                .map(r -> r.jsonPath().getString("type")).toList()).as("round %d", round).containsOnly(problemType);
    }

    /**
     * Sends {@code n} copies of a creation while {@code table} is locked against writes (EXCLUSIVE: reads go on): each
     * passes the service's own "already exists?" check, then waits at its insert, each seen waiting before the next is
     * sent ({@link Races#whileLocked}); then the lock is let go and they meet at the unique key every run. Before,
     * copies released by a barrier met when the scheduler allowed, and a test of the unique key's mapping could pass on
     * code without it (an outside audit of the tests, twenty-first pass).
     */
    public static <T> List<T> send(javax.sql.DataSource dataSource, String table, int n, Callable<T> request) throws Exception {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        return Races.whileLocked(dataSource, "lock table " + table + " in exclusive mode", List.of(), java.util.Collections.nCopies(n, request));
    }
}
