package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.RatingTier;
import org.portfolio.autonomy.domain.SchoolRating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Schema(description = "A school's published rating for one school year, as received from performance-service",
        requiredProperties = {"schoolYear", "ratingId", "tier", "eventId", "receivedAt"})
public record RatingResponse(@Schema(examples = "2026-27") String schoolYear, UUID ratingId,
                             @Schema(examples = "MEETS") RatingTier tier, BigDecimal percent, Integer frameworkVersion,
                             Instant publishedAt,
                             @Schema(description = "CloudEvents id of the SchoolRatingPublished event", format = "uuid") String eventId,
                             Instant receivedAt) {

    static RatingResponse of(SchoolRating r) {
        return new RatingResponse(r.schoolYear(), r.ratingId, r.tier, CauseResponse.plain(r.percent), r.frameworkVersion,
                r.publishedAt, r.eventId, r.receivedAt);
    }
}
