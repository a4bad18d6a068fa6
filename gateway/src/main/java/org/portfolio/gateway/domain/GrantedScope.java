package org.portfolio.gateway.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a token may carry, from the client's registration and the optional {@code scope} of the token request
 * (RFC 6749 §3.3). A scope token is a role ({@code SIS}) or a school ({@code school:<id>}); a request can only
 * narrow the client's roles and schools, never widen them. No scope: everything the client has.
 */
public record GrantedScope(Set<String> roles, Set<String> schools) {

    public static final String SCHOOL_PREFIX = "school:";

    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

    /** The request cannot be granted: unknown, malformed or beyond the client's registration. */
    public static class InvalidScope extends Exception {
        public InvalidScope(String message) {
            super(message, null, false, false);
        }
    }

    public static GrantedScope of(ApiClient client, String requested) throws InvalidScope {
        Set<String> clientRoles = client.roleSet();
        Set<String> clientSchools = client.schoolSet();
        if (requested == null || requested.isEmpty()) {
            return new GrantedScope(clientRoles, clientSchools);
        }
        if (!SCOPE.matcher(requested).matches()) {
            throw new InvalidScope("scope must be space-separated scope tokens");
        }
        Set<String> roles = new LinkedHashSet<>();
        Set<String> schools = new LinkedHashSet<>();
        for (String token : requested.split(" ")) {
            if (token.startsWith(SCHOOL_PREFIX)) {
                String school = token.substring(SCHOOL_PREFIX.length());
                if (!clientSchools.contains(school)) {
                    throw new InvalidScope("the client does not act for school " + school);
                }
                schools.add(school);
            } else if (clientRoles.contains(token)) {
                roles.add(token);
            } else {
                throw new InvalidScope("the client does not have the role " + token);
            }
        }
        return new GrantedScope(roles.isEmpty() ? clientRoles : roles, schools.isEmpty() ? clientSchools : schools);
    }

    /** The granted scope as the token answer states it: roles, then schools, each sorted (a stable answer). */
    public String asScopeString() {
        List<String> tokens = new java.util.ArrayList<>(new java.util.TreeSet<>(roles));
        new java.util.TreeSet<>(schools).forEach(s -> tokens.add(SCHOOL_PREFIX + s));
        return String.join(" ", tokens);
    }
}
