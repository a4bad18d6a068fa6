package org.portfolio.integration.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every event type an integrator can hear, and who may read it. An allow-list: a type not named here (a new event,
 * or any event about one applicant) is never stored in the feed nor delivered.
 */
public final class EventCatalog {

    public static final String WEBHOOK_DISABLED = "portfolio.integration.WebhookDisabled.v1";

    private static final Map<String, Audience> TYPES = new LinkedHashMap<>();

    static {
        for (String name : new String[] {"SchoolRegistered", "SchoolUpdated", "SchoolStatusChanged"}) {
            TYPES.put(type("contracts", name), Audience.DIRECTORY);
        }
        for (String name : new String[] {"ContractActivated", "ContractAmended", "ContractEnded", "BenchmarkEvaluated",
                "InterventionEscalated", "InterventionStepOverdue", "BenchmarkDataMissing"}) {
            TYPES.put(type("contracts", name), Audience.SCHOOL_RECORD);
        }
        for (String name : new String[] {"AutonomyGranted", "AutonomyRevoked", "AutonomyReinstated", "AutonomyEnded"}) {
            TYPES.put(type("autonomy", name), Audience.SCHOOL_RECORD);
        }
        for (String name : new String[] {"MetricResultRecorded", "SchoolRatingPublished", "IntegrityFlagRaised",
                "IntegrityFlagResolved"}) {
            TYPES.put(type("performance", name), Audience.SCHOOL_RECORD);
        }
        TYPES.put(type("enrollment", "MatchPublished"), Audience.ENROLLMENT_ROUND);
        TYPES.put(type("enrollment", "DemandReported"), Audience.ENROLLMENT_COUNTS);
        TYPES.put(WEBHOOK_DISABLED, Audience.SUBSCRIPTION);
    }

    private EventCatalog() {
    }

    private static String type(String service, String name) {
        return "portfolio." + service + "." + name + ".v1";
    }

    /** Who may read events of this type; empty for a type that is never in the feed. */
    public static Optional<Audience> audienceOf(String type) {
        return Optional.ofNullable(type == null ? null : TYPES.get(type));
    }

    /** Every type of the feed, in the order of docs/events.md. */
    public static Set<String> types() {
        return TYPES.keySet();
    }

    /** The types another service publishes that the feed takes (all but the integration service's own). */
    public static Set<String> consumedTypes() {
        Set<String> out = new java.util.LinkedHashSet<>(TYPES.keySet());
        out.remove(WEBHOOK_DISABLED);
        return out;
    }
}
