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
                "shared_preload_libraries=pg_stat_statements,auto_explain; auto_explain.log_min_duration = 40;"))
                .containsExactly(
                        java.util.Map.entry("shared_preload_libraries", "pg_stat_statements,auto_explain"),
                        java.util.Map.entry("auto_explain.log_min_duration", "40"));
    }

    @Test
    void somethingThatIsNotASettingIsRefused() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("fsync"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fsync");
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("-c fsync=off"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
