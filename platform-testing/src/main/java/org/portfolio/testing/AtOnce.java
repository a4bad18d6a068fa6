package org.portfolio.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code n} copies of a request released together by a barrier, for the races that no lock can be held for in
 * a test (two inserts of one unique value: each passes the service's own check before either commits). Whether
 * they meet is up to the scheduler: such a test repeats its round.
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

    public static <T> List<T> send(int n, Callable<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CyclicBarrier together = new CyclicBarrier(n);
        try {
            List<Future<T>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sent.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return request.call();
                }));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> f : sent) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
