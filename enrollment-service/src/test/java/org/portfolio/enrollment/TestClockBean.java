package org.portfolio.enrollment;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.portfolio.testing.TestClock;

import java.time.Clock;

/** The shared test clock (platform-testing's {@link TestClock}) as this service's clock: replaces its default bean. */
@Singleton
public class TestClockBean {

    @Produces
    @Singleton
    Clock clock() {
        return new TestClock();
    }
}
