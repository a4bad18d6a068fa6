package org.portfolio.autonomy.consumer;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.testing.events.EventContract;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * autonomy-service reads contracts' and performance's events with its own record types: the examples of the AsyncAPI
 * document (module api-docs) read into them, every field they read is declared there, and every field a handler
 * refuses to do without is required there. Each handler subscribes to exactly what the document says it reads.
 */
class ConsumedEventsContractTest {

    private final EventContract contract = EventContract.load();

    @Test
    void contractEventsAreReadAsTheDocumentPromises() {
        ContractEventsHandler handler = new ContractEventsHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("autonomyContractEvents"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("autonomyContractEvents"));

        contract.consumer(ContractEventsHandler.SCHOOL_REGISTERED, ContractEventsHandler.SchoolRegisteredData.class)
                .requires("schoolId").assertReadsEveryExample(reader(ContractEventsHandler.SCHOOL_REGISTERED,
                        ContractEventsHandler.SchoolRegisteredData.class));
        contract.consumer(ContractEventsHandler.SCHOOL_UPDATED, ContractEventsHandler.SchoolRegisteredData.class)
                .requires("schoolId").assertReadsEveryExample(reader(ContractEventsHandler.SCHOOL_UPDATED,
                        ContractEventsHandler.SchoolRegisteredData.class));
        contract.consumer(ContractEventsHandler.SCHOOL_STATUS_CHANGED, ContractEventsHandler.SchoolStatusChangedData.class)
                .requires("schoolId", "status").assertReadsEveryExample(reader(ContractEventsHandler.SCHOOL_STATUS_CHANGED,
                        ContractEventsHandler.SchoolStatusChangedData.class));
        contract.consumer(ContractEventsHandler.CONTRACT_ACTIVATED, ContractEventsHandler.ContractData.class)
                .requires("contractId", "schoolId")
                .readsOnlyWhenPresent("previousVersion", "reason") // the view is shared with ContractAmended
                .assertReadsEveryExample(reader(ContractEventsHandler.CONTRACT_ACTIVATED, ContractEventsHandler.ContractData.class));
        contract.consumer(ContractEventsHandler.CONTRACT_AMENDED, ContractEventsHandler.ContractData.class)
                .requires("contractId", "schoolId")
                .assertReadsEveryExample(reader(ContractEventsHandler.CONTRACT_AMENDED, ContractEventsHandler.ContractData.class));
        contract.consumer(ContractEventsHandler.CONTRACT_ENDED, ContractEventsHandler.ContractEndedData.class)
                .requires("contractId", "schoolId", "endedAs")
                .assertReadsEveryExample(reader(ContractEventsHandler.CONTRACT_ENDED, ContractEventsHandler.ContractEndedData.class));
        contract.consumer(ContractEventsHandler.BENCHMARK_EVALUATED, ContractEventsHandler.BenchmarkEvaluatedData.class)
                .requires("schoolId", "benchmarkId", "result")
                .assertReadsEveryExample(reader(ContractEventsHandler.BENCHMARK_EVALUATED, ContractEventsHandler.BenchmarkEvaluatedData.class));
    }

    @Test
    void ratingsAreReadAsTheDocumentPromises() {
        RatingEventsHandler handler = new RatingEventsHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("autonomySchoolRatings"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("autonomySchoolRatings"));
        contract.consumer(RatingEventsHandler.RATING_PUBLISHED, RatingEventsHandler.RatingData.class)
                .requires("schoolId", "ratingId", "tier", "schoolYear")
                .assertReadsEveryExample(reader(RatingEventsHandler.RATING_PUBLISHED, RatingEventsHandler.RatingData.class));
    }

    static <T> Function<byte[], T> reader(String type, Class<T> view) {
        String source = "/" + type.split("\\.")[1];
        return bytes -> new IncomingEvent(UUID.randomUUID().toString(), type, URI.create(source), null, null, null, bytes)
                .data(view);
    }
}
