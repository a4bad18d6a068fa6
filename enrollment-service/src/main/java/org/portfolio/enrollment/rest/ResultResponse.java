package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.ChoiceOutcome;
import org.portfolio.enrollment.domain.PeriodStatus;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.service.ResultService;

import java.util.List;
import java.util.UUID;

@Schema(description = "An applicant's result: the offer, the waitlists and why, choice by choice",
        requiredProperties = {"periodId", "applicantId", "periodStatus", "offerHistory", "choices"})
public record ResultResponse(UUID periodId, UUID applicantId, PeriodStatus periodStatus,
                             @Schema(description = "The applicant's lottery number in this period (lower is better)") Double lottery,
                             @Schema(description = "The offer the applicant holds now (absent if none)") OfferResponse offer,
                             @Schema(description = "Every offer made to the applicant in this period, oldest first")
                             List<OfferResponse> offerHistory,
                             List<ChoiceResult> choices) {

    @Schema(description = "One ranked choice and what became of it", requiredProperties = {"rank", "programId", "programName",
            "schoolId", "outcome", "explanation"})
    public record ChoiceResult(@Schema(description = "1 = first choice") int rank, UUID programId, String programName, UUID schoolId,
                               ChoiceOutcome outcome,
                               @Schema(description = "The applicant's priority group here (absent when neither offered a seat nor "
                                       + "on the waitlist)") PriorityGroup priorityGroup,
                               @Schema(description = "Position on the waitlist, from 1 (only while WAITLISTED)") Long waitlistPosition,
                               @Schema(description = "Why, in words: the last seat's group and lottery against the applicant's")
                               String explanation) {
        static ChoiceResult of(ResultService.ChoiceResult c) {
            return new ChoiceResult(c.rank(), c.programId(), c.programName(), c.schoolId(), c.outcome(), c.priorityGroup(),
                    c.waitlistPosition(), c.explanation());
        }
    }

    static ResultResponse of(ResultService.ApplicantResult r) {
        return new ResultResponse(r.periodId(), r.applicantId(), r.periodStatus(), r.lottery(), OfferResponse.of(r.offer()),
                r.history().stream().map(OfferResponse::of).toList(), r.choices().stream().map(ChoiceResult::of).toList());
    }
}
