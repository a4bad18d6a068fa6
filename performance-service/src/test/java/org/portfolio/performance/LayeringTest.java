package org.portfolio.performance;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * performance-service's own layering (issue 16): REST goes through services and answers with its own records.
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
}
