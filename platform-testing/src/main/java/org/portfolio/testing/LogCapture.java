package org.portfolio.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the application logs while the capture is open: every logger ({@link #ofAllLoggers}: a handler on the
 * java.util.logging root logger, which Quarkus's JBoss LogManager feeds from every category, Vert.x and Netty included),
 * for a test to hold a server to "nothing an operator must act on" while a client does something wrong (the ERRORs
 * that mattered came from Vert.x and Quarkus internals, without a request id to find them by); or one logger and those
 * below its name ({@link #of}), for a test of how often a service logs a line.
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
        logger = Logger.getLogger(name);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Starts capturing what every logger publishes; close it to stop. */
    public static LogCapture ofAllLoggers() {
        return new LogCapture("");
    }

    /** Starts capturing what the logger of this class (and any logger below its name) publishes; close it to stop. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records at {@code level} or above (JBoss's ERROR is SEVERE's 1000). */
    public List<LogRecord> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    /** The records at {@code level} or above whose message, with its parameters ({@link #formatted}), contains {@code text}. */
    public List<LogRecord> atLeast(Level level, String text) {
        return atLeast(level).stream().filter(r -> formatted(r).contains(text)).toList();
    }

    /** Each record as "LEVEL logger: message [thrown]", for an assertion's description. */
    public static List<String> describe(List<LogRecord> records) {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + formatted(r)
                + (r.getThrown() == null ? "" : " [" + r.getThrown() + "]")).toList();
    }

    /** Waits up to {@code timeout} for a record whose formatted message matches; whether one came. */
    public boolean await(Predicate<String> message, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (records.stream().anyMatch(r -> message.test(formatted(r)))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The message with its parameters (JBoss Logging's printf style, or java.util.logging's {0} style). */
    public static String formatted(LogRecord r) {
        String message = String.valueOf(r.getMessage());
        Object[] params = r.getParameters();
        if (params == null || params.length == 0) {
            return message;
        }
        try {
            return message.contains("{0") ? java.text.MessageFormat.format(message, params) : String.format(message, params);
        } catch (RuntimeException e) {
            return message + java.util.Arrays.toString(params);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
