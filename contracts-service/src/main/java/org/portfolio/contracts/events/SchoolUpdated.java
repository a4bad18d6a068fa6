package org.portfolio.contracts.events;

import org.portfolio.platform.web.vocabulary.Grade;
import org.portfolio.contracts.domain.School;

import java.util.List;
import java.util.UUID;

/**
 * Data of {@code portfolio.contracts.SchoolUpdated.v1} (subject: the school id): a registered school's details
 * changed (name, type, grades, zone, codes, oversight body). Same fields as SchoolRegistered. An addition to
 * the event contract, see docs/events.md.
 */
public record SchoolUpdated(UUID schoolId, String districtCode, String ncesId, String name, String type,
                            List<String> grades, String zone, UUID oversightBodyId, String status) {

    public static final String NAME = "SchoolUpdated";

    public static SchoolUpdated of(School s) {
        return new SchoolUpdated(s.id, s.districtCode, s.ncesId, s.name, s.type.name(),
                s.grades.stream().sorted().map(Grade::label).toList(), s.zone, s.oversightBody.id, s.status.name());
    }
}
