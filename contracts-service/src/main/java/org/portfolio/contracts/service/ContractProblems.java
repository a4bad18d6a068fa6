package org.portfolio.contracts.service;

import org.portfolio.platform.web.problem.ProblemType;

/** The contract life cycle's own problem types (docs/errors.md). */
public final class ContractProblems {

    public static final ProblemType ACTIVE_CONTRACT_EXISTS =
            ProblemType.custom("active-contract-exists", "The school already has an active contract", 409);
    public static final ProblemType CONTRACT_STATUS_CONFLICT =
            ProblemType.custom("contract-status-conflict", "The contract's status does not allow this", 409);
    public static final ProblemType SCHOOL_STATUS_CONFLICT =
            ProblemType.custom("school-status-conflict", "The school's status does not allow this", 409);

    private ContractProblems() {
    }
}
