package org.portfolio.platform.events.consumer;

/**
 * The event itself is unusable (not a CloudEvent, a payload that does not fit, a reference that can never
 * resolve). Retrying cannot help: the consumer sends it to the dead-letter topic at once and moves on.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
