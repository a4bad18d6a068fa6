package org.portfolio.platform.web.http;

import jakarta.ws.rs.core.EntityTag;
import org.portfolio.platform.web.problem.ProblemException;

/**
 * Optimistic locking over HTTP: the ETag of a resource is its version; an update may send {@code If-Match}
 * and gets 412 when the resource changed since it was read (the entity's {@code @Version} still guards
 * concurrent writers that send no If-Match, with a 409).
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** The longest {@code If-Match} taken (declared as its {@code maxLength}; {@link IfMatchLimit} refuses longer). */
    public static final int IF_MATCH_MAX_LENGTH = 1024;

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * Whether If-Match names a version: not absent, blank or {@code *} (which {@link #checkIfMatch} lets through).
     * An operation that requires the version its caller read asks this, not merely for the header.
     */
    public static boolean namesAVersion(String ifMatch) {
        return ifMatch != null && !ifMatch.isBlank() && !ifMatch.trim().equals("*");
    }

    /** Passes when If-Match is absent, {@code *}, or names the current version (strong or weak form). */
    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (!namesAVersion(ifMatch)) {
            return;
        }
        String current = Long.toString(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed(
                "If-Match " + ifMatch + " does not match the current version \"" + current + "\"; read the resource again");
    }
}
