package org.portfolio.platform.web;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.http.LoggedErrors;

import static org.assertj.core.api.Assertions.assertThat;

/** What a logged exception message keeps and what it masks (eighth pass of 2026-12-06 and the review of it). */
class LoggedErrorsTest {

    @Test
    void aNameWithAnApostropheIsMaskedWhole() {
        assertThat(LoggedErrors.mask("no applicant named 'Sean O'Brien' in period 3"))
                .isEqualTo("no applicant named '…' in period 3");
    }

    @Test
    void aQuoteTheCutLeavesOpenIsMaskedToTheEnd() {
        String cut = LoggedErrors.mask("x".repeat(1_990) + " 'Maria Lopez of 12 Elm Street'");
        assertThat(cut).doesNotContain("Maria").doesNotContain("Lop").endsWith("'…'");
    }

    @Test
    void databaseIdentifiersStaySoAnOperatorSeesWhatFailed() {
        assertThat(LoggedErrors.mask("duplicate key value violates unique constraint \"program_identity\""))
                .isEqualTo("duplicate key value violates unique constraint \"program_identity\"");
        assertThat(LoggedErrors.mask("relation \"contract\" does not exist")).isEqualTo("relation \"contract\" does not exist");
        assertThat(LoggedErrors.mask("value \"Maria Lopez\" is too long")).isEqualTo("value '…' is too long");
    }

    @Test
    void idsNumbersAndAddressesAreMasked() {
        assertThat(LoggedErrors.mask("applicant 6f1c2a3e-9b7d-4c1e-8a2f-0d3b5e7c9a11, student 604822, maria@example.org"))
                .isEqualTo("applicant {uuid}, student {digits}, {email}");
        assertThat(LoggedErrors.mask(null)).isNull();
    }

    @Test
    void theCopyKeepsClassesAndFramesOfTheWholeChain() {
        Exception cause = new java.sql.SQLException("student 604822");
        IllegalStateException e = new IllegalStateException("for id '6f1c2a3e-9b7d-4c1e-8a2f-0d3b5e7c9a11'", cause);
        e.addSuppressed(new RuntimeException("also 123456"));
        Throwable copy = LoggedErrors.of(e);
        assertThat(copy.toString()).isEqualTo("java.lang.IllegalStateException: for id '…'");
        assertThat(copy.getStackTrace()).isEqualTo(e.getStackTrace());
        assertThat(copy.getCause().toString()).isEqualTo("java.sql.SQLException: student {digits}");
        assertThat(copy.getSuppressed()[0].toString()).isEqualTo("java.lang.RuntimeException: also {digits}");
    }
}
