package org.portfolio.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log records a logger (and its children) publishes while the capture is open, for tests that assert what a
 * service logs: how often, at which level, with or without a stack trace. Quarkus's log manager is JBoss's, which
 * hands records to java.util.logging handlers of the logger's name.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Captures what the logger of this class (and any logger below its name) publishes. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    /** Captures what the logger of this name (and any logger below it; "" for every logger) publishes. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** The records published so far. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records published so far at {@code level} or above whose message (its format, unformatted) contains {@code text}. */
    public List<LogRecord> atLeast(Level level, String text) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .filter(r -> r.getMessage() != null && r.getMessage().contains(text)).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
