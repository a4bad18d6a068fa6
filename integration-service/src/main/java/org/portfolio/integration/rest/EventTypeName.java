package org.portfolio.integration.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI schema of an event type of the feed (a CloudEvents type); every value of EventCatalog. */
@Schema(name = "EventType", type = SchemaType.STRING, description = "A CloudEvents type of the feed (docs/events.md)",
        enumeration = {
                "portfolio.contracts.SchoolRegistered.v1", "portfolio.contracts.SchoolUpdated.v1",
                "portfolio.contracts.SchoolStatusChanged.v1", "portfolio.contracts.ContractActivated.v1",
                "portfolio.contracts.ContractAmended.v1", "portfolio.contracts.ContractEnded.v1",
                "portfolio.contracts.BenchmarkEvaluated.v1", "portfolio.contracts.InterventionEscalated.v1",
                "portfolio.autonomy.AutonomyGranted.v1", "portfolio.autonomy.AutonomyRevoked.v1",
                "portfolio.autonomy.AutonomyReinstated.v1", "portfolio.autonomy.AutonomyEnded.v1",
                "portfolio.performance.MetricResultRecorded.v1", "portfolio.performance.SchoolRatingPublished.v1",
                "portfolio.enrollment.MatchPublished.v1", "portfolio.enrollment.DemandReported.v1",
                "portfolio.integration.WebhookDisabled.v1"},
        examples = "portfolio.autonomy.AutonomyRevoked.v1")
public final class EventTypeName {

    /** The same values as the annotation (a test keeps them equal to EventCatalog's). */
    static final java.util.List<String> VALUES = java.util.List.of(EventTypeName.class.getAnnotation(Schema.class).enumeration());

    private EventTypeName() {
    }
}
