package org.portfolio.autonomy.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything the decision-rights check needs about one school: whether it is known, and its grants by domain. */
public final class SchoolRights {

    private final UUID schoolId;
    private final boolean known;
    private final String name;
    private final String districtCode;
    private final String status;
    private final Map<AutonomyDomain, List<GrantSnapshot>> byDomain = new EnumMap<>(AutonomyDomain.class);
    private final List<GrantSnapshot> grants;

    public SchoolRights(UUID schoolId, boolean known, String name, String districtCode, String status,
                        List<GrantSnapshot> grants) {
        this.schoolId = schoolId;
        this.known = known;
        this.name = name;
        this.districtCode = districtCode;
        this.status = status;
        this.grants = List.copyOf(grants);
        for (AutonomyDomain d : AutonomyDomain.values()) {
            byDomain.put(d, new ArrayList<>());
        }
        for (GrantSnapshot g : grants) {
            byDomain.get(g.domain()).add(g);
        }
        byDomain.replaceAll((d, l) -> List.copyOf(l));
    }

    public static SchoolRights unknown(UUID schoolId) {
        return new SchoolRights(schoolId, false, null, null, null, List.of());
    }

    public UUID schoolId() {
        return schoolId;
    }

    public boolean known() {
        return known;
    }

    public String name() {
        return name;
    }

    public String districtCode() {
        return districtCode;
    }

    public String status() {
        return status;
    }

    public List<GrantSnapshot> grants() {
        return grants;
    }

    public List<GrantSnapshot> grants(AutonomyDomain domain) {
        return byDomain.get(domain);
    }
}
