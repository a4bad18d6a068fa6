package org.portfolio.platform.web.http;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An exception as a log line may carry it: the same classes, cause chain and stack frames, with every message's values
 * masked, since a message may quote the data it failed on (Hibernate names an entity's id — an applicant's, a child's —
 * a driver or a parser quotes a value). Masked: UUIDs, e-mail addresses, quoted text, and runs of five or more digits
 * (student ids). Class names and frames stay, so an operator still sees what failed where. Review of 2026-12-06
 * (seventh pass, open; eighth pass, fixed): a 500's stack trace and enrollment's expiry job logged messages as they were.
 */
public final class LoggedErrors {

    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    /**
     * Single quotes: from the first to the last on the line (a name like O'Brien masked whole), or to the end of the
     * line when none closes it (a message cut in a quote); double quotes likewise, to the next one.
     */
    private static final Pattern QUOTED = Pattern.compile("'[^\\n]*'|'[^\\n]*$|\"[^\"\\n]*\"|\"[^\\n]*$",
            Pattern.MULTILINE);
    /** A database identifier the way PostgreSQL quotes one (relation "contract", constraint "program_identity"). */
    private static final Pattern IDENTIFIER = Pattern.compile("\"[a-z_][a-z0-9_]{0,62}\"");
    private static final Pattern DIGITS = Pattern.compile("\\d{5,}");
    private static final int MAX_MESSAGE = 2_000;
    private static final int MAX_DEPTH = 20;

    private LoggedErrors() {
    }

    /** A copy of {@code t} fit for a log: each message of its chain (and of what it suppressed) masked. */
    public static Throwable of(Throwable t) {
        return t == null ? null : copy(t, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    /** A message masked as {@link #of} masks each one (null stays null). */
    public static String mask(String message) {
        if (message == null) {
            return null;
        }
        // cut first, then mask: a quote opened before the cut is masked to the end
        String m = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
        m = UUID.matcher(m).replaceAll("{uuid}");
        m = EMAIL.matcher(m).replaceAll("{email}");
        m = QUOTED.matcher(m).replaceAll(q -> IDENTIFIER.matcher(q.group()).matches()
                ? java.util.regex.Matcher.quoteReplacement(q.group()) : "'…'");
        return DIGITS.matcher(m).replaceAll("{digits}");
    }

    /** The innermost cause's class and masked message. */
    public static String rootSummary(Throwable t) {
        Throwable root = t;
        for (int i = 0; i < MAX_DEPTH && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        String m = mask(root.getMessage());
        return root.getClass().getName() + (m == null ? "" : ": " + m);
    }

    private static Throwable copy(Throwable t, Set<Throwable> seen, int depth) {
        seen.add(t);
        Throwable cause = t.getCause();
        Masked copy = new Masked(t.getClass().getName(), mask(t.getMessage()),
                cause == null || depth >= MAX_DEPTH || seen.contains(cause) ? null : copy(cause, seen, depth + 1));
        copy.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            if (!seen.contains(s) && depth < MAX_DEPTH) {
                copy.addSuppressed(copy(s, seen, depth + 1));
            }
        }
        return copy;
    }

    /** Prints as the original would ({@code class: message}), with the message masked. */
    static final class Masked extends RuntimeException {

        private final String className;

        Masked(String className, String message, Throwable cause) {
            super(message, cause, true, true);
            this.className = className;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // the original's frames are set instead
        }

        @Override
        public String toString() {
            String m = getMessage();
            return m == null ? className : className + ": " + m;
        }
    }
}
