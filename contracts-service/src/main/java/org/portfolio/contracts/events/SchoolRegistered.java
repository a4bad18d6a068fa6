package org.portfolio.contracts.events;

import java.util.List;
import java.util.UUID;

/** Data of {@code portfolio.contracts.SchoolRegistered.v1} (subject: the school id). See docs/events.md. */
public record SchoolRegistered(UUID schoolId, String districtCode, String ncesId, String name, String type,
                               List<String> grades, String zone, UUID oversightBodyId, String status) {

    public static final String NAME = "SchoolRegistered";
}
