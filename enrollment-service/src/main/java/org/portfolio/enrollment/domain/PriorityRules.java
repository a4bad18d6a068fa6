package org.portfolio.enrollment.domain;

import java.util.List;
import java.util.UUID;

/**
 * Derives an applicant's priority group at a program from its data, and its membership of the program's set-aside
 * groups. The group is the first group of the program's priority order the applicant qualifies for; its tier is
 * that group's position (lower is better). Everyone qualifies for GENERAL, which a program may therefore list only
 * last (ProgramService); an applicant who qualifies for no listed group is GENERAL after every listed group.
 */
public final class PriorityRules {

    private PriorityRules() {
    }

    /** A derived priority: the group and its tier at the program. */
    public record Priority(PriorityGroup group, int tier) {
    }

    public static boolean qualifies(ApplicantProfile a, PriorityGroup g, UUID schoolId, String schoolZone) {
        return qualifies(a, g, schoolId, schoolId.toString(), schoolZone);
    }

    /** As {@link #qualifies(ApplicantProfile, PriorityGroup, UUID, String)} with the school id also as text (bulk use). */
    public static boolean qualifies(ApplicantProfile a, PriorityGroup g, UUID schoolId, String school, String schoolZone) {
        return switch (g) {
            case CONTINUING -> schoolId.equals(a.currentSchoolId());
            case SIBLING -> a.siblingSchoolIds().contains(school);
            case STAFF -> a.staffSchoolIds().contains(school);
            case ZONE -> schoolZone != null && a.homeZone() != null && schoolZone.equalsIgnoreCase(a.homeZone());
            case GENERAL -> true;
        };
    }

    public static Priority priority(ApplicantProfile a, List<PriorityGroup> order, UUID schoolId, String schoolZone) {
        return priority(a, order, schoolId, schoolId.toString(), schoolZone);
    }

    public static Priority priority(ApplicantProfile a, List<PriorityGroup> order, UUID schoolId, String school, String schoolZone) {
        for (int i = 0; i < order.size(); i++) {
            if (qualifies(a, order.get(i), schoolId, school, schoolZone)) {
                return new Priority(order.get(i), i);
            }
        }
        return new Priority(PriorityGroup.GENERAL, order.size());
    }

    /** Bit k set when the applicant belongs to set-aside k's group (a flag it carries, or a priority group it qualifies for). */
    public static int setAsideMask(ApplicantProfile a, List<SetAside> setAsides, UUID schoolId, String schoolZone) {
        return setAsideMask(a, setAsides, schoolId, schoolId.toString(), schoolZone);
    }

    public static int setAsideMask(ApplicantProfile a, List<SetAside> setAsides, UUID schoolId, String school, String schoolZone) {
        int mask = 0;
        for (int k = 0; k < setAsides.size(); k++) {
            String g = setAsides.get(k).group;
            boolean member;
            PriorityGroup pg = groupOrNull(g);
            member = pg != null ? qualifies(a, pg, schoolId, school, schoolZone) : containsIgnoreCase(a.flags(), g);
            if (member) {
                mask |= 1 << k;
            }
        }
        return mask;
    }

    private static boolean containsIgnoreCase(List<String> values, String v) {
        for (String x : values) {
            if (x.equalsIgnoreCase(v)) {
                return true;
            }
        }
        return false;
    }

    public static PriorityGroup groupOrNull(String name) {
        for (PriorityGroup g : PriorityGroup.values()) {
            if (g.name().equalsIgnoreCase(name)) {
                return g;
            }
        }
        return null;
    }

    /** Why an applicant may not apply to a program, or null when it may. */
    public static String ineligibility(ApplicantProfile a, String programGrade, List<String> eligibleZones) {
        if (!programGrade.equalsIgnoreCase(a.grade())) {
            return "the program is for grade " + programGrade + "; the applicant applies for grade " + a.grade();
        }
        if (!eligibleZones.isEmpty() && (a.homeZone() == null
                || eligibleZones.stream().noneMatch(z -> z.equalsIgnoreCase(a.homeZone())))) {
            return "the program admits residents of zone(s) " + String.join(", ", eligibleZones) + " only";
        }
        return null;
    }
}
