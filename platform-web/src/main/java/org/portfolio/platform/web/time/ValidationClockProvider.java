package org.portfolio.platform.web.time;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;

import java.time.Clock;

/**
 * Bean Validation's "now" ({@code @Past}, {@code @Future}, {@code @PastOrPresent} …) is the service's injected
 * {@link Clock}, as every other time of the service: quarkus-hibernate-validator takes a {@link ClockProvider} bean
 * when there is one. Without it Hibernate Validator read the system clock in the JVM's zone, which a test's TestClock
 * did not move, and whose "today" differs from the service's (UTC) for hours of every day on a host in another zone
 * (sixteenth pass, P4: an applicant's {@code @Past} birthDate).
 */
@Singleton
public class ValidationClockProvider implements ClockProvider {

    @Inject
    Clock clock;

    @Override
    public Clock getClock() {
        return clock;
    }
}
