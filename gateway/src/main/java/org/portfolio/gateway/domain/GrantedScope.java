package org.portfolio.gateway.domain;

import org.portfolio.platform.web.security.SchoolScope;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a token may carry, from the client's registration and the optional {@code scope} of the token request
 * (RFC 6749 §3.3). A scope token is a role ({@code SIS}) or a school ({@code school:<id>}); a request can only
 * narrow the client's roles and schools, never widen them. No school in the request: the token names the client's
 * registered school scope by reference ({@code schools} null here), whatever its size; a request naming schools gets
 * a token that carries those schools itself, at most {@value #MAX_NARROWED_SCHOOLS} of them so the token stays small.
 */
public record GrantedScope(Set<String> roles, Set<String> schools) {

    public static final String SCHOOL_PREFIX = "school:";
    /** A token carrying more schools than this would outgrow the 4 KB every HTTP stack accepts in a header. */
    public static final int MAX_NARROWED_SCHOOLS = 50;

    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

    /** The request cannot be granted: unknown, malformed or beyond the client's registration. */
    public static class InvalidScope extends Exception {
        public InvalidScope(String message) {
            super(message, null, false, false);
        }
    }

    /** True when the token names the client's registered scope by reference rather than carrying schools. */
    public boolean byReference() {
        return schools == null;
    }

    public static GrantedScope of(ApiClient client, SchoolScope registered, String requested) throws InvalidScope {
        return of(client, () -> registered, requested);
    }

    /**
     * As above, resolving the client's registered schools only when the request names a school (most token requests
     * name none: they need no query for a scope of thousands of schools).
     */
    public static GrantedScope of(ApiClient client, java.util.function.Supplier<SchoolScope> registeredSchools, String requested)
            throws InvalidScope {
        Set<String> clientRoles = client.roleSet();
        if (requested == null || requested.isEmpty()) {
            return new GrantedScope(clientRoles, null);
        }
        if (requested.length() > 8_192 || !SCOPE.matcher(requested).matches()) {
            throw new InvalidScope("scope must be space-separated scope tokens");
        }
        Set<String> roles = new LinkedHashSet<>();
        Set<String> schools = new LinkedHashSet<>();
        SchoolScope registered = null;
        for (String token : requested.split(" ")) {
            if (token.startsWith(SCHOOL_PREFIX)) {
                String school = token.substring(SCHOOL_PREFIX.length());
                if (registered == null) {
                    registered = registeredSchools.get();
                }
                if (!registered.covers(school)) {
                    throw new InvalidScope("the client does not act for school " + school);
                }
                schools.add(school);
                if (schools.size() > MAX_NARROWED_SCHOOLS) {
                    throw new InvalidScope("at most " + MAX_NARROWED_SCHOOLS + " schools in a scope; ask for none to act "
                            + "for every school of the client's registration");
                }
            } else if (clientRoles.contains(token)) {
                roles.add(token);
            } else {
                throw new InvalidScope("the client does not have the role " + token);
            }
        }
        return new GrantedScope(roles.isEmpty() ? clientRoles : roles, schools.isEmpty() ? null : schools);
    }

    /**
     * The granted scope as the token answer states it: roles, then the schools a narrowed token carries, each sorted
     * (a stable answer). A token by reference lists its roles only: its schools are the client's registered scope.
     */
    public String asScopeString() {
        List<String> tokens = new java.util.ArrayList<>(new java.util.TreeSet<>(roles));
        if (schools != null) {
            new java.util.TreeSet<>(schools).forEach(s -> tokens.add(SCHOOL_PREFIX + s));
        }
        return String.join(" ", tokens);
    }
}
