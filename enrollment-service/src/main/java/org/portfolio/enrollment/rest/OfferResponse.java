package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.Offer;
import org.portfolio.enrollment.domain.OfferStatus;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "A seat offered to an applicant")
public record OfferResponse(UUID id, UUID periodId, UUID applicantId, UUID programId,
                            @Schema(description = "1 = first choice") int choiceRank,
                            @Schema(description = "Seat block: 0 = open seats, k = the program's k-th set-aside") int block,
                            String priorityGroup, double lottery,
                            @Schema(description = "MATCH or WAITLIST") String source, OfferStatus status, Instant deadline,
                            Instant createdAt, Instant respondedAt) {

    static OfferResponse of(Offer o) {
        return o == null ? null : new OfferResponse(o.id, o.periodId, o.applicantId, o.programId, o.choiceRank, o.block,
                o.priorityGroup, o.lottery, o.source, o.status, o.deadline, o.createdAt, o.respondedAt);
    }
}
