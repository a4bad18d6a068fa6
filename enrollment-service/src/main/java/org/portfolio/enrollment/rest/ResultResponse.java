package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.PeriodStatus;
import org.portfolio.enrollment.service.ResultService;

import java.util.List;
import java.util.UUID;

@Schema(description = "An applicant's result: the offer, the waitlists and why, choice by choice")
public record ResultResponse(UUID periodId, UUID applicantId, PeriodStatus periodStatus,
                             @Schema(description = "The applicant's lottery number in this period (lower is better)") Double lottery,
                             OfferResponse offer, List<OfferResponse> offerHistory, List<ResultService.ChoiceResult> choices) {

    static ResultResponse of(ResultService.ApplicantResult r) {
        return new ResultResponse(r.periodId(), r.applicantId(), r.periodStatus(), r.lottery(), OfferResponse.of(r.offer()),
                r.history().stream().map(OfferResponse::of).toList(), r.choices());
    }
}
