package org.portfolio.autonomy.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.MonthDay;
import java.time.ZoneId;

/** Settings of the autonomy service ({@code portfolio.autonomy.*}). */
@ConfigMapping(prefix = "portfolio.autonomy")
public interface AutonomyConfig {

    /** The district's time zone: what "today" means for the decision-rights check and effective dates. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** First day of a school year, {@code --MM-DD}: "2026-27" runs from 2026-07-01 to 2027-06-30 by default. */
    @WithDefault("--07-01")
    MonthDay schoolYearStart();

    /**
     * How long grants of a RENEWED contract stay in force past their term while the successor contract's
     * activation has not arrived (then they end with TERM_ENDED).
     */
    @WithDefault("P60D")
    Duration renewalGrace();

    RightsCache rightsCache();

    TermCheck termCheck();

    interface RightsCache {
        /** Answer the decision-rights check from memory (invalidated on every change, across replicas). */
        @WithDefault("true")
        boolean enabled();

        /** Upper bound on how long an entry is trusted even without an invalidation (belt and braces). */
        @WithDefault("10m")
        Duration ttl();

        /** PostgreSQL LISTEN/NOTIFY channel that tells every replica which school's rights changed. */
        @WithDefault("autonomy_rights")
        String channel();
    }

    interface TermCheck {
        /** How often grants whose effective dates ran out are ended (read by the scheduler). */
        @WithDefault("1h")
        String every();

        /** Delay of the first run after start-up. */
        @WithDefault("30s")
        String delay();

        /** Grants per transaction when ending grants whose effective dates ran out. */
        @WithDefault("200")
        int batchSize();
    }
}
