package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.AutonomyRequest;
import org.portfolio.autonomy.domain.RequestStatus;
import org.portfolio.autonomy.domain.RequestStep;
import org.portfolio.autonomy.domain.RequestStepKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "A programmatic autonomy request with every step of its review",
        requiredProperties = {"id", "schoolId", "domain", "decisions", "title", "justification", "expectedOutcomes", "startDate", "endDate", "status", "submittedBy", "submittedAt", "version", "steps"})
public record RequestResponse(
        UUID id, UUID schoolId, AutonomyDomain domain, List<String> decisions, String title, String justification,
        List<String> expectedOutcomes, LocalDate startDate, LocalDate endDate,
        @Schema(examples = "UNDER_REVIEW") RequestStatus status,
        @Schema(description = "Client id of who submitted it") String submittedBy, Instant submittedAt,
        @Schema(description = "Client id of who approved, denied or withdrew it, or \"system\" for a cancellation (absent while open)")
        String decidedBy,
        @Schema(description = "When it was decided, withdrawn or cancelled (absent while open)") Instant decidedAt,
        @Schema(description = "The reviewer's rationale, or the reason of a withdrawal or cancellation") String rationale,
        @Schema(description = "The grant an approval created (absent unless APPROVED)") UUID grantId,
        @Schema(description = "Also the ETag; send it as If-Match with a step") long version,
        @Schema(description = "Every step, oldest first") List<Step> steps) {

    @Schema(description = "One step of the review", requiredProperties = {"id", "at", "kind", "toStatus", "actor"})
    public record Step(long id, Instant at, @Schema(examples = "COMMENTED") RequestStepKind kind,
                       @Schema(description = "The status before the step; absent on the first step (the submission)")
                       RequestStatus fromStatus,
                       RequestStatus toStatus,
                       @Schema(description = "Client id of who took the step, or \"system\"") String actor,
                       @Schema(description = "The most senior role the actor held (absent for system steps)",
                               enumeration = {"DISTRICT_ADMIN", "OVERSIGHT", "SCHOOL_LEADER"}) String actorRole,
                       @Schema(description = "The comment, note, rationale or reason of the step (absent when none was given)")
                       String text) {
        static Step of(RequestStep s) {
            return new Step(s.id, s.at, s.kind, s.fromStatus, s.toStatus, s.actor, s.actorRole, s.text);
        }
    }

    static RequestResponse of(AutonomyRequest r, List<RequestStep> steps) {
        return new RequestResponse(r.id, r.schoolId, r.domain, r.decisions, r.title, r.justification,
                r.expectedOutcomes, r.startDate, r.endDate, r.status, r.submittedBy, r.submittedAt, r.decidedBy,
                r.decidedAt, r.rationale, r.grantId, r.version, steps.stream().map(Step::of).toList());
    }
}
