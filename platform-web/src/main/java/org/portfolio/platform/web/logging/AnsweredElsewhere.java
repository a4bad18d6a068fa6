package org.portfolio.platform.web.logging;

import io.quarkus.logging.LoggingFilter;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops the log records a library writes about a failure that reaches the service's own code, which answers and logs
 * it once, masked (ProblemMappers, LoggedErrors): Narayana's ARJUNA012125 (a flush before commit failed: an optimistic
 * lock lost to a concurrent writer, a unique key taken at the same moment), a WARN with a 60-line stack trace, the
 * statement and the entity's id unmasked ({@code Applicant with id '…'} is a child's), for what the caller gets as a 409
 * (log audit, sixteenth pass: about 90 lines per race). Narayana's other warnings (the transaction reaper's timeouts)
 * stay. The console handler applies it ({@code quarkus.log.console.filter}, platform-web's defaults).
 */
@LoggingFilter(name = AnsweredElsewhere.NAME)
public final class AnsweredElsewhere implements Filter {

    public static final String NAME = "portfolio-answered-elsewhere";

    /** Message ids of records the service's own code logs again when the failure reaches it. */
    private static final String[] DROPPED = {"ARJUNA012125"};

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return true;
        }
        for (String id : DROPPED) {
            if (message.startsWith(id)) {
                return false;
            }
        }
        return true;
    }
}
