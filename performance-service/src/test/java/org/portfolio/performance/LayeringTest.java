package org.portfolio.performance;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * performance-service's own layering (issue 16): REST goes through services and answers with its own records; the
 * COPY and staging SQL of uploads live in the repository layer; only one bean handles Idempotency-Key claims.
 */
class LayeringTest {

    private static final String BASE = "org.portfolio.performance";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    @Test
    void restUsesServicesNotRepositories() {
        noClasses().that().resideInAPackage(BASE + ".rest..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".repository..")
                .because("resources go through a service and answer with their own records")
                .check(CLASSES);
    }

    @Test
    void uploadsReachTheDatabaseThroughTheRepositoryLayer() {
        noClasses().that().resideInAPackage(BASE + ".service..")
                .should().dependOnClassesThat().resideInAPackage("org.postgresql..")
                .because("COPY and the staging tables of uploads belong behind the repository layer")
                .check(CLASSES);
    }

    @Test
    void idempotencyClaimsHaveTheirOwnBean() {
        noClasses().that().resideInAPackage(BASE + ".service..").and().doNotHaveSimpleName("IdempotencyClaims")
                .should().dependOnClassesThat().haveSimpleName("IdempotencyStore")
                .because("claiming, replaying and releasing an Idempotency-Key is one bean's job")
                .check(CLASSES);
    }
}
