package org.portfolio.integration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.integration.domain.FeedWindow;
import org.portfolio.integration.domain.ReadRights;
import org.portfolio.integration.repository.FeedRepository;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.Set;
import java.util.UUID;

/** Reads the change feed as one caller may see it. */
@ApplicationScoped
public class FeedQueries {

    @Inject
    FeedRepository feed;

    @Inject
    IntegrationConfig config;

    @Transactional
    public FeedWindow page(ReadRights rights, long after, Set<String> types, UUID school, int limit) {
        requireCursor(after);
        return feed.read(after, types, school, rights, limit, Math.max(limit, config.feed().scanWindow()),
                Math.max(1, config.feed().maxPageBytes()));
    }

    /**
     * A cursor must be one this feed could have handed out, with nothing purged after it; 0 (the start of what is kept)
     * is always valid.
     *
     * <p>Above the last seq the feed's sequence issued, no row could have given it (cursors come only from rows: an
     * event's sequence, a page's or a replay's next). The sequence goes back only when the database is restored from a
     * backup (or the feed is reset): the reader's events after the restored sequence are gone, and new events will take
     * seqs at or below its cursor, which reading on would silently skip. 410 cursor-ahead. On a fresh database nothing
     * is issued: any cursor but 0 is ahead. Once the restored sequence has issued past the cursor again, it cannot be
     * told apart from a good one: the check catches a reader that comes back before that (docs/integrations.md).
     *
     * <p>Below the highest purged seq, it may have missed events the retention purge deleted: 410 cursor-expired rather
     * than silently continuing with the oldest event kept. The purge mark is at most the last seq issued (it is a seq
     * that was deleted), so a cursor is never both.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireCursor(long after) {
        if (after <= 0) {
            return;
        }
        long issued = feed.lastIssued();
        if (after > issued) {
            throw new ProblemException(IntegrationProblems.CURSOR_AHEAD, "The cursor " + after + " is past every event "
                    + "this feed has issued (the last is " + issued + "): the feed was restored from a backup or reset "
                    + "since the cursor was handed out, and the events after " + issued + " that you may have read are "
                    + "gone; new events will take sequences you have already passed. Read again from after=0 (the oldest "
                    + "event kept) and skip the event ids you already processed.");
        }
        long purged = feed.purgedThrough();
        if (after < purged) {
            throw new ProblemException(IntegrationProblems.CURSOR_EXPIRED, "The cursor " + after + " is older than what the "
                    + "feed keeps (" + config.feed().retention() + "): events up to " + purged + " were purged. Read again "
                    + "from after=0 (the oldest event kept) and skip the event ids you already processed.");
        }
    }
}
