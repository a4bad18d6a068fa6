package org.portfolio.gateway.service;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SchoolMembershipBackfillTest {

    @Test
    void theFirstTriesComeSoonAfterStartThenEveryThirtySeconds() {
        assertThat(IntStream.rangeClosed(1, 8).mapToLong(SchoolMembershipBackfill::delayAfter).boxed().toList())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    /** A healthy start, contracts-service answering within a minute of the gateway, logs no WARN (twentieth pass). */
    @Test
    void failuresAreOnlyWarnedAboutAfterAMinuteOfWaiting() {
        long waited = 0;
        int quiet = 0;
        for (int attempt = 1; SchoolMembershipBackfill.quietWhile(waited); attempt++) {
            quiet++;
            waited += SchoolMembershipBackfill.delayAfter(attempt);
        }
        assertThat(quiet).as("failures logged at INFO: after 0, 1, 3, 7, 15 and 31 s of waiting").isEqualTo(6);
        assertThat(waited).isEqualTo(61);
    }
}
