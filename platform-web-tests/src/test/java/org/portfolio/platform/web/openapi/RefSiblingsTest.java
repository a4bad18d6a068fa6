package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12's leftover: a {@code type} next to a {@code $ref} made generated clients warn "Type(s) cleared". */
class RefSiblingsTest {

    @Test
    void aTypeThatRepeatsTheReferencedSchemasOwnIsRemovedAndTheDescriptionAndExamplesStay() {
        Schema uuid = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uuid");
        Schema field = OASFactory.createSchema().ref("#/components/schemas/UUID").type(List.of(Schema.SchemaType.STRING))
                .description("The school the child attends now").examples(List.of("3f6c1d2e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"));
        Schema listed = OASFactory.createSchema().ref("#/components/schemas/UUID").type(List.of(Schema.SchemaType.STRING));
        Schema other = OASFactory.createSchema().ref("#/components/schemas/UUID").type(List.of(Schema.SchemaType.INTEGER));
        Schema request = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("currentSchoolId", field)
                .addProperty("siblings", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(listed))
                .addProperty("odd", other);
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSchema("UUID", uuid).addSchema("ApplicantRequest", request));

        assertThat(RefSiblings.clean(api)).isEqualTo(2);

        assertThat(field.getType()).isNull();
        assertThat(field.getRef()).isEqualTo("#/components/schemas/UUID");
        assertThat(field.getDescription()).isEqualTo("The school the child attends now");
        assertThat(field.getExamples()).hasSize(1);
        assertThat(listed.getType()).isNull();
        assertThat(other.getType()).as("a sibling that disagrees is not ours to settle").containsExactly(Schema.SchemaType.INTEGER);
        assertThat(uuid.getType()).containsExactly(Schema.SchemaType.STRING);
    }

    /** Outside review of 2026-12-06 (eighth pass): unanchored, "13" matched a grade's pattern in the document. */
    @Test
    void everyPatternIsAnchoredAsBeanValidationMatchesItAndNotBlankStays() {
        Schema grade = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).pattern("PK|K|[1-9]|1[0-2]");
        Schema year = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).pattern("^\\d{4}-\\d{2}$");
        Schema notBlank = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).pattern("\\S");
        Schema code = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).pattern("\\d{12}");
        Schema request = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("grade", grade).addProperty("schoolYear", year).addProperty("name", notBlank)
                .addProperty("ncesIds", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(code));
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("SchoolRequest", request));

        RefSiblings.clean(api);

        assertThat(grade.getPattern()).isEqualTo("^(?:PK|K|[1-9]|1[0-2])$");
        assertThat(java.util.regex.Pattern.compile(grade.getPattern()).matcher("13").find()).isFalse();
        assertThat(java.util.regex.Pattern.compile(grade.getPattern()).matcher("12").find()).isTrue();
        assertThat(year.getPattern()).isEqualTo("^\\d{4}-\\d{2}$");
        // "not blank" anchored, so that a check from the start only (Python's re.match) reads it as JSON Schema does
        // (nineteenth pass: the Python client refused " Lincoln")
        assertThat(notBlank.getPattern()).isEqualTo("^\\s*\\S[\\s\\S]*$");
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(notBlank.getPattern());
        assertThat(p.matcher(" Lincoln").lookingAt()).isTrue();
        assertThat(p.matcher("\tRivera").lookingAt()).isTrue();
        assertThat(p.matcher("x\n").lookingAt()).isTrue();
        assertThat(p.matcher("   ").lookingAt()).isFalse();
        assertThat(p.matcher("").lookingAt()).isFalse();
        assertThat(code.getPattern()).isEqualTo("^(?:\\d{12})$");
    }
}
