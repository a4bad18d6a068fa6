package org.portfolio.enrollment.events;

import java.util.UUID;

/** Data of {@code portfolio.enrollment.DemandReported.v1}: one per school and published match (subject: the school). */
public record DemandReported(UUID periodId, String schoolYear, int round, UUID schoolId, int applicants, int firstChoices,
                             int seats, int offers) {

    public static final String NAME = "DemandReported";
}
