package org.portfolio.performance.consumer;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.testing.events.EventContract;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * performance-service reads contracts' and enrollment's events with its own record types: the examples of the AsyncAPI
 * document (module api-docs) read into them, every field they read is declared there, and every field a handler refuses
 * to do without is required there. Each handler subscribes to exactly what the document says it reads.
 */
class ConsumedEventsContractTest {

    private final EventContract contract = EventContract.load();

    @Test
    void theSchoolRegistryReadsWhatTheDocumentPromises() {
        SchoolRegistryHandler handler = new SchoolRegistryHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("performanceSchoolRegistry"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("performanceSchoolRegistry"));
        contract.consumer(SchoolRegistryHandler.REGISTERED, SchoolRegistryHandler.SchoolEvent.class)
                .requires("schoolId", "name", "type")
                .assertReadsEveryExample(reader(SchoolRegistryHandler.REGISTERED, "/contracts", SchoolRegistryHandler.SchoolEvent.class));
        contract.consumer(SchoolRegistryHandler.UPDATED, SchoolRegistryHandler.SchoolEvent.class)
                .requires("schoolId", "name", "type")
                .assertReadsEveryExample(reader(SchoolRegistryHandler.UPDATED, "/contracts", SchoolRegistryHandler.SchoolEvent.class));
        contract.consumer(SchoolRegistryHandler.STATUS_CHANGED, SchoolRegistryHandler.SchoolEvent.class)
                .requires("schoolId", "status")
                .assertReadsEveryExample(reader(SchoolRegistryHandler.STATUS_CHANGED, "/contracts", SchoolRegistryHandler.SchoolEvent.class));
    }

    @Test
    void familyDemandReadsWhatTheDocumentPromises() {
        DemandReportedHandler handler = new DemandReportedHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("performanceFamilyDemand"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("performanceFamilyDemand"));
        var read = contract.consumer(DemandReportedHandler.DEMAND_REPORTED, DemandReportedHandler.DemandReported.class)
                .requires("schoolId", "periodId", "schoolYear", "applicants", "firstChoices", "seats")
                .assertReadsEveryExample(reader(DemandReportedHandler.DEMAND_REPORTED, "/enrollment", DemandReportedHandler.DemandReported.class));
        assertThat(read).allSatisfy(d -> assertThat(d.firstChoices()).isLessThanOrEqualTo(d.applicants()));
    }

    static <T> Function<byte[], T> reader(String type, String source, Class<T> view) {
        return bytes -> new IncomingEvent(UUID.randomUUID().toString(), type, URI.create(source), null, null, null, bytes)
                .data(view);
    }
}
