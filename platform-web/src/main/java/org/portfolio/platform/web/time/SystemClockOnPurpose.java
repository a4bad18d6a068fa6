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
 * dead-lettered a record). platform-testing's ArchitectureRules clock rule lets accesses from such a method,
 * constructor or class pass; everything else a service or the platform records or decides by comes from the injected
 * clock. Say why in {@link #value()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface SystemClockOnPurpose {

    /** Why this time is the system clock's and not the service's. */
    String value();
}
