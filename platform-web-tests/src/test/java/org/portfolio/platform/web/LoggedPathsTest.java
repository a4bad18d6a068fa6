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
}
