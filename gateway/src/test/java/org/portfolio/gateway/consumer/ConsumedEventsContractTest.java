package org.portfolio.gateway.consumer;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.testing.events.EventContract;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway reads contracts-service's school events with its own record type (the school's oversight body and zone):
 * the examples of the AsyncAPI document read into it, every field it reads is declared there, and the handler
 * subscribes to exactly what the document's receive operation says.
 */
class ConsumedEventsContractTest {

    private final EventContract contract = EventContract.load();

    @Test
    void theSchoolMembershipReadsWhatTheDocumentPromises() {
        SchoolMembershipHandler handler = new SchoolMembershipHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("gatewaySchoolMembership"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("gatewaySchoolMembership"));
        for (String type : handler.types()) {
            contract.consumer(type, SchoolMembershipHandler.SchoolEvent.class)
                    .requires("schoolId")
                    .assertReadsEveryExample(reader(type, SchoolMembershipHandler.SchoolEvent.class));
        }
    }

    static <T> Function<byte[], T> reader(String type, Class<T> view) {
        return bytes -> new IncomingEvent(UUID.randomUUID().toString(), type, URI.create("/contracts"), null, null, null, bytes)
                .data(view);
    }
}
