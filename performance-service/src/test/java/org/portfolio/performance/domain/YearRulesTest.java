package org.portfolio.performance.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R6 of the twenty-sixth pass: a framework published before the deployment's floor was set (or raised) kept its own
 * minimum n, and a value about three students was published. The floor holds for metrics about students whatever the
 * framework says; a metric that is not about students keeps the framework's own (0: never suppressed).
 */
class YearRulesTest {

    private static Framework publishedBeforeTheFloor() {
        FrameworkDefinition d = new FrameworkDefinition(
                List.of(new FrameworkDefinition.CategoryWeight(MetricCategory.ACADEMIC, BigDecimal.TEN),
                        new FrameworkDefinition.CategoryWeight(MetricCategory.FINANCIAL, BigDecimal.TEN)),
                List.of(new FrameworkDefinition.FrameworkMetric("ELA_PROFICIENCY", BigDecimal.TEN, 3, List.of()),
                        new FrameworkDefinition.FrameworkMetric("DAYS_CASH_ON_HAND", BigDecimal.TEN, 0, List.of())),
                List.of());
        return Framework.draft("2025-26", 1, "Before the floor", null, 2, (short) 3, null, d, "test", Instant.EPOCH);
    }

    @Test
    void aMetricAboutStudentsIsHeldToTheFloorWhateverAFrameworkPublishedBeforeItSays() {
        Framework f = publishedBeforeTheFloor();
        YearRules r = new YearRules("2025-26", f, f, 10, 3, 5, Set.of("ELA_PROFICIENCY", "CHRONIC_ABSENTEEISM"));

        assertThat(r.suppressed("ELA_PROFICIENCY", 3)).as("its own minimum n 3, the floor 5").isTrue();
        assertThat(r.suppressed("ELA_PROFICIENCY", 4)).isTrue();
        assertThat(r.suppressed("ELA_PROFICIENCY", 5)).isFalse();
        assertThat(r.suppressed("CHRONIC_ABSENTEEISM", 4)).as("the framework's minimum n 2, the floor 5").isTrue();
        assertThat(r.suppressed("DAYS_CASH_ON_HAND", 1)).as("not about students: the framework's 0").isFalse();
        assertThat(r.studentMinimumN()).isEqualTo(5);
    }

    @Test
    void aFrameworkAboveTheFloorKeepsItsOwn() {
        Framework f = publishedBeforeTheFloor();
        f.minimumN = 12;
        YearRules r = new YearRules("2025-26", f, f, 10, 3, 5, Set.of("ELA_PROFICIENCY", "CHRONIC_ABSENTEEISM"));
        assertThat(r.suppressed("CHRONIC_ABSENTEEISM", 11)).isTrue();
        assertThat(r.studentMinimumN()).isEqualTo(12);
        assertThat(new YearRules("2025-26", null, null, 10, 3, 5, Set.of("ELA_PROFICIENCY")).suppressed("ELA_PROFICIENCY", 9))
                .as("no framework: the default").isTrue();
    }
}
