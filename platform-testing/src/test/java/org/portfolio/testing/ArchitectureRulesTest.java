package org.portfolio.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules themselves, on two small fixture services: one laid out as issue 16 asks, one as it found them. */
class ArchitectureRulesTest {

    private static final String FIXTURES = "org.portfolio.testing.archfixture.";

    @Test
    void aServiceWithHandlersInConsumerAndResourcesGoingThroughServicesKeepsEveryRule() {
        assertThat(violations("tidy")).isEmpty();
    }

    @Test
    void aPackageCycleAndAResourceUsingARepositoryAreReported() {
        String report = String.join("\n", violations("tangled"));

        assertThat(report).contains("should be free of cycles")
                .containsPattern("Cycle detected: events ->\\s+service ->\\s+events");
        assertThat(report).contains("should depend on classes that reside in a package '" + FIXTURES
                + "tangled.repository..'").contains("GreetingResource.post");
        assertThat(report).as("events holds payloads only").contains("GreetingHandler");
    }

    /** Eleventh pass: the clock rule saw calls, not method references ({@code Instant::now} handed to a supplier). */
    @Test
    void theSystemClockIsFoundWhetherCalledOrReferencedAndTheInjectedOneIsNot() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "clocks");
        String report = String.join("\n", ArchitectureRules.clockRule().evaluate(classes).getFailureReport().getDetails());

        assertThat(report).contains("CallsTheSystemClock.today()").contains("LocalDate.now()")
                .contains("RefersToTheSystemClock.instants()").contains("Instant.now()")
                .contains("RefersToTheSystemClock.dates()").contains("Date.<init>()")
                .contains("RefersToTheSystemClock.clocks()").contains("Clock.systemUTC()")
                .contains("RefersToTheSystemClock.sources()").contains("InstantSource.system()")
                .contains("RefersToTheSystemClock.hijrah()").contains("HijrahDate.now()")
                .contains("CallsTheSystemClock.calendar()").contains("Calendar.getInstance(java.util.TimeZone)")
                .contains("CallsTheSystemClock.gregorian()").contains("GregorianCalendar.<init>()")
                .contains("CallsTheSystemClock.ticking()").contains("Clock.tickSeconds(java.time.ZoneId)")
                .doesNotContain("ReadsTheInjectedClock")
                .as("a service's code saying it reads the system clock on purpose reads it all the same")
                .contains("CallsTheSystemClock.onPurpose()");
    }

    /**
     * Sixteenth pass: the rule imported only the service's packages, so the platform code that runs in every service
     * went unchecked, and the outbox stamped each event's time with the system clock. A service's check takes the
     * platform's classes too; what reads the system clock on purpose, and says so, passes.
     */
    @Test
    void aPlatformClassReadingTheSystemClockIsFoundWithTheServicesUnlessItSaysItIsOnPurpose() {
        JavaClasses classes = ArchitectureRules.clockChecked(new ClassFileImporter(), FIXTURES + "tidy");
        String report = String.join("\n", ArchitectureRules.clockRule().evaluate(classes).getFailureReport().getDetails());

        assertThat(report).contains("org.portfolio.platform.archfixture.StampsWithTheSystemClock.occurredAt()")
                .contains("Instant.now()")
                .doesNotContain("ReadsTheSystemClockOnPurpose.epochSeconds").doesNotContain("ReadsTheSystemClockOnPurpose$Relay.sentAt")
                .as("a blank reason is none").contains("ReadsTheSystemClockOnPurpose$Relay.blankReason()")
                .as("platform-web itself keeps the rule").doesNotContain("org.portfolio.platform.web");
    }

    private static List<String> violations(String fixture) {
        String base = FIXTURES + fixture;
        JavaClasses classes = new ClassFileImporter().importPackages(base);
        return ArchitectureRules.violations("fixture", base, classes);
    }
}
