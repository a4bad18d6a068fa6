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
        requireKept(after);
        return feed.read(after, types, school, rights, limit, Math.max(limit, config.feed().scanWindow()));
    }

    /**
     * A cursor below the highest purged seq may have missed events the retention purge deleted: 410 cursor-expired
     * rather than silently continuing with the oldest event kept. 0 (the start of what is kept) is always valid.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireKept(long after) {
        if (after <= 0) {
            return;
        }
        long purged = feed.purgedThrough();
        if (after < purged) {
            throw new ProblemException(IntegrationProblems.CURSOR_EXPIRED, "The cursor " + after + " is older than what the "
                    + "feed keeps (" + config.feed().retention() + "): events up to " + purged + " were purged. Read again "
                    + "from after=0 (the oldest event kept) and skip the event ids you already processed.");
        }
    }
}
