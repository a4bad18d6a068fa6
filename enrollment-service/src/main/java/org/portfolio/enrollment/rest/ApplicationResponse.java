package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.Application;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.service.ApplicationService;
import org.portfolio.platform.web.vocabulary.Grade;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "An application with each choice's priority group as derived from the applicant's data",
        requiredProperties = {"id", "periodId", "applicantId", "choices", "version", "submittedAt", "updatedAt"})
public record ApplicationResponse(UUID id, UUID periodId, UUID applicantId, List<Choice> choices, long version,
                                  Instant submittedAt, Instant updatedAt) {

    @Schema(description = "A ranked choice and the applicant's priority there", requiredProperties = {"rank", "programId",
            "programName", "schoolId", "grade", "priorityGroup", "priorityTier", "setAsideGroups", "schoolTakesPart"})
    public record Choice(@Schema(description = "1 = first choice") int rank, UUID programId, String programName, UUID schoolId,
                         @Schema(description = "Absent while enrollment has not heard of the school") String schoolName,
                         @Schema(ref = Grade.SCHEMA) String grade,
                         @Schema(description = "The applicant's priority group at this program") PriorityGroup priorityGroup,
                         @Schema(description = "Position of that group in the program's order (0 = best)") int priorityTier,
                         @Schema(description = "Set-asides of the program whose group the applicant belongs to") List<String> setAsideGroups,
                         boolean schoolTakesPart) {
    }

    static ApplicationResponse of(Application a, List<ApplicationService.ChoiceView> views) {
        return new ApplicationResponse(a.id, a.periodId, a.applicantId, views.stream().map(v -> new Choice(v.rank(), v.program().id,
                v.program().name, v.program().schoolId, v.schoolName(), v.program().grade, v.priority().group(), v.priority().tier(),
                v.setAsideGroups(), v.schoolTakesPart())).toList(), a.version, a.submittedAt, a.updatedAt);
    }

    @Schema(description = "An application in a list", requiredProperties = {"id", "applicantId", "choices", "submittedAt", "updatedAt"})
    public record Summary(UUID id, UUID applicantId, @Schema(description = "The ranked program ids, most wanted first") List<UUID> choices, Instant submittedAt, Instant updatedAt) {
        static Summary of(Application a) {
            return new Summary(a.id, a.applicantId, List.copyOf(a.choices), a.submittedAt, a.updatedAt);
        }
    }
}
