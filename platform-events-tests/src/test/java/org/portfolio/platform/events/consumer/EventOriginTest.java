package org.portfolio.platform.events.consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure rules: who owns a topic, and which SQL states mean "the database is unreachable". */
class EventOriginTest {

    @Test
    void aTopicBelongsToTheServiceItIsNamedAfter() {
        assertThat(EventOrigin.ownerOf("contracts.events")).isEqualTo("contracts");
        assertThat(EventOrigin.ownerOf("contracts.events.dlq")).isNull();
        assertThat(EventOrigin.ownerOf("events")).isNull();
        assertThat(EventOrigin.ownerOf("Contracts.events")).isNull();
    }

    @Test
    void onlyTheOwnersTypeAndSourcePass() {
        assertThatCode(() -> EventOrigin.check("contracts.events",
                event("portfolio.contracts.BenchmarkEvaluated.v1", "/contracts"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> EventOrigin.check("contracts.events",
                event("portfolio.contracts.BenchmarkEvaluated.v1", "/outsider")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("source /outsider, not /contracts");
        assertThatThrownBy(() -> EventOrigin.check("contracts.events",
                event("portfolio.contracts.BenchmarkEvaluated.v1", null))).hasMessageContaining("source null");
        assertThatThrownBy(() -> EventOrigin.check("autonomy.events",
                event("portfolio.contracts.BenchmarkEvaluated.v1", "/contracts"))).hasMessageContaining("only autonomy publishes");
        // a look-alike prefix is not the owner's type
        assertThatThrownBy(() -> EventOrigin.check("contracts.events",
                event("portfolio.contractsx.BenchmarkEvaluated.v1", "/contracts"))).isInstanceOf(PoisonEventException.class);
    }

    @Test
    void anAttackersTextIsBoundedAndPrintableInTheError() {
        String source = "/" + "x".repeat(5000);
        assertThatThrownBy(() -> EventOrigin.check("contracts.events", event("portfolio.contracts.A.v1", source)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        String type = "portfolio.evil\nFAKE LOG LINE\u0000" + "y".repeat(5000);
        assertThatThrownBy(() -> EventOrigin.check("contracts.events", event(type, "/contracts")))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\n").doesNotContain("\u0000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03", "53300", "25P03"})
    void statesOfAnUnreachableDatabaseAreAnOutage(String state) {
        assertThat(DatabaseOutage.isOutage(new IllegalStateException(new SQLException("x", state)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "40001", "40P01", "22003", "57014"})
    void otherStatesAreNot(String state) {
        assertThat(DatabaseOutage.isOutage(new IllegalStateException(new SQLException("x", state)))).isFalse();
    }

    @Test
    void theStateDecidesNotTheClassOrTheMessage() {
        assertThat(DatabaseOutage.isOutage(new SQLTransientConnectionException("Acquisition timeout"))).isFalse();
        SQLException chained = new SQLException("batch failed", "XX000");
        chained.setNextException(new SQLException("connection lost", "08006"));
        assertThat(DatabaseOutage.isOutage(chained)).isTrue();
    }

    private static IncomingEvent event(String type, String source) {
        return new IncomingEvent("id-1", type, source == null ? null : URI.create(source), "s", null, null, new byte[0]);
    }
}
