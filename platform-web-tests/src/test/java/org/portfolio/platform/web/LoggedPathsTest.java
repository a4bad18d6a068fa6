package org.portfolio.platform.web;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.http.LoggedPaths;

import static org.assertj.core.api.Assertions.assertThat;

class LoggedPathsTest {

    @Test
    void anApplicantsIdNeverReachesALogLine() {
        assertThat(LoggedPaths.of("/api/enrollment/periods/7c1e/applications/a-1b2c3d/result"))
                .isEqualTo("/api/enrollment/periods/7c1e/applications/{applicantId}/result");
        assertThat(LoggedPaths.of("/api/enrollment/periods/7c1e/applications/a-1b2c3d"))
                .isEqualTo("/api/enrollment/periods/7c1e/applications/{applicantId}");
        assertThat(LoggedPaths.of("/api/enrollment/periods/7c1e/applications")).isEqualTo("/api/enrollment/periods/7c1e/applications");
        assertThat(LoggedPaths.of("/api/enrollment/applicants/a-1b2c3d")).isEqualTo("/api/enrollment/applicants/{applicantId}");
        assertThat(LoggedPaths.of("/api/schools/5eeb")).isEqualTo("/api/schools/5eeb");
        assertThat(LoggedPaths.of(null)).isEqualTo("?");
    }

    /**
     * Log audit, sixteenth pass: the path is the caller's decoded text, so a CR/LF ({@code %0d%0a}) started a forged
     * log line, and a matrix parameter hid the applicant's id from the mask.
     */
    @Test
    void aPathCannotForgeALogLineNorHideAnApplicantBehindAMatrixParameter() {
        assertThat(LoggedPaths.of("/api/schools/x\r\n2026-12-06 23:59:59,000 INFO  [forged] all clear"))
                .isEqualTo("/api/schools/x\\u000d\\u000a2026-12-06 23:59:59,000 INFO  [forged] all clear")
                .doesNotContain("\n").doesNotContain("\r");
        assertThat(LoggedPaths.of("/a\u001b[31mred\u2028b\u202ec")).isEqualTo("/a\\u001b[31mred\\u2028b\\u202ec");
        assertThat(LoggedPaths.of("/api/enrollment/applicants;v=1/a-1b2c3d")).isEqualTo("/api/enrollment/applicants/{applicantId}");
        assertThat(LoggedPaths.of("/api/enrollment/periods/7c1e/Applications/a-1b2c3d")).isEqualTo("/api/enrollment/periods/7c1e/Applications/{applicantId}");
        String longPath = "/api/schools/" + "x".repeat(5_000);
        assertThat(LoggedPaths.of(longPath)).hasSize(301).endsWith("x…");
        assertThat(LoggedPaths.of("/api/schools/" + "x".repeat(287))).hasSize(300).doesNotEndWith("…");
    }

    /**
     * Hostile review of the sixteenth pass: the cut split a surrogate pair, a supplementary FORMAT character (a tag)
     * passed unescaped, a path cut because its escapes grew it had no "…", and the search was logged as an id.
     */
    @Test
    void cutsWholeCharactersEscapesTagsMarksEveryCutAndKeepsTheSearchReadable() {
        String emoji = new String(Character.toChars(0x1F600));
        String cut = LoggedPaths.of("/" + "x".repeat(298) + emoji + "tail");
        assertThat(cut).endsWith("…");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).as("no half of a pair before the mark").isFalse();
        assertThat(LoggedPaths.of("/a" + new String(Character.toChars(0xE0041)) + "b")).isEqualTo("/a\\ue0041b");
        assertThat(LoggedPaths.of("/a\ud800b")).isEqualTo("/a\\ud800b");
        assertThat(LoggedPaths.of("/" + "\n".repeat(200))).endsWith("…");
        assertThat(LoggedPaths.of("/api/enrollment/applicants/search")).isEqualTo("/api/enrollment/applicants/search");
        assertThat(LoggedPaths.of("/api/enrollment/applicants/searching-for-a-child")).isEqualTo("/api/enrollment/applicants/{applicantId}");
    }
}
