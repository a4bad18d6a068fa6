package org.portfolio.contracts.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.MonthDay;
import java.time.ZoneId;

/** Settings of contracts-service ({@code portfolio.contracts.*}). */
@ConfigMapping(prefix = "portfolio.contracts")
public interface ContractsConfig {

    /** The longest contract term, in school years (charter terms are commonly up to five years). */
    @WithDefault("5")
    int maxTermYears();

    /** The last day of every school year, {@code MM-dd}: contracts expire after it in their last term year. */
    @WithDefault("06-30")
    String schoolYearLastDay();

    /** The district's time zone: what "today" means for effective dates and expiry. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /**
     * How often a scheduled run of the clock or the expiry job that failed as a whole (the database away) is tried
     * again, until it runs (read by their {@code @Scheduled} retry).
     */
    @WithDefault("1m")
    java.time.Duration missedRunRetry();

    Expiry expiry();

    Clock clock();

    interface Clock {
        /**
         * When the accountability clock runs (Quarkus cron; {@code off} disables it; it also runs on
         * {@code POST /api/contracts/clock/runs}). Hourly at :15 by default.
         */
        @WithDefault("0 15 * * * ?")
        String cron();
    }

    interface Expiry {
        /** When the expiry job runs (Quarkus cron; {@code off} disables it). Daily at 00:05 by default. */
        @WithDefault("0 5 0 * * ?")
        String cron();
    }

    default MonthDay lastDay() {
        return MonthDay.parse("--" + schoolYearLastDay());
    }
}
