package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.Offer;
import org.portfolio.enrollment.domain.OfferStatus;
import org.portfolio.enrollment.domain.PriorityGroup;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "A seat offered to an applicant", requiredProperties = {"id", "periodId", "applicantId", "programId",
        "choiceRank", "block", "priorityGroup", "lottery", "source", "status", "deadline", "createdAt"})
public record OfferResponse(UUID id, UUID periodId, UUID applicantId, UUID programId,
                            @Schema(description = "1 = first choice") int choiceRank,
                            @Schema(description = "Seat block: 0 = open seats, k = the program's k-th set-aside") int block,
                            @Schema(description = "The applicant's priority group at the program") PriorityGroup priorityGroup,
                            @Schema(description = "The applicant's lottery number (lower is better)") double lottery,
                            @Schema(description = "Made by the match, or from the waitlist when a seat was freed",
                                    enumeration = {Offer.FROM_MATCH, Offer.FROM_WAITLIST}) String source,
                            OfferStatus status, Instant deadline, Instant createdAt,
                            @Schema(description = "When it was accepted, declined, expired or released (absent while OFFERED)") Instant respondedAt) {

    static OfferResponse of(Offer o) {
        return o == null ? null : new OfferResponse(o.id, o.periodId, o.applicantId, o.programId, o.choiceRank, o.block,
                PriorityGroup.valueOf(o.priorityGroup), o.lottery, o.source, o.status, o.deadline, o.createdAt, o.respondedAt);
    }
}
