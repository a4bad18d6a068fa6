package org.portfolio.contracts.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.contracts.domain.InterventionLevel.*;

class InterventionRulesTest {

    @Test
    void aFirstMissRaisesTheLevelToWhatTheBenchmarkTriggers() {
        var e = InterventionRules.onMiss(NONE, CORRECTIVE_ACTION_PLAN, false).orElseThrow();
        assertThat(e.to()).isEqualTo(CORRECTIVE_ACTION_PLAN);
        assertThat(e.rule()).contains("triggers CORRECTIVE_ACTION_PLAN");
    }

    @Test
    void aMissWhileAtOrAboveTheTriggerEscalatesOneStep() {
        assertThat(InterventionRules.onMiss(NOTICE_OF_CONCERN, NOTICE_OF_CONCERN, false).orElseThrow().to())
                .isEqualTo(CORRECTIVE_ACTION_PLAN);
        assertThat(InterventionRules.onMiss(PROBATION, NOTICE_OF_CONCERN, false).orElseThrow().to()).isEqualTo(REVOCATION);
    }

    @Test
    void nothingGoesPastRevocation() {
        assertThat(InterventionRules.onMiss(REVOCATION, PROBATION, false)).isEmpty();
    }

    @Test
    void theSameMissSeenAgainDoesNotMoveTheLevel() {
        assertThat(InterventionRules.onMiss(NOTICE_OF_CONCERN, NOTICE_OF_CONCERN, true)).isEmpty();
        assertThat(InterventionRules.onMiss(NONE, PROBATION, true)).isEmpty();
    }

    @Test
    void aBenchmarkThatTriggersNoneNeverEscalates() {
        assertThat(InterventionRules.onMiss(NONE, NONE, false)).isEmpty();
        assertThat(InterventionRules.onMiss(PROBATION, NONE, false)).isEmpty();
    }
}
