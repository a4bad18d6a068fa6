package org.portfolio.performance.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.performance.repository.IdempotencyStore;
import org.portfolio.performance.service.ingest.MeteredInputStream;
import org.portfolio.performance.service.ingest.UploadTooLargeException;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Idempotency-Key claims of uploads, per client and key: the first request claims the key (committed at once), a
 * retry of the same request (path, content type, body fingerprint) replays the first answer, a different request
 * with the key is refused, and a claim is released when its upload fails so that the client can retry.
 */
@ApplicationScoped
public class IdempotencyClaims {

    private static final Logger LOG = Logger.getLogger(IdempotencyClaims.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    public static final ProblemType KEY_IN_USE = ProblemType.custom("idempotency-key-in-use",
            "A request with this Idempotency-Key is still running", 409);
    public static final ProblemType KEY_REUSED = ProblemType.custom("idempotency-key-reused",
            "This Idempotency-Key was used for a different request", 422);

    @Inject
    IdempotencyStore store;

    /** A key (when given) is 1 to 200 visible ASCII characters. */
    public void checkFormat(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
    }

    /**
     * Claims the key for this request, or finds the request that claimed it first. A retry must be the same request:
     * its body is read to its end here to compare fingerprints.
     *
     * @return the job that answered the first request (replay it), or null when this request claimed the key
     */
    public UUID claimOrReplay(String clientId, String key, String path, String contentType, Long contentLength,
                              MeteredInputStream body) {
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (store.claim(clientId, key, path, contentType)) {
                    return null;
                }
                IdempotencyStore.Entry e = store.find(clientId, key).orElse(null);
                if (e == null) {
                    continue; // released in between: claim again
                }
                if (!e.completed()) {
                    throw new ProblemException(KEY_IN_USE, "The first request with Idempotency-Key " + key
                            + " is still running; retry when it has finished", List.of(), Map.of("Retry-After", "5"));
                }
                if (!e.path().equals(path) || !sameType(e.contentType(), contentType)
                        || (contentLength != null && e.bodyLength() != null && !e.bodyLength().equals(contentLength))) {
                    throw reused(key);
                }
                try {
                    body.drain();
                } catch (UploadTooLargeException tl) {
                    throw reused(key);
                }
                if (!body.fingerprint().equals(e.bodySha256())) {
                    throw reused(key);
                }
                return e.jobId();
            }
            throw new ProblemException(KEY_IN_USE, "Idempotency-Key " + key + " is contended; retry", List.of(),
                    Map.of("Retry-After", "1"));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("idempotency store failed", e);
        }
    }

    /**
     * Completes the claim in the upload's own transaction (the answer is remembered exactly when the data is), with
     * the fingerprint of the body, which has been read to its end.
     */
    public void complete(String clientId, String key, MeteredInputStream body, UUID jobId) throws SQLException {
        store.complete(clientId, key, body.fingerprint(), body.count(), 201, jobId);
    }

    /**
     * Releases the claim of a request that failed (in a transaction of its own). False when that could not be done
     * (the database away): the caller has it retried ({@link FailedUploadCleanup}).
     */
    public boolean release(String clientId, String key) {
        if (key == null) {
            return true;
        }
        try {
            releaseNow(clientId, key);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Could not release Idempotency-Key of %s: %s (retried)", clientId, org.portfolio.platform.web.http.LoggedErrors.rootSummary(e));
            return false;
        }
    }

    /** As {@link #release}, throwing when the database does not take it. */
    void releaseNow(String clientId, String key) {
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                store.release(clientId, key);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Forgets keys older than the retention, and claims in progress whose request died with its process. */
    public int purge(Instant completedBefore, Instant inProgressBefore) throws SQLException {
        return store.purge(completedBefore, inProgressBefore);
    }

    private static ProblemException reused(String key) {
        return new ProblemException(KEY_REUSED, "Idempotency-Key " + key
                + " was first used for a different request (path, content type or body); use a new key for new data");
    }

    private static boolean sameType(String a, String b) {
        String x = a == null ? "" : a.split(";")[0].trim().toLowerCase();
        String y = b == null ? "" : b.split(";")[0].trim().toLowerCase();
        return x.equals(y);
    }
}
