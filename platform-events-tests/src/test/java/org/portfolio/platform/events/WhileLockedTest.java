package org.portfolio.platform.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.Races;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * platform-testing's {@link Races#whileLocked}, which the services' race tests rely on to make their requests meet
 * (here: the platform's test module with a database). A request that does not wait behind the held lock fails the
 * test: before, it was quietly answered and the next sent after it, so a race test passed on code that had lost its
 * lock (an outside audit of the tests, twenty-first pass).
 */
@QuarkusTest
class WhileLockedTest {

    private static final String HOLD = "select pg_advisory_xact_lock(872101)";

    @Inject
    AgroalDataSource dataSource;

    private Callable<String> waitingFor(String answer) {
        return () -> {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute(HOLD);
                c.rollback();
                return answer;
            }
        };
    }

    @Test
    void requestsQueuedBehindTheLockAreAnsweredOnceItIsLetGoInTheOrderSent() throws Exception {
        assertThat(Races.whileLocked(dataSource, HOLD, List.of(), List.of(waitingFor("first"), waitingFor("second"))))
                .containsExactly("first", "second");
    }

    @Test
    void aRequestThatDoesNotWaitForTheLockFailsTheTest() {
        Callable<String> takesNoLock = () -> "answered at once";
        assertThatThrownBy(() -> Races.whileLocked(dataSource, HOLD, List.of(), List.of(waitingFor("first"), takesNoLock)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("request 1 did not wait")
                .hasMessageContaining("answered at once");
    }
}
