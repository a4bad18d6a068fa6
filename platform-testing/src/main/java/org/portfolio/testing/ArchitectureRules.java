package org.portfolio.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries every service keeps (as in ddd-by-examples/library): no service uses another service's code;
 * the domain knows nothing of HTTP, Kafka or the wire formats; resources never hand out entities and never reach
 * past the services into the repositories; the event handlers ({@code consumer}) are an entry point like the
 * resources, and {@code events} holds only the payload records the service publishes; no two packages of a
 * service depend on each other (no cycles). Call {@link #check(String)} from one test per service.
 */
public final class ArchitectureRules {

    private static final List<String> SERVICES = List.of("contracts", "autonomy", "performance", "enrollment", "integration", "edfi", "gateway");

    private ArchitectureRules() {
    }

    /** The platform code that runs inside every service (platform-web, platform-events): the clock rule checks it too. */
    static final String PLATFORM = "org.portfolio.platform";

    /** What reads the system clock on purpose (platform-web's annotation, named here: this module does not use it). */
    static final String ON_PURPOSE = "org.portfolio.platform.web.time.SystemClockOnPurpose";

    /**
     * Every time the service records or decides by comes from the one injected {@link java.time.Clock} (which a test
     * moves: platform-testing's TestClock), never from the system clock directly: no {@code now()} of a java.time type
     * but {@code now(Clock)}, no {@code Clock.system…} or {@code Clock.tick…} of the system clock, no {@code new Date()},
     * {@code Calendar.getInstance(…)}, {@code new GregorianCalendar()} or {@code System.currentTimeMillis()}. The
     * platform code that runs in the service ({@code org.portfolio.platform..}) is checked with it (sixteenth pass:
     * the outbox stamped every event's time with the system clock, unseen). Code that reads the system clock on purpose
     * says why with platform-web's {@code @SystemClockOnPurpose} (the clock producer; a token's validity). Technical
     * timings ({@code System.nanoTime()}) are not wall-clock times.
     *
     * @param service the service's package under org.portfolio, e.g. "autonomy"
     */
    public static void everyTimeComesFromTheInjectedClock(String service) {
        clockRule().check(clockChecked(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS),
                "org.portfolio." + service));
    }

    /** The classes the clock rule checks for a service: its own and the platform's. */
    static JavaClasses clockChecked(ClassFileImporter importer, String servicePackage) {
        return importer.importPackages(servicePackage, PLATFORM);
    }

    /**
     * The rule of {@link #everyTimeComesFromTheInjectedClock}: a call or a method reference ({@code LocalDate::now},
     * {@code Date::new} handed to a supplier reads the clock as surely as a call; the eleventh pass's rule saw calls
     * only), unless the method, constructor or class it is made from says it reads the system clock on purpose.
     */
    static ArchRule clockRule() {
        return noClasses().should().accessTargetWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "read the system clock (java.time's now() without a Clock, Clock.system…, Clock.tick…(ZoneId), "
                                + "InstantSource.system(), new Date(), Calendar.getInstance(…), new GregorianCalendar() "
                                + "without a date, System.currentTimeMillis(); called or referenced) where not marked "
                                + "@SystemClockOnPurpose",
                        (com.tngtech.archunit.core.domain.JavaAccess<?> access) -> readsTheSystemClock(access.getTarget())
                                && !onPurpose(access.getOrigin())))
                .because("times come from the injected java.time.Clock, which tests move (TestClock)");
    }

    /**
     * A method or constructor of the platform's that says why it reads the system clock. A service's code takes the
     * injected clock, whatever it says; a class-wide or blank "on purpose" is none (hostile review, sixteenth pass).
     */
    private static boolean onPurpose(com.tngtech.archunit.core.domain.JavaCodeUnit origin) {
        return origin.getOwner().getPackageName().startsWith(PLATFORM + ".")
                && origin.tryGetAnnotationOfType(ON_PURPOSE)
                .flatMap(a -> a.get("value")).map(v -> !String.valueOf(v).isBlank()).orElse(false);
    }

    private static boolean readsTheSystemClock(com.tngtech.archunit.core.domain.AccessTarget t) {
        if (!(t instanceof com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget unit)) {
            return false;
        }
        if (unit.getOwner().isEquivalentTo(java.util.Date.class)) {
            return unit.getName().equals("<init>") && unit.getRawParameterTypes().isEmpty();
        }
        if (unit.getOwner().isEquivalentTo(System.class)) {
            return unit.getName().equals("currentTimeMillis");
        }
        if (unit.getOwner().isEquivalentTo(java.util.Calendar.class)
                || unit.getOwner().isEquivalentTo(java.util.GregorianCalendar.class)) {
            // Calendar.getInstance(…) of any zone or locale is now; so is a GregorianCalendar made without a date
            return unit.getName().equals("getInstance") || unit.getName().equals("<init>")
                    && unit.getOwner().isEquivalentTo(java.util.GregorianCalendar.class)
                    && unit.getRawParameterTypes().stream().allMatch(p ->
                    p.isEquivalentTo(java.util.TimeZone.class) || p.isEquivalentTo(java.util.Locale.class));
        }
        if (!unit.getOwner().getPackageName().startsWith("java.time")) {
            return false;
        }
        if (unit.getOwner().isEquivalentTo(java.time.Clock.class) || unit.getOwner().isEquivalentTo(java.time.InstantSource.class)) {
            // Clock.tick(Clock, Duration) ticks the clock it is given; tickSeconds/tickMinutes/tickMillis(ZoneId) the system's
            return unit.getName().startsWith("system") || unit.getName().startsWith("tick")
                    && unit.getRawParameterTypes().stream().noneMatch(p -> p.isEquivalentTo(java.time.Clock.class)
                    || p.isEquivalentTo(java.time.InstantSource.class));
        }
        return unit.getName().equals("now")
                && unit.getRawParameterTypes().stream().noneMatch(p -> p.isEquivalentTo(java.time.Clock.class));
    }

    /** @param service the service's package under org.portfolio, e.g. "contracts" */
    public static void check(String service) {
        String base = "org.portfolio." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
        List<String> failures = violations(service, base, classes);
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }

    /** Every rule is evaluated, so that one run names every violation, not only the first failing rule's. */
    static List<String> violations(String service, String base, JavaClasses classes) {
        return rules(service, base).stream()
                .map(r -> r.evaluate(classes))
                .filter(EvaluationResult::hasViolation)
                .map(r -> r.getFailureReport().toString())
                .toList();
    }

    static List<ArchRule> rules(String service, String base) {
        Stream<ArchRule> others = SERVICES.stream().filter(s -> !s.equals(service)).map(other ->
                noClasses().that().resideInAPackage(base + "..")
                        .should().dependOnClassesThat().resideInAPackage("org.portfolio." + other + "..")
                        .because("a service never uses another service's code; it learns from events"));
        Stream<ArchRule> layers = Stream.of(
                noClasses().that().resideInAPackage(base + ".domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                base + ".rest..", base + ".events..", base + ".consumer..", "jakarta.ws.rs..",
                                "org.apache.kafka..",
                                "io.cloudevents..", "org.jboss.resteasy..")
                        .because("the domain does not depend on HTTP, Kafka or event formats"),
                noClasses().that().resideInAnyPackage(base + ".domain..", base + ".service..", base + ".repository..")
                        .should().dependOnClassesThat().resideInAPackage(base + ".rest..")
                        .because("REST is the outermost layer"),
                noClasses().that().resideInAPackage(base + ".rest..")
                        .should().dependOnClassesThat().resideInAPackage(base + ".repository..")
                        .because("resources go through the services, which own transactions and rules, and answer "
                                + "with their own records, never persistence types"),
                noClasses().that().resideOutsideOfPackage(base + ".consumer..")
                        .should().dependOnClassesThat().resideInAPackage(base + ".consumer..")
                        .because("event handlers are an entry point, like resources: nothing calls them"),
                noClasses().that().resideInAPackage(base + ".events..")
                        .should().dependOnClassesThat().resideInAnyPackage(base + ".rest..", base + ".service..",
                                base + ".repository..", base + ".consumer..")
                        .because("events holds the payload records the service publishes, nothing that acts")
                        .allowEmptyShould(true),
                slices().matching(base + ".(*)..").namingSlices("$1")
                        .should().beFreeOfCycles()
                        .because("a package cycle means neither side can be understood or changed alone"),
                methods().that().areDeclaredInClassesThat().resideInAPackage(base + ".rest..")
                        .and().arePublic()
                        .should().notHaveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
                                "an entity", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                        c.isAnnotatedWith("jakarta.persistence.Entity")))
                        .because("resources answer with DTO records, never entities"));
        return Stream.concat(others, layers).toList();
    }
}
