package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.service.MatchService;

import java.util.List;
import java.util.UUID;

@Schema(description = "What a match (or a simulation) produced")
public record MatchSummaryResponse(UUID periodId, boolean simulation,
                                   @Schema(description = "The seed a simulation used (null for the real match: revealed at publication)") String seed,
                                   int applicants, int matched, long millisRead, long millisMatch, long millisWrite,
                                   List<MatchService.ProgramFigures> programs) {

    static MatchSummaryResponse of(MatchService.Summary s) {
        return new MatchSummaryResponse(s.periodId(), s.simulation(), s.seed(), s.applicants(), s.matched(), s.millisRead(),
                s.millisMatch(), s.millisWrite(), s.programs());
    }
}
