package org.portfolio.enrollment.consumer;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.testing.events.EventContract;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * enrollment-service reads contracts-service's events with its own record types: the examples of the AsyncAPI
 * document (module api-docs) read into them, every field they read is declared there, and every field the handler
 * refuses to do without is required there. The handler subscribes to exactly what the document says it reads.
 */
class ConsumedEventsContractTest {

    private final EventContract contract = EventContract.load();

    @Test
    void theSchoolDirectoryReadsWhatTheDocumentPromises() {
        SchoolDirectoryHandler handler = new SchoolDirectoryHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("enrollmentSchoolDirectory"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("enrollmentSchoolDirectory"));

        contract.consumer(SchoolDirectoryHandler.REGISTERED, SchoolDirectoryHandler.Registered.class)
                .requires("schoolId", "name", "districtCode", "type")
                .assertReadsEveryExample(reader(SchoolDirectoryHandler.REGISTERED, SchoolDirectoryHandler.Registered.class));
        contract.consumer(SchoolDirectoryHandler.UPDATED, SchoolDirectoryHandler.Registered.class)
                .requires("schoolId", "name", "districtCode", "type")
                .assertReadsEveryExample(reader(SchoolDirectoryHandler.UPDATED, SchoolDirectoryHandler.Registered.class));
        contract.consumer(SchoolDirectoryHandler.STATUS_CHANGED, SchoolDirectoryHandler.StatusChanged.class)
                // a status change of a school not seen before creates it from these
                .requires("schoolId", "status", "districtCode", "name", "type")
                .assertReadsEveryExample(reader(SchoolDirectoryHandler.STATUS_CHANGED, SchoolDirectoryHandler.StatusChanged.class));
        var levels = contract.consumer(SchoolDirectoryHandler.INTERVENTION, SchoolDirectoryHandler.Intervention.class)
                .requires("schoolId", "level")
                .assertReadsEveryExample(reader(SchoolDirectoryHandler.INTERVENTION, SchoolDirectoryHandler.Intervention.class));
        assertThat(levels).extracting(SchoolDirectoryHandler.Intervention::level).allMatch(SchoolDirectoryHandler.LEVELS::contains);
        // every level the document allows is one the handler accepts
        assertThat(SchoolDirectoryHandler.LEVELS).containsExactlyInAnyOrderElementsOf(enumOf("InterventionLevel"));
    }

    private java.util.List<String> enumOf(String schema) {
        java.util.List<String> out = new java.util.ArrayList<>();
        contract.document().path("components").path("schemas").path(schema).path("enum").forEach(v -> out.add(v.asText()));
        return out;
    }

    static <T> Function<byte[], T> reader(String type, Class<T> view) {
        return bytes -> new IncomingEvent(UUID.randomUUID().toString(), type, URI.create("/contracts"), null, null, null, bytes)
                .data(view);
    }
}
