package org.portfolio.contracts.service;

import io.quarkus.scheduler.Scheduled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expiry job's "just after midnight" is the district's midnight, in the zone {@code SchoolCalendar.today()} counts
 * in, not the JVM's (hostile review of 2026-12-05, sixth pass: a Chicago district on a UTC machine had its contracts
 * end at 19:05 local time the day after their last day).
 */
class ContractExpiryScheduleTest {

    @Test
    void theExpiryJobRunsAtMidnightInTheDistrictsTimeZone() throws Exception {
        Scheduled schedule = ContractExpiryJob.class.getDeclaredMethod("scheduled").getAnnotation(Scheduled.class);
        assertThat(schedule.cron()).isEqualTo("${portfolio.contracts.expiry.cron:0 5 0 * * ?}");
        assertThat(schedule.timeZone()).isEqualTo("${portfolio.contracts.time-zone}");
    }
}
