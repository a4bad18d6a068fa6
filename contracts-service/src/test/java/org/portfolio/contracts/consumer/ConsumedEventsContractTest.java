package org.portfolio.contracts.consumer;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.testing.events.EventContract;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * contracts-service reads performance's, enrollment's and autonomy's events with its own record types: the examples of
 * the AsyncAPI document (module api-docs) read into them, every field they read is declared there, and every field a
 * handler refuses to do without is required there. Each handler subscribes to exactly what the document says it reads.
 */
class ConsumedEventsContractTest {

    private final EventContract contract = EventContract.load();

    @Test
    void benchmarkEvaluationReadsWhatTheDocumentPromises() {
        MetricResultHandler handler = new MetricResultHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("contractsBenchmarkEvaluation"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("contractsBenchmarkEvaluation"));
        contract.consumer(MetricResultHandler.TYPE, MetricResultHandler.MetricResultRecorded.class)
                .requires("schoolId", "metricCode", "period")
                .assertReadsEveryExample(reader(MetricResultHandler.TYPE, "/performance", MetricResultHandler.MetricResultRecorded.class));
    }

    @Test
    void decisionEvidenceReadsWhatTheDocumentPromises() {
        EvidenceHandler handler = new EvidenceHandler();
        Set<String> documented = new TreeSet<>(contract.typesOf("contractsDecisionEvidenceRatings"));
        documented.addAll(contract.typesOf("contractsDecisionEvidenceDemand"));
        assertThat(handler.types()).isEqualTo(documented);
        assertThat(handler.topics()).containsExactlyInAnyOrder(contract.topicOf("contractsDecisionEvidenceRatings"),
                contract.topicOf("contractsDecisionEvidenceDemand"));
        contract.consumer(EvidenceHandler.RATING, EvidenceHandler.SchoolRatingPublished.class)
                .requires("schoolId", "schoolYear")
                .assertReadsEveryExample(reader(EvidenceHandler.RATING, "/performance", EvidenceHandler.SchoolRatingPublished.class));
        contract.consumer(EvidenceHandler.DEMAND, EvidenceHandler.DemandReported.class)
                .requires("schoolId", "periodId", "schoolYear", "applicants", "seats")
                .assertReadsEveryExample(reader(EvidenceHandler.DEMAND, "/enrollment", EvidenceHandler.DemandReported.class));
    }

    @Test
    void autonomyStateReadsWhatTheDocumentPromises() {
        AutonomyStateHandler handler = new AutonomyStateHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("contractsAutonomyState"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("contractsAutonomyState"));
        for (String type : handler.types()) {
            var view = contract.consumer(type, AutonomyStateHandler.GrantEvent.class)
                    .requires("grantId", "schoolId", "domain", "cause.kind");
            if (!type.endsWith(".AutonomyGranted.v1")) {
                view.readsOnlyWhenPresent("contractId"); // only AutonomyGranted names the contract
            }
            view.assertReadsEveryExample(reader(type, "/autonomy", AutonomyStateHandler.GrantEvent.class));
        }
    }

    @Test
    void integrityFlagsReadWhatTheDocumentPromises() {
        IntegrityFlagHandler handler = new IntegrityFlagHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("contractsIntegrityFlags"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("contractsIntegrityFlags"));
        contract.consumer(IntegrityFlagHandler.RAISED, IntegrityFlagHandler.Raised.class)
                .requires("flagId", "schoolId", "schoolYear", "rule")
                .assertReadsEveryExample(reader(IntegrityFlagHandler.RAISED, "/performance", IntegrityFlagHandler.Raised.class));
        contract.consumer(IntegrityFlagHandler.RESOLVED, IntegrityFlagHandler.Resolved.class)
                .requires("flagId", "schoolId", "schoolYear", "rule", "resolvedBy", "note")
                .assertReadsEveryExample(reader(IntegrityFlagHandler.RESOLVED, "/performance", IntegrityFlagHandler.Resolved.class));
    }

    @Test
    void metricDirectionsReadWhatTheDocumentPromises() {
        MetricDefinitionHandler handler = new MetricDefinitionHandler();
        assertThat(handler.types()).isEqualTo(contract.typesOf("contractsMetricDirections"));
        assertThat(handler.topics()).containsExactly(contract.topicOf("contractsMetricDirections"));
        contract.consumer(MetricDefinitionHandler.TYPE, MetricDefinitionHandler.MetricDefined.class)
                .requires("metricCode", "direction")
                .assertReadsEveryExample(reader(MetricDefinitionHandler.TYPE, "/performance", MetricDefinitionHandler.MetricDefined.class));
    }

    static <T> Function<byte[], T> reader(String type, String source, Class<T> view) {
        return bytes -> new IncomingEvent(UUID.randomUUID().toString(), type, URI.create(source), null, null, null, bytes)
                .data(view);
    }
}
