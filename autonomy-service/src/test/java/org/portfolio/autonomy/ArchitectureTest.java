package org.portfolio.autonomy;

import com.tngtech.archunit.core.domain.AccessTarget.MethodCallTarget;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

import java.time.Clock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("autonomy");
    }

    /**
     * Issue 15 (review finding 6): every time the service records or publishes comes from the one injected
     * {@link Clock} (which a test moves), never from the system clock directly — only the producer of that clock
     * (platform-web's {@code ClockProducer}, outside this service) reads it. Pure technical timings (the rights cache's {@code System.nanoTime()}) are not wall-clock times.
     */
    @Test
    void everyTimeComesFromTheInjectedClock() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.portfolio.autonomy");
        noClasses().that().resideInAPackage("org.portfolio.autonomy..")
                // any now(…) of a java.time type except now(Clock), Clock.system…(…), new Date(), System.currentTimeMillis()
                .should().callMethodWhere(DescribedPredicate.describe("read the system clock through java.time",
                        (JavaMethodCall call) -> readsTheSystemClock(call.getTarget())))
                .orShould().callConstructor(java.util.Date.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("times come from the injected java.time.Clock, which tests move (TestClock)")
                .check(classes);
    }

    private static boolean readsTheSystemClock(MethodCallTarget t) {
        String owner = t.getOwner().getPackageName();
        if (!owner.equals("java.time")) {
            return false;
        }
        if (t.getOwner().isEquivalentTo(Clock.class)) {
            return t.getName().startsWith("system");
        }
        return t.getName().equals("now")
                && t.getRawParameterTypes().stream().noneMatch(p -> p.isEquivalentTo(Clock.class));
    }
}
