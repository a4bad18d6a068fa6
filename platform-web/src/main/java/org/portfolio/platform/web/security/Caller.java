package org.portfolio.platform.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.portfolio.platform.web.problem.ProblemException;

import java.security.Principal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the JWT subject, roles and school scope. Roles are checked with {@code @RolesAllowed} on
 * each endpoint; this bean adds the school scope check that roles alone cannot express.
 *
 * <p>A client may hold several roles. On an endpoint it gets the union of what each of its roles allows there on
 * its own, never more: only the roles the endpoint allows count ({@link EndpointRoles} records them per request), so
 * a district-wide role the endpoint does not admit (ENROLLMENT_OFFICER on a contract scorecard) does not lift the
 * school scope that the admitted role (SCHOOL_LEADER) carries.
 */
@RequestScoped
public class Caller {

    private static final Set<String> DISTRICT_WIDE = Set.of(Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.ENROLLMENT_OFFICER);

    @Inject
    SecurityIdentity identity;

    /** The roles the matched endpoint allows; null outside an endpoint or where it admits every caller. */
    private Set<String> endpointRoles;

    void endpointRoles(Set<String> roles) {
        this.endpointRoles = roles;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The client id (JWT subject), or "anonymous". */
    public String id() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /**
     * District-wide roles see every school; SCHOOL_LEADER and SIS only the schools in their token. Only the roles the
     * current endpoint admits count: holding ENROLLMENT_OFFICER does not make a school leader district-wide where
     * enrollment officers are not allowed.
     */
    public boolean isDistrictWide() {
        return identity.getRoles().stream().anyMatch(r -> DISTRICT_WIDE.contains(r) && admitted(r));
    }

    /** True if the caller holds this role and the current endpoint (if any) admits it. */
    public boolean actsAs(String role) {
        return identity.hasRole(role) && admitted(role);
    }

    private boolean admitted(String role) {
        Set<String> allowed = endpointRoles;
        return allowed == null || allowed.contains(role);
    }

    public Set<String> schools() {
        Principal p = identity.getPrincipal();
        if (p instanceof JsonWebToken jwt && jwt.containsClaim(Roles.SCHOOLS_CLAIM)) {
            Object claim = jwt.getClaim(Roles.SCHOOLS_CLAIM);
            Set<String> out = new LinkedHashSet<>();
            if (claim instanceof Collection<?> c) {
                c.forEach(v -> out.add(unquote(String.valueOf(v))));
            } else if (claim instanceof jakarta.json.JsonArray a) {
                a.forEach(v -> out.add(unquote(v.toString())));
            } else if (claim != null) {
                out.add(unquote(claim.toString()));
            }
            return out;
        }
        return Set.of();
    }

    public boolean canAccessSchool(UUID schoolId) {
        return schoolId != null && (isDistrictWide() || schools().contains(schoolId.toString()));
    }

    /** 403 unless the caller is district-wide or its token is scoped to this school. */
    public void requireSchool(UUID schoolId) {
        if (!canAccessSchool(schoolId)) {
            throw ProblemException.forbidden("Your client is not scoped to school " + schoolId);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
