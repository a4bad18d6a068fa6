package org.portfolio.platform.events.testapp;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.portfolio.testing.TestClock;

import java.time.Clock;

/** The shared test clock (platform-testing's {@link TestClock}) as the test app's clock: replaces platform-web's default. */
@Singleton
public class TestClockBean {

    @Produces
    @Singleton
    Clock clock() {
        return new TestClock();
    }
}
