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
                .doesNotContain("ReadsTheInjectedClock");
    }

    private static List<String> violations(String fixture) {
        String base = FIXTURES + fixture;
        JavaClasses classes = new ClassFileImporter().importPackages(base);
        return ArchitectureRules.violations("fixture", base, classes);
    }
}
