package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.SeatBlock;
import org.portfolio.enrollment.service.MatchService;
import org.portfolio.platform.web.vocabulary.Grade;

import java.util.List;
import java.util.UUID;

@Schema(description = "What a match (or a simulation) produced", requiredProperties = {"periodId", "simulation", "applicants",
        "matched", "millisRead", "millisMatch", "millisWrite", "programs"})
public record MatchSummaryResponse(UUID periodId, boolean simulation,
                                   @Schema(description = "The seed a simulation used (absent for the real match: its seed is revealed at publication)")
                                   String seed,
                                   int applicants, int matched, long millisRead, long millisMatch, long millisWrite,
                                   List<ProgramFigures> programs) {

    @Schema(description = "A program's figures in a match", requiredProperties = {"programId", "schoolId", "grade", "name",
            "participating", "seats", "applicants", "firstChoices", "offers", "blocks"})
    public record ProgramFigures(UUID programId, UUID schoolId,
                                 @Schema(ref = Grade.SCHEMA) String grade, String name,
                                 @Schema(description = "Whether the school took part (OPEN, not under REVOCATION)") boolean participating,
                                 int seats, int applicants, int firstChoices, int offers,
                                 @Schema(description = "Priority group of the last applicant admitted to the open seats (absent if they did not fill)")
                                 PriorityGroup cutoffGroup,
                                 @Schema(description = "Lottery number of that applicant (absent if the open seats did not fill)")
                                 Double cutoffLottery,
                                 @Schema(description = "Every seat block of the program in order, the open seats (block 0) first, "
                                         + "then each set-aside, with its seats, how many were filled and, when full, its cutoff: "
                                         + "the figures the statistics show once the match is stored (never empty: a program "
                                         + "always has its open seats, 0 of them if its school did not take part)")
                                 List<SeatBlockResponse> blocks) {
        static ProgramFigures of(MatchService.ProgramFigures f) {
            SeatBlock open = f.open();
            return new ProgramFigures(f.programId(), f.schoolId(), f.grade(), f.name(), f.participating(), f.seats(), f.applicants(),
                    f.firstChoices(), f.offers(), open.cutoffGroup(), open.cutoffLottery(),
                    f.blocks().stream().map(SeatBlockResponse::of).toList());
        }
    }

    static MatchSummaryResponse of(MatchService.Summary s) {
        return new MatchSummaryResponse(s.periodId(), s.simulation(), s.seed(), s.applicants(), s.matched(), s.millisRead(),
                s.millisMatch(), s.millisWrite(), s.programs().stream().map(ProgramFigures::of).toList());
    }
}
