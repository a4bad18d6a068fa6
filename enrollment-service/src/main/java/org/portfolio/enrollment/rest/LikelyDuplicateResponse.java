package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.service.LikelyDuplicateService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "Applicants of the period who are likely one child entered twice: the same birth date and the same "
        + "two names, compared by their letters and digits (case, accents, spaces, hyphens, apostrophes ignored), in either "
        + "order. A hint, never a decision: read each applicant, and withdraw the application of a record that should not "
        + "be there while the period is OPEN", requiredProperties = {"count", "applicants"})
public record LikelyDuplicateResponse(
        @Schema(description = "How many applicants share the birth date and names", examples = "2", minimum = "2") int count,
        @Schema(description = "The first 50 of them by external reference; no names or birth dates (read an applicant "
                + "with GET /api/enrollment/applicants/{id})", maxItems = LikelyDuplicateService.LISTED_PER_GROUP)
        List<Entry> applicants) {

    @Schema(name = "LikelyDuplicateApplicant", description = "An applicant of the group", requiredProperties = {"applicantId", "externalRef", "submittedAt"})
    public record Entry(UUID applicantId,
                        @Schema(description = "The district's student number or the enrollment office's reference") String externalRef,
                        @Schema(description = "When its application in the period was first submitted") Instant submittedAt) {
    }

    static LikelyDuplicateResponse of(LikelyDuplicateService.Group g) {
        return new LikelyDuplicateResponse(g.count(), g.applicants().stream()
                .map(m -> new Entry(m.applicantId(), m.externalRef(), m.submittedAt())).toList());
    }
}
