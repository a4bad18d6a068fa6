package org.portfolio.integration.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.integration.domain.Audience;
import org.portfolio.integration.domain.EventCatalog;
import org.portfolio.integration.domain.Subscription;
import org.portfolio.integration.domain.SubscriptionStatus;
import org.portfolio.integration.events.WebhookDisabled;
import org.portfolio.integration.domain.AttemptResult;
import org.portfolio.integration.repository.SubscriptionRepository;
import org.portfolio.platform.events.CloudEventCodec;
import org.portfolio.platform.events.outbox.Outbox;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Disables a subscription whose delivery failed through the retry horizon, once (also with two replicas): the
 * subscription row is locked and only an ACTIVE one changes. {@code WebhookDisabled} goes out through the outbox
 * (on {@code integration.events}) and into the feed in the same transaction. Its queue is kept: a resume delivers it.
 */
@ApplicationScoped
public class SubscriptionDisabler {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(SubscriptionDisabler.class);

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    Outbox outbox;

    @Inject
    FeedWriter feed;

    @Inject
    IntegrationConfig config;

    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void disable(AttemptResult last) {
        UUID id = last.delivery().subscriptionId();
        Subscription s = subscriptions.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null || s.status != SubscriptionStatus.ACTIVE) {
            return;
        }
        Instant now = clock.instant();
        String reason = "every attempt to deliver an event failed for " + config.webhooks().retryHorizon()
                + " (the retry horizon); last: " + last.errorClass()
                + (last.statusCode() != null ? " " + last.statusCode() : "");
        s.changeStatus(SubscriptionStatus.DISABLED, reason, now);
        WebhookDisabled event = new WebhookDisabled(s.id, s.ownerClient, target(s.url), reason,
                last.delivery().horizonStart(), now, last.delivery().attempt(), last.statusCode(),
                last.errorClass() == null ? null : last.errorClass().name());
        UUID eventId = outbox.publish("WebhookSubscription", s.id, WebhookDisabled.NAME, s.id, event);
        try {
            feed.append(eventId.toString(), EventCatalog.WEBHOOK_DISABLED, CloudEventCodec.sourceOf("integration").toString(),
                    s.id.toString(), now, mapper.writeValueAsString(event), Audience.SUBSCRIPTION, Set.of(), s.ownerClient);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LOG.warnf("Webhook subscription %s disabled: %s", s.id, reason);
    }

    /**
     * The target's scheme, host and port only: receivers that take their secret in the path (chat and automation
     * services' incoming webhooks) had it published on integration.events and kept in the feed for 400 days (hostile
     * read of the twenty-sixth pass, W6). The subscription's id names the endpoint to its owner.
     */
    static String target(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }
}
