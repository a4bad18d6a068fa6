package org.portfolio.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundaries every service keeps (as in ddd-by-examples/library): no service uses another service's code;
 * the domain knows nothing of HTTP, Kafka or the wire formats; resources never hand out entities.
 * Call {@link #check(String)} from one test per service.
 */
public final class ArchitectureRules {

    private static final List<String> SERVICES = List.of("contracts", "autonomy", "performance", "enrollment", "gateway");

    private ArchitectureRules() {
    }

    /** @param service the service's package under org.portfolio, e.g. "contracts" */
    public static void check(String service) {
        String base = "org.portfolio." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
        rules(service, base).forEach(r -> r.check(classes));
    }

    static List<ArchRule> rules(String service, String base) {
        Stream<ArchRule> others = SERVICES.stream().filter(s -> !s.equals(service)).map(other ->
                noClasses().that().resideInAPackage(base + "..")
                        .should().dependOnClassesThat().resideInAPackage("org.portfolio." + other + "..")
                        .because("a service never uses another service's code; it learns from events"));
        Stream<ArchRule> layers = Stream.of(
                noClasses().that().resideInAPackage(base + ".domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                base + ".rest..", base + ".events..", "jakarta.ws.rs..", "org.apache.kafka..",
                                "io.cloudevents..", "org.jboss.resteasy..")
                        .because("the domain does not depend on HTTP, Kafka or event formats"),
                noClasses().that().resideInAnyPackage(base + ".domain..", base + ".service..", base + ".repository..")
                        .should().dependOnClassesThat().resideInAPackage(base + ".rest..")
                        .because("REST is the outermost layer"),
                methods().that().areDeclaredInClassesThat().resideInAPackage(base + ".rest..")
                        .and().arePublic()
                        .should().notHaveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
                                "an entity", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                        c.isAnnotatedWith("jakarta.persistence.Entity")))
                        .because("resources answer with DTO records, never entities"));
        return Stream.concat(others, layers).toList();
    }
}
