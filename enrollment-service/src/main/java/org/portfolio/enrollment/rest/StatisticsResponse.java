package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.SeatBlock;
import org.portfolio.enrollment.service.ResultService;
import org.portfolio.platform.web.vocabulary.Grade;

import java.util.List;
import java.util.UUID;

@Schema(description = "A program's figures: live counts during the window, the match's figures once matched",
        requiredProperties = {"programId", "schoolId", "grade", "name", "seats", "applicants", "firstChoices", "offeredNow",
                "acceptedNow", "waitlisted", "participating", "blocks"})
public record StatisticsResponse(UUID programId, UUID schoolId,
                                 @Schema(description = "Absent while enrollment has not heard of the school") String schoolName,
                                 @Schema(ref = Grade.SCHEMA) String grade, String name, int seats, int applicants, int firstChoices,
                                 @Schema(description = "Offers made by the match (absent before the match)") Integer offers,
                                 long offeredNow, long acceptedNow, long waitlisted, boolean participating,
                                 @Schema(description = "The last admitted to the open seats at the match (absent before the match "
                                         + "or if they did not fill)") Cutoff cutoff,
                                 @Schema(description = "The seat blocks as the match left them (empty before the match)")
                                 List<SeatBlockResponse> blocks) {

    @Schema(description = "Priority group and lottery number of the last applicant admitted", requiredProperties = {"group", "lottery"})
    public record Cutoff(PriorityGroup group, double lottery) {
    }

    static StatisticsResponse of(ResultService.Statistics s) {
        SeatBlock open = s.blocks().isEmpty() ? null : s.blocks().get(0);
        return new StatisticsResponse(s.program().id, s.program().schoolId, s.schoolName(), s.program().grade, s.program().name,
                s.seats(), s.applicants(), s.firstChoices(), s.offers(), s.offeredNow(), s.acceptedNow(), s.waiting(),
                s.participating(), open == null || open.cutoffGroup() == null || open.cutoffLottery() == null ? null
                        : new Cutoff(open.cutoffGroup(), open.cutoffLottery()),
                s.blocks().stream().map(SeatBlockResponse::of).toList());
    }
}
