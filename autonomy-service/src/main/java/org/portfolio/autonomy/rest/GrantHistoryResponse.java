package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.GrantAction;
import org.portfolio.autonomy.domain.GrantHistory;
import org.portfolio.autonomy.domain.GrantStatus;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "One change of a grant, with its stored cause",
        requiredProperties = {"id", "grantId", "schoolId", "at", "action", "toStatus", "cause"})
public record GrantHistoryResponse(
        long id, UUID grantId, UUID schoolId, Instant at,
        @Schema(examples = "REVOKED") GrantAction action,
        @Schema(description = "The status before the change; absent for the grant's creation") GrantStatus fromStatus,
        GrantStatus toStatus,
        CauseResponse cause) {

    static GrantHistoryResponse of(GrantHistory h) {
        return new GrantHistoryResponse(h.id, h.grantId, h.schoolId, h.at, h.action, h.fromStatus, h.toStatus,
                CauseResponse.of(h.cause));
    }
}
