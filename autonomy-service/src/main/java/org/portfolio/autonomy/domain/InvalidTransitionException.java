package org.portfolio.autonomy.domain;

/** A grant or request was asked to move to a status its current status does not allow. */
public class InvalidTransitionException extends RuntimeException {

    private final String what;
    private final String from;
    private final String to;

    public InvalidTransitionException(String what, Object id, Enum<?> from, String to) {
        super(what + " " + id + " is " + from + "; it cannot " + to);
        this.what = what;
        this.from = from.name();
        this.to = to;
    }

    public String what() {
        return what;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
