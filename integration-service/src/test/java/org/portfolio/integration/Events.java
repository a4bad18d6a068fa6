package org.portfolio.integration;

import org.portfolio.testing.EventsProbe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishes events on the services' topics as their owners would (type portfolio.<service>.*, source /<service>). */
final class Events {

    private Events() {
    }

    static String contracts(String name, UUID school, Map<String, Object> extra) {
        return publish("contracts", name, school.toString(), with(school, extra));
    }

    static String autonomy(String name, UUID school) {
        return publish("autonomy", name, school.toString(), with(school, Map.of("grantId", UUID.randomUUID().toString(),
                "domain", "PEOPLE")));
    }

    static String performance(String name, UUID school) {
        return publish("performance", name, school.toString(), with(school, Map.of("resultId", UUID.randomUUID().toString(),
                "metricCode", "ELA_PROFICIENCY", "value", 41.5, "n", 212)));
    }

    static String enrollment(String name, UUID school) {
        if (name.equals("MatchPublished")) {
            UUID period = UUID.randomUUID();
            return publish("enrollment", name, period.toString(), Map.of("periodId", period.toString(), "applicants", 3,
                    "programs", List.of(Map.of("programId", UUID.randomUUID().toString(), "schoolId", school.toString(), "seats", 1))));
        }
        return publish("enrollment", name, school.toString(), with(school, Map.of("applicants", 3, "seats", 1)));
    }

    static String schoolRegistered(UUID school) {
        return contracts("SchoolRegistered", school, Map.of("name", "School " + school));
    }

    static String publish(String service, String name, String subject, Object data) {
        return EventsProbe.publish(service + ".events", "/" + service, "portfolio." + service + "." + name + ".v1", subject, data);
    }

    private static Map<String, Object> with(UUID school, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        m.put("schoolId", school.toString());
        return m;
    }
}
