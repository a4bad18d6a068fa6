package org.portfolio.contracts.events;

import org.portfolio.platform.web.vocabulary.Grade;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolStatusDecision;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code portfolio.contracts.SchoolStatusChanged.v1} (subject: the school id). See docs/events.md;
 * {@code decision} and {@code oversightBodyId} are additions.
 */
public record SchoolStatusChanged(UUID schoolId, String districtCode, String name, String type, List<String> grades,
                                  String zone, String previousStatus, String status, UUID decisionId, String reason,
                                  String decidedBy, LocalDate effectiveDate, String decision, UUID oversightBodyId) {

    public static final String NAME = "SchoolStatusChanged";

    public static SchoolStatusChanged of(School s, SchoolStatusDecision d) {
        return new SchoolStatusChanged(s.id, s.districtCode, s.name, s.type.name(),
                s.grades.stream().sorted().map(Grade::label).toList(), s.zone, d.previousStatus.name(),
                d.status.name(), d.id, d.reason, d.decidedBy, d.effectiveDate, d.decision.name(), s.oversightBody.id);
    }
}
