package org.portfolio.integration.service;

import org.portfolio.platform.web.problem.ProblemType;

/** The integration service's own problem types (docs/errors.md). */
public final class IntegrationProblems {

    /** The webhook URL is not http(s), has credentials, does not resolve, or resolves to a refused address (SSRF guard). */
    public static final ProblemType TARGET_REFUSED =
            ProblemType.custom("webhook-target-refused", "The webhook target is not allowed", 422);
    /** The caller's roles may read no event of a type it asked for. */
    public static final ProblemType EVENT_TYPE_NOT_READABLE =
            ProblemType.custom("event-type-not-readable", "Your roles may not read events of this type", 403);

    /** The client owns as many subscriptions as it may (portfolio.integration.webhooks.max-subscriptions-per-client). */
    public static final ProblemType SUBSCRIPTION_LIMIT =
            ProblemType.custom("webhook-subscription-limit", "Your client has the most webhook subscriptions it may have", 409);
    /** A replay while the subscription has more undelivered deliveries than allowed (replay-max-backlog). */
    public static final ProblemType BACKLOG_FULL =
            ProblemType.custom("webhook-backlog-full", "The subscription has too many undelivered deliveries to replay", 409);
    /** A rotation while {@code Subscription.MAX_EARLIER_SECRETS} replaced secrets are still in their grace period. */
    public static final ProblemType EARLIER_SECRETS_LIMIT =
            ProblemType.custom("webhook-secrets-limit", "Earlier secrets of this subscription still sign", 409);
    /** A feed cursor (or replay cursor) older than the retention purge: events after it are gone. */
    public static final ProblemType CURSOR_EXPIRED =
            ProblemType.custom("cursor-expired", "The cursor is older than the events the feed keeps", 410);
    /**
     * A feed cursor (or replay cursor) above the last seq the feed's sequence issued: no row of this feed gave it. The
     * sequence goes back only when the database is restored from a backup (or the feed is reset).
     */
    public static final ProblemType CURSOR_AHEAD =
            ProblemType.custom("cursor-ahead", "The cursor is past every event this feed has issued", 410);

    private IntegrationProblems() {
    }
}
