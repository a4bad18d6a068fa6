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
