package org.portfolio.contracts.domain;

import java.util.Optional;

/**
 * How a missed benchmark moves a contract up the intervention ladder.
 * <ol>
 *   <li>A benchmark whose previous decisive evaluation was already MISSED is the same miss seen again (newer
 *       data that still misses): the level does not move.</li>
 *   <li>A benchmark whose miss triggers NONE never moves the level.</li>
 *   <li>A new miss raises the level to the level the benchmark triggers, when the contract is below it;</li>
 *   <li>otherwise (the contract is already at or above that level: a repeated miss) one step further up.</li>
 *   <li>Nothing goes past REVOCATION. A MET never lowers the level: de-escalation is an oversight decision.</li>
 * </ol>
 */
public final class InterventionRules {

    /** A level change and the rule that made it, in words. */
    public record Escalation(InterventionLevel from, InterventionLevel to, String rule) {
    }

    private InterventionRules() {
    }

    public static Optional<Escalation> onMiss(InterventionLevel current, InterventionLevel triggers,
                                              boolean previousEvaluationMissed) {
        if (previousEvaluationMissed || triggers == InterventionLevel.NONE) {
            return Optional.empty();
        }
        if (current.compareTo(triggers) < 0) {
            return Optional.of(new Escalation(current, triggers, "a miss of this benchmark triggers " + triggers));
        }
        InterventionLevel next = current.next();
        if (next == current) {
            return Optional.empty();
        }
        return Optional.of(new Escalation(current, next,
                "a repeated miss while at " + current + " escalates one step to " + next));
    }
}
