package org.portfolio.platform.web.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class UniqueKeyProblemsTest {

    /** pgjdbc's shape: the server's fields, the constraint among them, beside a message in the server's language. */
    public static final class Fields {
        public String getConstraint() {
            return "applicant_external_ref_key";
        }
    }

    public static final class PgLike extends SQLException {
        public PgLike(String message) {
            super(message, "23505");
        }

        public Fields getServerErrorMessage() {
            return new Fields();
        }
    }

    @Test
    void theConstraintIsTheServersFieldWhateverTheMessagesLanguage() {
        Exception wrapped = new IllegalStateException("could not copy", new PgLike(
                "FEHLER: doppelter Schlüsselwert verletzt Unique-Constraint »applicant_external_ref_key«"));
        assertThat(UniqueKeyProblems.constraintName(wrapped)).isEqualTo("applicant_external_ref_key");
    }

    @Test
    void withoutTheFieldsTheEnglishMessageNamesIt() {
        assertThat(UniqueKeyProblems.constraintName(new SQLException(
                "ERROR: duplicate key value violates unique constraint \"school_district_code_key\"", "23505")))
                .isEqualTo("school_district_code_key");
        assertThat(UniqueKeyProblems.constraintName(new SQLException(
                "ERROR: deadlock detected; unique constraint \"x_key\"", "40P01"))).as("not a unique violation").isNull();
        assertThat(UniqueKeyProblems.constraintName(new RuntimeException("no SQL here"))).isNull();
    }
}
