package org.portfolio.integration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.integration.domain.ReadRights;
import org.portfolio.integration.repository.FeedRepository;

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
    public org.portfolio.integration.domain.FeedWindow page(ReadRights rights, long after, Set<String> types, UUID school, int limit) {
        return feed.read(after, types, school, rights, limit, Math.max(limit, config.feed().scanWindow()));
    }
}
