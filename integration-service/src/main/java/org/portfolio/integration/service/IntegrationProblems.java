package org.portfolio.integration.service;

import org.portfolio.platform.web.problem.ProblemType;

/** The integration service's own problem types (docs/errors.md). */
public final class IntegrationProblems {

    /** The webhook URL is not http(s), has credentials, does not resolve, or resolves to a refused address (SSRF guard). */
    public static final ProblemType TARGET_REFUSED =
            ProblemType.custom("webhook-target-refused", "The webhook target is not allowed", 422);
    /** The caller's roles may read no event of a type it asked for. */
    public static final ProblemType EVENT_TYPE_NOT_READABLE =
            ProblemType.custom("event-type-not-readable", "Your roles may not read events of this type", 403);

    private IntegrationProblems() {
    }
}
