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
