package org.portfolio.contracts.domain;

import java.util.Arrays;
import java.util.List;

/** The intervention ladder of authorizer practice, lowest first. */
public enum InterventionLevel {
    NONE, NOTICE_OF_CONCERN, CORRECTIVE_ACTION_PLAN, PROBATION, REVOCATION;

    /** One step up the ladder; REVOCATION is the top and stays. */
    public InterventionLevel next() {
        return this == REVOCATION ? REVOCATION : values()[ordinal() + 1];
    }

    public boolean isAbove(InterventionLevel other) {
        return compareTo(other) > 0;
    }

    /** This level and every level above it. */
    public List<InterventionLevel> andAbove() {
        return Arrays.stream(values()).filter(l -> l.compareTo(this) >= 0).toList();
    }
}
