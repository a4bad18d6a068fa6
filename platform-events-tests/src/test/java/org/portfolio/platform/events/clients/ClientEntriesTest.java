package org.portfolio.platform.events.clients;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientEntriesTest {

    static final Instant CREATED = Instant.parse("2026-09-01T08:00:00.123456789Z");

    static ClientChanged change(String id, boolean enabled, int generation, long version, Instant createdAt) {
        return new ClientChanged(id, enabled, generation, List.of("SIS"), List.of("s1"), version, createdAt, Instant.now());
    }

    @Test
    void theHighestVersionWinsWhateverTheOrder() {
        ClientEntries e = new ClientEntries();
        assertThat(e.apply(change("a", false, 3, 5, CREATED))).isTrue();
        assertThat(e.apply(change("a", true, 1, 2, CREATED))).isFalse();
        assertThat(e.apply(change("a", false, 3, 5, CREATED))).as("the same version again").isFalse();
        assertThat(e.find("a")).get().extracting(ClientEntry::version, ClientEntry::enabled).containsExactly(5L, false);
        assertThat(e.apply(change("a", true, 3, 6, CREATED))).isTrue();
        assertThat(e.find("a").get().enabled()).isTrue();
    }

    @Test
    void aClientCreatedAgainUnderTheSameIdWinsOverEveryVersionOfTheOldOne() {
        ClientEntries e = new ClientEntries();
        e.apply(change("cl_bootstrap_admin", true, 7, 40, CREATED));
        assertThat(e.apply(change("cl_bootstrap_admin", true, 0, 0, CREATED.plusSeconds(86_400)))).isTrue();
        assertThat(e.find("cl_bootstrap_admin").get().tokenGeneration()).isZero();
        assertThat(e.apply(change("cl_bootstrap_admin", false, 9, 41, CREATED))).as("the old creation").isFalse();
    }

    @Test
    void theCreationTimeIsComparedInMillisecondsSoTheDatabasesMicrosecondsMatchTheFirstEventsNanoseconds() {
        ClientEntries e = new ClientEntries();
        e.apply(change("b", true, 0, 0, CREATED));
        assertThat(e.apply(change("b", false, 1, 1, Instant.parse("2026-09-01T08:00:00.123456Z")))).isTrue();
        assertThat(e.find("b").get().enabled()).isFalse();
    }

    @Test
    void anIncompleteChangeIsRefused() {
        assertThatThrownBy(() -> new ClientEntries().apply(new ClientChanged("c", null, 0, List.of(), List.of(), 1L, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClientEntries().find(null)).isEmpty();
    }
}
