package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.service.ResultService;

import java.util.List;
import java.util.UUID;

@Schema(description = "A program's figures: live counts during the window, the match's figures once matched")
public record StatisticsResponse(UUID programId, UUID schoolId, String schoolName, String grade, String name,
                                 int seats, int applicants, int firstChoices,
                                 @Schema(description = "Offers made by the match (null before the match)") Integer offers,
                                 long offeredNow, long acceptedNow, long waitlisted, boolean participating,
                                 @Schema(description = "The last admitted to the open seats at the match; null if not full")
                                 Cutoff cutoff, List<ResultService.Block> blocks) {

    @Schema(description = "Priority group and lottery number of the last applicant admitted")
    public record Cutoff(String group, Double lottery) {
    }

    static StatisticsResponse of(ResultService.Statistics s) {
        ResultService.Block open = s.blocks().isEmpty() ? null : s.blocks().get(0);
        return new StatisticsResponse(s.program().id, s.program().schoolId, s.schoolName(), s.program().grade, s.program().name,
                s.seats(), s.applicants(), s.firstChoices(), s.offers(), s.offeredNow(), s.acceptedNow(), s.waiting(),
                s.participating(), open == null || open.cutoffGroup() == null ? null : new Cutoff(open.cutoffGroup(), open.cutoffLottery()),
                s.blocks());
    }
}
