package org.portfolio.performance.service.ingest;

import org.junit.jupiter.api.Test;
import org.portfolio.performance.domain.RowError;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A row's gradeLevel is kept exactly when the pattern the document declares for it matches (fourteenth pass). */
class GradeLevelTest {

    @Test
    void whatThePatternAcceptsIsKeptAndNormalised() {
        for (String[] c : new String[][]{{"pk", "PK"}, {"K", "K"}, {"7", "7"}, {"09", "9"}, {"009", "9"}, {"0012", "12"}, {"12", "12"}}) {
            List<RowError> errors = new ArrayList<>();
            assertThat(RowKind.grade(1, c[0], errors)).as(c[0]).isEqualTo(c[1]);
            assertThat(errors).as(c[0]).isEmpty();
        }
    }

    @Test
    void whatThePatternRefusesIsARowErrorThoughANumberParserWouldTakeIt() {
        for (String v : List.of("+7", "0009", "0000009", "13", "0", "00", " 7", "٣", "1e1")) {
            List<RowError> errors = new ArrayList<>();
            assertThat(RowKind.grade(1, v, errors)).as(v).isEqualTo(RowKind.INVALID_GRADE);
            assertThat(errors).as(v).singleElement().extracting(RowError::field).isEqualTo("gradeLevel");
        }
    }

    /** Hostile review of the fourteenth pass: the subject was upper-cased before its pattern was matched. */
    @Test
    void aSubjectIsMatchedAsSentSoNoLetterBecomesASCIIByUpperCasing() {
        for (String v : List.of("ela", "Math_2", "SCIENCE")) {
            assertThat(AssessmentRows.SUBJECT_AS_SENT.matcher(v).matches()).as(v).isTrue();
        }
        for (String v : List.of("\u017ftate", "\u0131ela", "\ufb00", "1ELA", "")) {
            assertThat(AssessmentRows.SUBJECT_AS_SENT.matcher(v).matches()).as(v).isFalse();
        }
    }
}
