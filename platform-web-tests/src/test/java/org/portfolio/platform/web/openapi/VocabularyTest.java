package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.vocabulary.Grade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside check of 2026-12-06 (a TypeScript client generated from the merged document): a grade was typed five ways
 * across the services. Each service now names the one {@code Grade} schema, defined alike in every document.
 */
class VocabularyTest {

    @Test
    void aReferencedGradeIsDefinedTheSameEverywhereAndThePatternBesideTheReferenceGoes() {
        Schema field = OASFactory.createSchema().ref("#/components/schemas/Grade").pattern("PK|K|[1-9]|1[0-2]")
                .description("The grade applied for");
        Schema request = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).addProperty("grade", field);
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("ApplicantRequest", request));

        Vocabulary.declare(api);

        Schema grade = api.getComponents().getSchemas().get("Grade");
        assertThat(grade.getType()).containsExactly(Schema.SchemaType.STRING);
        assertThat(grade.getEnumeration()).containsExactly("PK", "K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        assertThat(grade.getDescription()).isEqualTo(Grade.DESCRIPTION);
        assertThat(field.getPattern()).as("the enum is exactly the pattern's set").isNull();
        assertThat(field.getDescription()).isEqualTo("The grade applied for");
    }

    @Test
    void aDocumentThatNamesNoGradeGetsNone() {
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("Other",
                OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));

        Vocabulary.declare(api);

        assertThat(api.getComponents().getSchemas()).containsOnlyKeys("Other");
    }

    /** The services check grades with this pattern: the referenced enum must accept exactly what it accepts. */
    @Test
    void theGradesPatternAcceptsExactlyTheEnumsValues() {
        Pattern services = Pattern.compile("PK|K|[1-9]|1[0-2]");
        List<String> candidates = new ArrayList<>(List.of("PK", "K", "pk", "k", "KG", "0", "00", "01", "13", "", " 1", "1 "));
        for (int i = 0; i <= 20; i++) {
            candidates.add(Integer.toString(i));
        }
        List<String> labels = Arrays.stream(Grade.values()).map(Grade::label).toList();
        for (String c : candidates) {
            assertThat(services.matcher(c).matches()).as(c).isEqualTo(labels.contains(c));
        }
    }
}
