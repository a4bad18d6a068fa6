package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twelfth pass (a generated TypeScript client): a Java {@code Set} became {@code uniqueItems}, which generators type as
 * a set — written as {@code {}} by {@code JSON.stringify}, and not the array the matching answer holds.
 */
class UniqueItemsTest {

    @Test
    void everySetIsAnArrayWhoseDescriptionSaysARepeatedValueCountsOnce() {
        Schema roles = OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).uniqueItems(true)
                .description("The client's roles").items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        Schema grades = OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).uniqueItems(true)
                .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        Schema list = OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).description("Ranked")
                .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        Schema request = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("roles", roles).addProperty("grades", grades).addProperty("choices", list);
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("ClientRequest", request));

        assertThat(UniqueItems.drop(api)).isEqualTo(2);

        assertThat(roles.getUniqueItems()).isNull();
        assertThat(roles.getDescription()).isEqualTo("The client's roles. " + UniqueItems.NOTE);
        assertThat(grades.getUniqueItems()).isNull();
        assertThat(grades.getDescription()).isEqualTo(UniqueItems.NOTE);
        assertThat(list.getDescription()).isEqualTo("Ranked");
    }
}
