package org.portfolio.integration.rest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;

/** An event type of the feed, as its CloudEvents type (docs/events.md); the same values as EventCatalog. */
@Schema(name = "EventType", description = "A CloudEvents type of the feed (docs/events.md)")
public enum EventTypeName {
    SCHOOL_REGISTERED("portfolio.contracts.SchoolRegistered.v1"),
    SCHOOL_UPDATED("portfolio.contracts.SchoolUpdated.v1"),
    SCHOOL_STATUS_CHANGED("portfolio.contracts.SchoolStatusChanged.v1"),
    CONTRACT_ACTIVATED("portfolio.contracts.ContractActivated.v1"),
    CONTRACT_AMENDED("portfolio.contracts.ContractAmended.v1"),
    CONTRACT_ENDED("portfolio.contracts.ContractEnded.v1"),
    BENCHMARK_EVALUATED("portfolio.contracts.BenchmarkEvaluated.v1"),
    INTERVENTION_ESCALATED("portfolio.contracts.InterventionEscalated.v1"),
    INTERVENTION_STEP_OVERDUE("portfolio.contracts.InterventionStepOverdue.v1"),
    BENCHMARK_DATA_MISSING("portfolio.contracts.BenchmarkDataMissing.v1"),
    AUTONOMY_GRANTED("portfolio.autonomy.AutonomyGranted.v1"),
    AUTONOMY_REVOKED("portfolio.autonomy.AutonomyRevoked.v1"),
    AUTONOMY_REINSTATED("portfolio.autonomy.AutonomyReinstated.v1"),
    AUTONOMY_ENDED("portfolio.autonomy.AutonomyEnded.v1"),
    METRIC_RESULT_RECORDED("portfolio.performance.MetricResultRecorded.v1"),
    SCHOOL_RATING_PUBLISHED("portfolio.performance.SchoolRatingPublished.v1"),
    INTEGRITY_FLAG_RAISED("portfolio.performance.IntegrityFlagRaised.v1"),
    INTEGRITY_FLAG_RESOLVED("portfolio.performance.IntegrityFlagResolved.v1"),
    MATCH_PUBLISHED("portfolio.enrollment.MatchPublished.v1"),
    DEMAND_REPORTED("portfolio.enrollment.DemandReported.v1"),
    WEBHOOK_DISABLED("portfolio.integration.WebhookDisabled.v1");

    /** How many there are: a subscription may name every one (a constant, for the request's size annotations). */
    public static final int COUNT = 21;

    static final List<String> VALUES = Arrays.stream(values()).map(EventTypeName::type).toList();

    private final String type;

    EventTypeName(String type) {
        this.type = type;
    }

    @JsonValue
    public String type() {
        return type;
    }

    @JsonCreator
    public static EventTypeName of(String type) {
        return Arrays.stream(values()).filter(v -> v.type.equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event type of the feed"));
    }
}
