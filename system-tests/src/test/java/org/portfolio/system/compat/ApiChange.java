package org.portfolio.system.compat;

/**
 * One difference between a released API document and the current one, as an integrator's client meets it.
 *
 * @param id       stable and readable: the rule's name, then where ({@code response-property-removed Contract.terms});
 *                 the changelog names a change by this id
 * @param severity what the change does to a client generated from the released document
 */
public record ApiChange(String id, Severity severity) {

    public enum Severity {
        /** A client of the released document fails or is refused: named in the changelog with what to do, or undone. */
        BREAKING,
        /** A response enum grew: a client generated without an unknown-value case fails on it; named in the changelog. */
        ENUM_GROWN,
        /**
         * An answer or event may now carry what the released document ruled out (a bound widened, a pattern changed,
         * a field added to a closed schema): a client that validates answers against the released document fails on
         * it (Python's generated models check bounds and patterns; a consumer validating events with the released
         * closed schemas); named in the changelog.
         */
        STRICT_CLIENTS,
        /** A keyword the comparison does not judge changed (oneOf, a default, a parameter's style): named after a look. */
        UNJUDGED,
        /** Something new that a client of the released document never sees: counted, not required in the changelog. */
        ADDITION
    }

    public boolean needsNote() {
        return severity != Severity.ADDITION;
    }

    @Override
    public String toString() {
        return severity + " " + id;
    }
}
