package org.portfolio.integration.rest;

import org.junit.jupiter.api.Test;
import org.portfolio.integration.domain.EventCatalog;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeNameTest {

    @Test
    void theDocumentedEnumIsEveryTypeOfTheFeed() {
        assertThat(EventTypeName.VALUES).containsExactlyElementsOf(EventCatalog.types());
    }
}
