package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.StudentAggregates;
import org.portfolio.performance.repository.StudentRecordStore;
import org.portfolio.testing.TestTokens;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.performance.Fixtures.postJson;

/**
 * Third pass of 2026-12-05: the aggregation grouped each student by every subject they were tested in, so an upload
 * giving each student a different set of made-up subject codes grew the aggregation (and the service's heap) without
 * bound. Only the subjects some metric reads are aggregated now; the others change no figure.
 */
@QuarkusTest
class AssessedSubjectsTest {

    @Inject
    StudentRecordStore students;

    @Inject
    org.portfolio.performance.service.RecomputeService recompute;

    @Test
    void subjectsNoMetricReadsAreNotAggregatedAndChangeNoFigure() throws Exception {
        UUID school = Fixtures.school().id();
        String p = "SUBJ" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        List<Map<String, Object>> rows = new ArrayList<>(Fixtures.students(school, p, "MATH", 20, 5));
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 3; j++) { // each student a set of subjects of its own
                rows.add(Fixtures.assessment(school, p + i, "X" + i + "_" + j, 4, 50));
            }
        }
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201).body("rowsAccepted", equalTo(80));
        Fixtures.awaitMetric(school, "MATH_PROFICIENCY", e -> e.data().get("value").asDouble() == 25.0
                && e.data().get("n").asInt() == 20);

        SchoolYearKey key = new SchoolYearKey(school, Fixtures.YEAR);
        StudentAggregates.ByKey everything = new StudentAggregates.ByKey();
        StudentAggregates.ByKey assessed = new StudentAggregates.ByKey();
        try (Connection c = students.connection()) {
            students.aggregateAssessments(c, List.of(key), List.of("MATH", "X0_0", "X1_0"), everything);
            students.aggregateAssessments(c, List.of(key), List.of("MATH"), assessed);
        }
        assertThat(everything.get(key).subjectSets()).as("tested: MATH, MATH+X0_0, MATH+X1_0; growth: X0_0, X1_0").isEqualTo(5);
        assertThat(assessed.get(key).subjectSets()).as("MATH only: one set").isEqualTo(1);
        assertThat(assessed.get(key).studentsTested(List.of("MATH"))).isEqualTo(20);
        // what the recomputation after an upload aggregates: the catalog's subjects, none of the file's made-up ones
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(recompute::assessedSubjects)).contains("MATH", "ELA").doesNotContain("X0_0", "X19_2");
    }
}
