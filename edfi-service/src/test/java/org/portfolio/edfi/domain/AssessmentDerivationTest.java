package org.portfolio.edfi.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AssessmentDerivationTest {

    static final String PL = "uri://ed-fi.org/PerformanceLevelDescriptor";
    static final String RM = "uri://ed-fi.org/AssessmentReportingMethodDescriptor";
    static final Descriptor MATH = new Descriptor("uri://ed-fi.org/AcademicSubjectDescriptor", "Mathematics");
    static final Descriptor READING = new Descriptor("uri://ed-fi.org/AcademicSubjectDescriptor", "Reading");
    static final Descriptor EIGHTH = new Descriptor(AssessmentDerivation.EDFI_GRADE_NAMESPACE, "Eighth grade");
    static final AssessmentDerivation.Mappings MAP = new AssessmentDerivation.Mappings(
            Map.of(new Descriptor(PL, "Did Not Meet Standard"), 2, new Descriptor(PL, "Met Standard"), 3, new Descriptor(PL, "Advanced"), 4),
            Map.of(MATH, "MATH"), Set.of(new Descriptor(RM, "Vertical score")));
    static final List<AssessmentDerivation.Enrollment> AT_44 = List.of(
            new AssessmentDerivation.Enrollment(255901044L, LocalDate.of(2021, 8, 23), null, 2022));

    static AssessmentDerivation.Result result(Long reported, String level, String vertical) {
        return new AssessmentDerivation.Result(reported, LocalDate.of(2022, 4, 1), EIGHTH, false,
                level == null ? List.of() : List.of(new Descriptor(PL, level)),
                List.of(new AssessmentDerivation.Score(new Descriptor(RM, "Raw score"), "28"),
                        new AssessmentDerivation.Score(new Descriptor(RM, "Vertical score"), vertical)));
    }

    @Test
    void aResultTakesTheMappedSubjectLevelScaleScoreAndGradeAndTheSchoolOfTheEnrollment() {
        var o = AssessmentDerivation.derive(2022, List.of(MATH), List.of(result(null, "Met Standard", "691")), AT_44, MAP);
        assertThat(o.record()).contains(new AssessmentDerivation.Derived(255901044L, "MATH", "8", 3, 691, null));
    }

    /**
     * Hostile review of the twenty-fourth pass, N3: a scale score outside the range the assessment declares for its
     * reporting method (99,999 against 100–950) became the record's scale score and won a retest's tie-break. It is not
     * taken; a range whose bounds are not numbers, or whose minimum is above its maximum, bounds nothing.
     */
    @Test
    void aScaleScoreOutsideTheAssessmentsDeclaredRangeIsNotTaken() {
        Map<Descriptor, AssessmentDerivation.Range> ranges = Map.of(new Descriptor(RM, "Vertical score"),
                AssessmentDerivation.range("100", "950"));
        var out = AssessmentDerivation.derive(2022, List.of(MATH), ranges, List.of(result(null, "Met Standard", "99999")), AT_44, MAP);
        assertThat(out.record().orElseThrow().scaleScore()).isNull();
        assertThat(out.record().orElseThrow().performanceLevel()).isEqualTo(3);
        var retest = AssessmentDerivation.derive(2022, List.of(MATH), ranges,
                List.of(result(null, "Met Standard", "99999"), result(null, "Met Standard", "700")), AT_44, MAP);
        assertThat(retest.record().orElseThrow().scaleScore()).isEqualTo(700);
        assertThat(AssessmentDerivation.derive(2022, List.of(MATH), ranges, List.of(result(null, "Met Standard", "950")), AT_44, MAP)
                .record().orElseThrow().scaleScore()).isEqualTo(950);
        assertThat(AssessmentDerivation.range("950", "100")).isNull();
        assertThat(AssessmentDerivation.range("abc", "xyz")).isNull();
        assertThat(AssessmentDerivation.range("-1e400", "1e400")).isNull();
        assertThat(AssessmentDerivation.range("0", "50.5")).isNotNull();
    }

    @Test
    void theReportedSchoolWinsOverTheEnrollment() {
        var o = AssessmentDerivation.derive(2022, List.of(MATH), List.of(result(255901107L, "Advanced", "800")), AT_44, MAP);
        assertThat(o.record().orElseThrow().school()).isEqualTo(255901107L);
    }

    @Test
    void aRetestGivesOneRecordTheBest() {
        var o = AssessmentDerivation.derive(2022, List.of(MATH), List.of(result(null, "Did Not Meet Standard", "650"),
                result(null, "Met Standard", "690"), result(null, "Met Standard", "700")), AT_44, MAP);
        assertThat(o.record().orElseThrow().performanceLevel()).isEqualTo(3);
        assertThat(o.record().orElseThrow().scaleScore()).isEqualTo(700);
    }

    @Test
    void notTestedIsAParticipationWithoutValues() {
        var notTested = new AssessmentDerivation.Result(null, null, EIGHTH, true, List.of(), List.of());
        var o = AssessmentDerivation.derive(2022, List.of(MATH), List.of(notTested), AT_44, MAP);
        assertThat(o.record()).contains(new AssessmentDerivation.Derived(255901044L, "MATH", "8", null, null, "NOT_TESTED"));
        // a tested result of the same assessment and year is the better one
        o = AssessmentDerivation.derive(2022, List.of(MATH), List.of(notTested, result(null, "Did Not Meet Standard", "600")), AT_44, MAP);
        assertThat(o.record().orElseThrow().participation()).isNull();
    }

    @Test
    void nothingIsGuessed() {
        // the subject not mapped, the assessment not stored, no performance level, no school of the year
        assertThat(AssessmentDerivation.derive(2022, List.of(READING), List.of(result(null, "Met Standard", "1")), AT_44, MAP).record()).isEmpty();
        assertThat(AssessmentDerivation.derive(2022, null, List.of(result(null, "Met Standard", "1")), AT_44, MAP).record()).isEmpty();
        assertThat(AssessmentDerivation.derive(2022, List.of(MATH), List.of(result(null, null, "1")), AT_44, MAP).record()).isEmpty();
        assertThat(AssessmentDerivation.derive(2023, List.of(MATH), List.of(result(null, "Met Standard", "1")), AT_44, MAP).record()).isEmpty();
        // two schools the same year: the one enrolling the student on the administration date, else none
        var two = List.of(new AssessmentDerivation.Enrollment(1L, LocalDate.of(2021, 8, 23), LocalDate.of(2021, 12, 17), null),
                new AssessmentDerivation.Enrollment(2L, LocalDate.of(2022, 1, 4), null, null));
        assertThat(AssessmentDerivation.derive(2022, List.of(MATH), List.of(result(null, "Met Standard", "1")), two, MAP)
                .record().orElseThrow().school()).isEqualTo(2L);
        var undated = new AssessmentDerivation.Result(null, null, EIGHTH, false, List.of(new Descriptor(PL, "Met Standard")), List.of());
        assertThat(AssessmentDerivation.derive(2022, List.of(MATH), List.of(undated), two, MAP).record()).isEmpty();
    }

    @Test
    void aScaleScoreIsAWholeNumberOfTheMappedMethodAndAnotherNamespacesGradeIsLeftOut() {
        assertThat(AssessmentDerivation.derive(2022, List.of(MATH), List.of(result(null, "Met Standard", "691.5")), AT_44, MAP)
                .record().orElseThrow().scaleScore()).isNull();
        assertThat(AssessmentDerivation.wholeScore("1e3")).isNull();
        assertThat(AssessmentDerivation.wholeScore("100001")).isNull();
        assertThat(AssessmentDerivation.wholeScore("691.0")).isEqualTo(691);
        var other = new AssessmentDerivation.Result(null, null, new Descriptor("uri://district.example/GradeLevelDescriptor", "8"), false,
                List.of(new Descriptor(PL, "Met Standard")), List.of());
        assertThat(AssessmentDerivation.derive(2022, List.of(MATH), List.of(other), AT_44, MAP).record().orElseThrow().gradeLevel()).isNull();
    }

    @Test
    void theTestCodeIsReadableUniqueAndFitsPerformanceServicesPattern() {
        String a = AssessmentDerivation.testCode("uri://ed-fi.org/Assessment/Assessment.xml", "SA-2011-Mathematics-Eighth grade");
        String b = AssessmentDerivation.testCode("uri://district.example/Assessment", "SA-2011-Mathematics-Eighth grade");
        assertThat(a).matches("[A-Za-z0-9._\\-]{1,40}").startsWith("SA-2011-Mathematics-Eighth_gr-").isNotEqualTo(b);
        assertThat(AssessmentDerivation.testCode("x", "é".repeat(60))).matches("[A-Za-z0-9._\\-]{1,40}");
    }
}
