package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.platform.web.vocabulary.Grade;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A program: a school's grade (and track) with seats, priorities, set-asides and eligibility",
        requiredProperties = {"id", "periodId", "schoolId", "grade", "name", "seats", "priorityOrder", "setAsides", "eligibleZones",
                "openSeats", "version", "createdAt", "updatedAt"})
public record ProgramResponse(UUID id, UUID periodId, UUID schoolId,
                              @Schema(ref = Grade.SCHEMA) String grade, String name, int seats,
                              @Schema(description = "Priority groups, best first") List<PriorityGroup> priorityOrder,
                              List<SetAsideView> setAsides,
                              @Schema(description = "Zones whose residents may apply; empty = everyone") List<String> eligibleZones,
                              @Schema(description = "Open seats (the seats minus every set-aside)") int openSeats,
                              @Schema(description = "The program of the previous round this one continues (absent in a first round)")
                              UUID sourceProgramId,
                              long version, Instant createdAt, Instant updatedAt) {

    @Schema(description = "A set-aside and the seats it reserves", requiredProperties = {"group", "sharePercent", "seats"})
    public record SetAsideView(String group, int sharePercent, int seats) {
    }

    static ProgramResponse of(Program p) {
        int[] blocks = p.blockSeats();
        List<SetAsideView> sa = new java.util.ArrayList<>();
        for (int k = 0; k < p.setAsides.size(); k++) {
            sa.add(new SetAsideView(p.setAsides.get(k).group, p.setAsides.get(k).sharePercent, blocks[k + 1]));
        }
        return new ProgramResponse(p.id, p.periodId, p.schoolId, p.grade, p.name, p.seats, p.priorities(), sa, p.zones(),
                blocks[0], p.sourceProgramId, p.version, p.createdAt, p.updatedAt);
    }
}
