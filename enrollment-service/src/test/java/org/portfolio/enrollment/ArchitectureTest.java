package org.portfolio.enrollment;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("enrollment");
    }

    /**
     * Offer deadlines, expiry and every recorded time come from the injected Clock (hostile review of 2026-12-05,
     * sixth pass: the service read the system clock, so no test could move it across a deadline).
     */
    @Test
    void everyTimeComesFromTheInjectedClock() {
        ArchitectureRules.everyTimeComesFromTheInjectedClock("enrollment");
    }

    /**
     * {@code match} is the matching code {@code ./portfolio match} runs without starting the service (README, docs/
     * architecture.md): plain Java and Jackson's streaming parser, nothing of the service's other packages, Quarkus,
     * JPA or events.
     */
    @Test
    void theMatchPackageStandsAlone() {
        classes().that().resideInAPackage("org.portfolio.enrollment.match..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.portfolio.enrollment.match..", "java..",
                        "com.fasterxml.jackson.core..")
                .because("MatchCli runs the match on a file with no service, database or broker")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.portfolio.enrollment.match"));
    }
}
