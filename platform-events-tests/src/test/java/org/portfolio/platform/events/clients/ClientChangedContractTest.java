package org.portfolio.platform.events.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.CloudEventCodec;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.testing.events.EventContract;

import java.net.URI;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's client directory reads the gateway's ClientChanged as the AsyncAPI document (module api-docs) says:
 * each example, decoded as the directory decodes a record, is a complete change it applies; what it cannot do without
 * is required there, and the topic, type and source it checks are the document's.
 */
class ClientChangedContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventContract contract = EventContract.load();

    @Test
    void theClientDirectoryReadsWhatTheDocumentPromises() throws Exception {
        EventContract.Message m = contract.message(ClientTopic.TYPE);
        assertThat(m.topic()).isEqualTo(ClientTopic.NAME);
        assertThat(m.source()).isEqualTo(ClientTopic.SOURCE);
        assertThat(contract.typesOf("clientDirectory")).containsExactly(ClientTopic.TYPE);

        var read = contract.consumer(ClientTopic.TYPE, ClientChanged.class)
                .requires("clientId", "enabled", "tokenGeneration", "version")
                .assertReadsEveryExample(bytes -> new IncomingEvent(UUID.randomUUID().toString(), ClientTopic.TYPE,
                        URI.create(ClientTopic.SOURCE), null, null, null, bytes).data(ClientChanged.class));
        assertThat(read).allMatch(ClientChanged::complete);

        // the whole record value, as the directory decodes it from the topic
        for (var example : contract.examples(ClientTopic.TYPE)) {
            IncomingEvent e = CloudEventCodec.decode(JSON.writeValueAsBytes(example));
            assertThat(e.type()).isEqualTo(ClientTopic.TYPE);
            assertThat(e.source()).hasToString(ClientTopic.SOURCE);
            assertThat(e.data(ClientChanged.class).complete()).isTrue();
        }
    }
}
