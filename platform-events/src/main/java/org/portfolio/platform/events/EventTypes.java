package org.portfolio.platform.events;

/** CloudEvents type names: {@code portfolio.<service>.<Name>.v<version>} (DESIGN.md). */
public final class EventTypes {

    private EventTypes() {
    }

    public static String of(String service, String name) {
        return of(service, name, 1);
    }

    public static String of(String service, String name, int version) {
        if (!name.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("event name must be UpperCamelCase: " + name);
        }
        return "portfolio." + service + "." + name + ".v" + version;
    }

    /** {@code portfolio.performance.MetricResultRecorded.v1} → {@code MetricResultRecorded}. */
    public static String shortName(String type) {
        String[] parts = type.split("\\.");
        return parts.length >= 4 ? parts[parts.length - 2] : type;
    }
}
