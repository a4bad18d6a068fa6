package org.portfolio.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PORTFOLIO_PG_SETTINGS: extra server settings for diagnostics (the benchmarks load pg_stat_statements with it). */
class PostgresExtraSettingsTest {

    @Test
    void unsetOrBlankAddsNothing() {
        assertThat(EmbeddedPostgresServer.extraSettings(null)).isEmpty();
        assertThat(EmbeddedPostgresServer.extraSettings("  ")).isEmpty();
    }

    @Test
    void namesAndValuesSeparatedBySemicolonsKeepTheirCommas() {
        assertThat(EmbeddedPostgresServer.extraSettings(
                "shared_preload_libraries=pg_stat_statements,pg_prewarm; pg_stat_statements.max = 2000;"))
                .containsExactly(
                        java.util.Map.entry("shared_preload_libraries", "pg_stat_statements,pg_prewarm"),
                        java.util.Map.entry("pg_stat_statements.max", "2000"));
    }

    /** The databases stay on loopback and durable, and no setting writes statements or their values to the log. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"listen_addresses=*", "port=5433", "fsync=off",
            "synchronous_commit=off", "full_page_writes=off", "log_statement=all", "LOG_MIN_DURATION_STATEMENT=0",
            "log_error_verbosity=verbose", "log_min_error_statement=error", "debug_print_parse=on",
            "auto_explain.log_min_duration=0", "logging_collector=on", "session_preload_libraries=auto_explain"})
    void whatKeepsDataOffTheLogAndTheNetworkCannotBeChanged(String setting) {
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("shared_preload_libraries=pg_stat_statements;" + setting))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not be changed");
    }

    @Test
    void somethingThatIsNotASettingIsRefused() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("fsync"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fsync");
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("-c fsync=off"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
