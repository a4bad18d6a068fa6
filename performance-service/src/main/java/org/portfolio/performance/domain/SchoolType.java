package org.portfolio.performance.domain;

/** The kinds of public school, as the registry (contracts-service) records them. */
public enum SchoolType {
    DISTRICT, CHARTER, INNOVATION, CONTRACT, MAGNET;

    /** The type of a registry value; null for a value outside this set. */
    public static SchoolType of(String value) {
        for (SchoolType t : values()) {
            if (t.name().equals(value)) {
                return t;
            }
        }
        return null;
    }
}
