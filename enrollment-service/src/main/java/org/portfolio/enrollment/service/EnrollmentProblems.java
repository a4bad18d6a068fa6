package org.portfolio.enrollment.service;

import org.portfolio.platform.web.problem.ProblemType;

/** Enrollment's own problem types (docs/errors.md). */
public final class EnrollmentProblems {

    public static final ProblemType INVALID_TRANSITION =
            ProblemType.custom("invalid-period-transition", "The period cannot make this transition now", 409);
    public static final ProblemType PERIOD_NOT_OPEN =
            ProblemType.custom("period-not-open", "The period's application window is not open", 409);
    public static final ProblemType PROGRAMS_LOCKED =
            ProblemType.custom("programs-locked", "Programs cannot change after the window closed", 409);
    public static final ProblemType DUPLICATE_PROGRAM =
            ProblemType.custom("duplicate-program", "This school already has this program in the period", 409);
    public static final ProblemType DUPLICATE_APPLICANT =
            ProblemType.custom("duplicate-applicant", "An applicant with this reference exists", 409);
    public static final ProblemType APPLICANT_BEING_MATCHED = ProblemType.custom("applicant-being-matched",
            "The applicant's match data is fixed while a period it applied in is closed and not yet published", 409);
    public static final ProblemType TOO_MANY_PROGRAMS = ProblemType.custom("too-many-programs",
            "The period has as many programs as one round can publish", 409);
    public static final ProblemType OFFER_DEADLINE_PASSED = ProblemType.custom("offer-deadline-passed",
            "The period's offer deadline has passed", 409);
    public static final ProblemType PROGRAM_EXCLUDES_APPLICANTS = ProblemType.custom("program-excludes-applicants",
            "The change would make children who chose the program ineligible for it", 409);
    public static final ProblemType PROGRAM_HAS_APPLICATIONS = ProblemType.custom("program-has-applications",
            "Children chose the program at its school: it cannot move to another school", 409);
    public static final ProblemType PROGRAM_CONTINUES_EARLIER_ROUND = ProblemType.custom("program-continues-earlier-round",
            "The program continues one of the previous round at its school and grade: it cannot move", 409);
    public static final ProblemType MAX_CHOICES_BELOW_APPLICATIONS = ProblemType.custom("max-choices-below-applications",
            "A submitted application ranks more programs than the new maxChoices", 409);
    public static final ProblemType TOO_MANY_RUNS = ProblemType.custom("too-many-match-runs",
            "The period has been matched as many times as it may be", 409);
    public static final ProblemType INVALID_CHOICES =
            ProblemType.custom("invalid-choices", "The ranked choices cannot be accepted", 422);
    public static final ProblemType HOLDS_OFFER =
            ProblemType.custom("holds-offer", "The applicant holds an offer from an earlier round", 409);
    public static final ProblemType OFFER_CLOSED =
            ProblemType.custom("offer-not-open", "The offer cannot be answered in its current state", 409);
    public static final ProblemType NOT_PUBLISHED =
            ProblemType.custom("results-not-published", "The period's results are not published", 409);

    private EnrollmentProblems() {
    }
}
