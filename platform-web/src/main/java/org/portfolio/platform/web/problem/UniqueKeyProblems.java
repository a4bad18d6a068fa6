package org.portfolio.platform.web.problem;

import io.quarkus.arc.Arc;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's unique keys, each with the problem its own check answers when a request repeats a taken value
 * ({@code duplicate-applicant}, {@code duplicate-school}, …). Two requests with the same value at the same moment both
 * pass that check, and the database refuses the later one: without this, that one was told only the generic
 * {@code conflict} (twentieth pass, an outside check of races: ten applicants with one reference at once gave one 201,
 * one {@code duplicate-applicant} and eight {@code conflict}s), so a client keying on the problem's type saw two
 * answers for one rule. A service declares a bean of this type; {@link ProblemMappers} answers with the problem it
 * names, never with the value (PostgreSQL's detail, which holds it, is not read).
 */
public interface UniqueKeyProblems {

    /** The problem of each unique constraint or index, by its name in PostgreSQL (e.g. {@code applicant_external_ref_key}). */
    Map<String, ProblemType> byConstraint();

    /** PostgreSQL's message for a unique violation names the constraint: {@code … unique constraint "name"}. */
    Pattern NAMED = Pattern.compile("unique constraint \"([^\"]{1,63})\"");

    /**
     * The problem a service declared for the unique constraint a database error names, if any; empty when it names
     * none, or when the lookup fails (a service stopping): the mapper then answers the generic {@code conflict}.
     */
    static Optional<ProblemType> of(Throwable e) {
        String name = constraintName(e);
        if (name == null) {
            return Optional.empty();
        }
        try {
            if (Arc.container() == null) {
                return Optional.empty();
            }
            for (UniqueKeyProblems p : Arc.container().select(UniqueKeyProblems.class)) {
                ProblemType t = p.byConstraint().get(name);
                if (t != null) {
                    return Optional.of(t);
                }
            }
        } catch (RuntimeException lookup) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The constraint's name: the field PostgreSQL sends with the error (pgjdbc's {@code ServerErrorMessage}, never
     * translated), else the English message's quoted name (a server with other {@code lc_messages} sends that in its
     * language). Read by reflection: platform-web does not depend on the driver.
     */
    static String constraintName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                try {
                    Object message = sql.getClass().getMethod("getServerErrorMessage").invoke(sql);
                    Object constraint = message == null ? null : message.getClass().getMethod("getConstraint").invoke(message);
                    if (constraint instanceof String name && !name.isEmpty()) {
                        return name;
                    }
                } catch (ReflectiveOperationException | RuntimeException notPgjdbc) {
                    // another driver, or a wrapper: the message, below
                }
                if (sql.getMessage() != null) {
                    Matcher m = NAMED.matcher(sql.getMessage());
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
