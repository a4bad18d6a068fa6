package org.portfolio.platform.web.time;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that reads the system clock on purpose, not the service's injected {@link java.time.Clock}: the clock
 * producer itself, and technical times that a test moving a service's clock must not move (a token's validity, which
 * its issuer stamped with the system clock; when the outbox relay sent a row and how long it keeps it; when a consumer
 * dead-lettered a record). platform-testing's ArchitectureRules clock rule lets accesses from such a method or
 * constructor of the platform ({@code org.portfolio.platform..}) pass when it says why ({@link #value()}, not blank);
 * on a service's code, or on a whole class, it passes nothing (hostile review, sixteenth pass: an escape hatch any
 * class could open for all its methods). Everything else a service or the platform records or decides by comes from
 * the injected clock.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface SystemClockOnPurpose {

    /** Why this time is the system clock's and not the service's. */
    String value();
}
