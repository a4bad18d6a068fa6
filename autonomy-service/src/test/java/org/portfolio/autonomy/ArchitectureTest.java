package org.portfolio.autonomy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("autonomy");
    }

    /**
     * Issue 15 (review finding 6): every time the service records or publishes comes from the one injected
     * {@link Clock} (which a test moves), never from the system clock directly — only the producer of that clock
     * reads it. Pure technical timings (the rights cache's {@code System.nanoTime()}) are not wall-clock times.
     */
    @Test
    void everyTimeComesFromTheInjectedClock() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.portfolio.autonomy");
        noClasses().that().resideInAPackage("org.portfolio.autonomy..")
                .and().doNotHaveSimpleName("ClockProducer")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("times come from the injected java.time.Clock, which tests move (TestClock)")
                .check(classes);
    }
}
