package org.portfolio.autonomy.rest;

import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Query parameter parsing with clear 400s, school scope for lists, and the caller's role for the record. */
final class RestSupport {

    private RestSupport() {
    }

    /** {@code null} → null (today); a malformed date is a 400 naming the parameter. */
    static LocalDate date(String value, String param) {
        return org.portfolio.platform.web.http.DateParams.parse(value, param);
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(param, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static UUID uuid(String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(param, "must be a UUID");
        }
    }

    /**
     * The schools a list may show: null = every school (district-wide roles, no filter), else the one asked for
     * (403 outside the caller's scope) or the caller's own schools.
     */
    static Set<UUID> visibleSchools(Caller caller, UUID schoolId) {
        if (schoolId != null) {
            caller.requireSchool(schoolId);
            return Set.of(schoolId);
        }
        return caller.visibleSchools();
    }

    /** The role recorded with a review step: the most senior role the caller holds. */
    static String actorRole(Caller caller) {
        for (String r : List.of(Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER)) {
            if (caller.hasRole(r)) {
                return r;
            }
        }
        return null;
    }
}
