package org.portfolio.platform.web.vocabulary;

import org.portfolio.platform.web.security.Roles;

import java.util.Arrays;
import java.util.List;

/**
 * The roles a client and its tokens carry, as one {@code Role} schema of the documents (platform-web's
 * {@code openapi.Vocabulary} writes it wherever a document refers to it). The gateway's client registrations name it
 * for their roles and the clients list's {@code role} filter: a generated client had a plain string there and a
 * pattern, so a typo compiled (twelfth pass, the generated TypeScript client). The code keeps checking the names of
 * {@link Roles}, which these are.
 */
public enum Role {
    DISTRICT_ADMIN(Roles.DISTRICT_ADMIN), OVERSIGHT(Roles.OVERSIGHT), SCHOOL_LEADER(Roles.SCHOOL_LEADER), SIS(Roles.SIS),
    ENROLLMENT_OFFICER(Roles.ENROLLMENT_OFFICER);

    /** The schema's name in the OpenAPI documents. */
    public static final String SCHEMA = "Role";
    /** The schema's description, the same in every document. */
    public static final String DESCRIPTION = "A role of an API client: DISTRICT_ADMIN (everything), OVERSIGHT "
            + "(authorizers and the board), SCHOOL_LEADER and SIS (their own schools only), ENROLLMENT_OFFICER";

    private final String role;

    Role(String role) {
        this.role = role;
    }

    /** The name a token's groups claim carries. */
    public String role() {
        return role;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Role::role).toList();
    }
}
