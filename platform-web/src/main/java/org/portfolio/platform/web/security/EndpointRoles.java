package org.portfolio.platform.web.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tells {@link Caller} which roles the matched endpoint allows, so that a client holding several roles gets the union
 * of what each role allows on its own there, never more: an ENROLLMENT_OFFICER + SCHOOL_LEADER client reading a school
 * profile (allowed to DISTRICT_ADMIN, OVERSIGHT and SCHOOL_LEADER for its own schools) is scoped by its SCHOOL_LEADER
 * role, because its ENROLLMENT_OFFICER role does not reach that endpoint at all.
 */
public class EndpointRoles {

    /** Null value stands for "no role restriction" (anonymous or {@code @PermitAll} endpoints). */
    private static final ConcurrentMap<Method, Set<String>> CACHE = new ConcurrentHashMap<>();
    private static final Set<String> UNRESTRICTED = Set.of();

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void record(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> roles = CACHE.computeIfAbsent(method, m -> rolesOf(m, resource.getResourceClass()));
        caller.endpointRoles(roles == UNRESTRICTED ? null : roles);
    }

    static Set<String> rolesOf(Method method, Class<?> resourceClass) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return UNRESTRICTED;
        }
        RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
        if (onMethod != null) {
            return Set.of(onMethod.value());
        }
        Class<?> type = resourceClass != null ? resourceClass : method.getDeclaringClass();
        if (type.isAnnotationPresent(PermitAll.class)) {
            return UNRESTRICTED;
        }
        RolesAllowed onClass = type.getAnnotation(RolesAllowed.class);
        return onClass != null ? Set.of(onClass.value()) : UNRESTRICTED;
    }
}
