package org.portfolio.platform.web;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.logging.AnsweredElsewhere;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log audit, sixteenth pass: a lost race was about 90 lines (Narayana's WARN with a stack trace and the entity's id,
 * Hibernate's two WARNs) on top of the one line ProblemMappers writes with its 409.
 */
@QuarkusTest
class AnsweredElsewhereTest {

    @Test
    void narayanasFlushFailureIsDroppedAndItsOtherWarningsKept() {
        AnsweredElsewhere filter = new AnsweredElsewhere();
        assertThat(filter.isLoggable(new LogRecord(Level.WARNING, "ARJUNA012125: TwoPhaseCoordinator.beforeCompletion - "
                + "failed for SynchronizationImple< … >: jakarta.persistence.OptimisticLockException … Applicant with id '…'")))
                .isFalse();
        assertThat(filter.isLoggable(new LogRecord(Level.WARNING, "ARJUNA012117: TransactionReaper::check timeout for TX"))).isTrue();
        assertThat(filter.isLoggable(new LogRecord(Level.WARNING, null))).isTrue();
    }

    @Test
    void everyServiceLogsThroughItAndHibernatesSqlErrorWarningsAreOff() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.log.console.filter", String.class)).isEqualTo(AnsweredElsewhere.NAME);
        assertThat(Logger.getLogger("org.hibernate.orm.jdbc.error").isLoggable(Level.WARNING)).isFalse();
        assertThat(Logger.getLogger("org.hibernate.orm.jdbc.error").isLoggable(Level.SEVERE)).isTrue();
        assertThat(Logger.getLogger("com.arjuna.ats.arjuna").isLoggable(Level.WARNING)).as("the reaper's warnings stay").isTrue();
    }
}
