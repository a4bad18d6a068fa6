package org.portfolio.integration.rest;

import org.junit.jupiter.api.Test;
import org.portfolio.integration.domain.EventCatalog;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeNameTest {

    @Test
    void theDocumentedEnumIsEveryTypeOfTheFeed() {
        assertThat(EventTypeName.VALUES).containsExactlyElementsOf(EventCatalog.types());
    }

    /** Review finding: a subscription could name at most 17 types while the feed had 21: no one could take them all. */
    @Test
    void aSubscriptionMayNameEveryType() throws Exception {
        assertThat(EventTypeName.COUNT).isEqualTo(EventTypeName.values().length);
        jakarta.validation.constraints.Size size = WebhookRequest.class.getDeclaredField("eventTypes").getAnnotation(jakarta.validation.constraints.Size.class);
        assertThat(size.max()).isGreaterThanOrEqualTo(EventTypeName.values().length);
    }
}
