package org.portfolio.platform.web.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow bodies give way to one that does not fit the {@link BodyBudget} (hostile read of the twenty-third pass, F3: two
 * bodies sent quickly up to 5 MiB and then trickled at the gateway's minimum rate, 1 KiB per 30 s, held the budget
 * about 43 hours). A body is slow once it has been read for {@code grace} and either has sent nothing for
 * {@code grace} or has sent under {@code min-rate} on average since its first byte; a body read whole is never slow.
 * Only if the slow bodies together would make room for the bytes needed, the slowest first until they do: each is
 * answered 503 with Retry-After and its connection closed, which ends its read and frees what it parsed; its bytes stay
 * counted until then (hostile read of the twenty-fourth pass, B1: taken out of the count at once, bodies that gave way
 * and still held their parse stacked up past the budget; B2: every slow body gave way, whether or not that made room;
 * B3: a burst then silence counted as fast). The body that did not fit is refused this once (Retry-After: 1).
 */
final class SlowBodies {

    private static final Logger LOG = Logger.getLogger(BodyBudget.class);

    private final long minRate;
    private final long graceNanos;
    private final Vertx vertx;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));

    /** {@code minRate} 0: nothing gives way. */
    SlowBodies(long minRate, Duration grace, Vertx vertx) {
        this.minRate = minRate;
        this.graceNanos = grace.toNanos();
        this.vertx = vertx;
    }

    /** The bytes slow bodies hold now. */
    long bytes(Iterable<BodyBudget.Counter> held, long t) {
        long bytes = 0;
        for (BodyBudget.Counter o : held) {
            if (slow(o, t)) {
                bytes += o.count;
            }
        }
        return bytes;
    }

    /** Asks slow bodies other than {@code except}, the slowest first, to make {@code room} reach {@code needed}. */
    void giveWay(Iterable<BodyBudget.Counter> held, BodyBudget.Counter except, long room, long needed) {
        long t = System.nanoTime();
        List<BodyBudget.Counter> slow = new ArrayList<>();
        long freed = 0;
        for (BodyBudget.Counter o : held) {
            if (o != except && slow(o, t)) {
                slow.add(o);
                freed += o.count;
            }
        }
        if (slow.isEmpty() || room + freed < needed) {
            return;
        }
        slow.sort(Comparator.comparingDouble(o -> rate(o, t)));
        for (BodyBudget.Counter o : slow) {
            if (room >= needed) {
                return;
            }
            room += ask(o, t);
        }
    }

    boolean slow(BodyBudget.Counter o, long t) {
        long count = o.count;
        if (minRate == 0 || count == 0 || o.whole || o.gaveWay || count >= o.stated && o.stated > 0) {
            return false;
        }
        return t - o.firstByte >= graceNanos && (t - o.lastByte >= graceNanos || rate(o, t) < minRate);
    }

    /** Bytes per second since the body's first byte (0 when it has been silent for {@code grace}). */
    private double rate(BodyBudget.Counter o, long t) {
        if (t - o.lastByte >= graceNanos) {
            return 0;
        }
        return o.count / Math.max(1e-9, (t - o.firstByte) / 1e9);
    }

    private long ask(BodyBudget.Counter o, long t) {
        long count;
        synchronized (o) {
            if (o.released || o.gaveWay) {
                return 0;
            }
            o.gaveWay = true;
            count = o.count;
        }
        o.context.runOnContext(v -> answer(o));
        long last = lastLogged.get();
        if (t - last > TimeUnit.SECONDS.toNanos(10) && lastLogged.compareAndSet(last, t)) {
            LOG.infof("A body that sent %d bytes in %d s (silent for %d s; portfolio.http.body-budget.min-rate) gave way"
                    + " to one that did not fit: answered 503, its connection closed (further ones in the next 10 s are"
                    + " not logged)", count, TimeUnit.NANOSECONDS.toSeconds(t - o.firstByte),
                    TimeUnit.NANOSECONDS.toSeconds(t - o.lastByte));
        }
        return count;
    }

    /** On the request's own event loop: the 503 if nothing was answered yet, then the connection (HTTP/2: the stream). */
    private void answer(BodyBudget.Counter o) {
        HttpServerResponse res = o.answer;
        if (o.http2) {
            if (!res.ended()) {
                res.reset();
            }
            return;
        }
        if (!res.ended() && !res.headWritten()) {
            BodyBudget.answer503(o.request, res, o.request.path());
        }
        // the worker blocked in its read gets an IOException: its request ends, and what it parsed is freed
        vertx.setTimer(BodyBudget.CLOSE_AFTER_MILLIS, id -> o.request.connection().close());
    }
}
