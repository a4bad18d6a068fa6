package org.portfolio.autonomy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The answer to "may school S take decision D on date T?": yes/no, who decides, and the basis — the grant that
 * allows it, or the grant (status, since when, stored cause) or absence of one that explains why not.
 *
 * @param grant       the grant the answer rests on (null for NO_GRANT and DECISION_RETIRED)
 * @param grantStatus the grant's status on the date (it may differ from its status today for past dates)
 * @param since       when the grant got that status
 * @param cause       the stored cause of that status
 */
public record RightsAnswer(UUID schoolId, DecisionInfo decision, LocalDate date, boolean allowed, DecidedBy decidedBy,
                           RightsReason reason, GrantSnapshot grant, GrantStatus grantStatus, Instant since,
                           CauseInfo cause, String explanation) {
}
