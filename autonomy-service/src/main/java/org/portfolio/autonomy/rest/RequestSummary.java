package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.AutonomyRequest;
import org.portfolio.autonomy.domain.RequestStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "A request in a list (read one for its justification and steps)",
        requiredProperties = {"id", "schoolId", "domain", "decisions", "title", "startDate", "endDate", "status", "submittedAt"})
public record RequestSummary(UUID id, UUID schoolId, AutonomyDomain domain, List<String> decisions, String title,
                             LocalDate startDate, LocalDate endDate, RequestStatus status, Instant submittedAt,
                             Instant decidedAt, UUID grantId) {

    static RequestSummary of(AutonomyRequest r) {
        return new RequestSummary(r.id, r.schoolId, r.domain, r.decisions, r.title, r.startDate, r.endDate, r.status,
                r.submittedAt, r.decidedAt, r.grantId);
    }
}
