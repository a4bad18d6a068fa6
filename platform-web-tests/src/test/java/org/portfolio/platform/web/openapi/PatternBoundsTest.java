package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** OWASP's API ruleset and Redocly: a request string without {@code maxLength}, though its pattern bounds it. */
class PatternBoundsTest {

    private static final String UUID_OR_32_HEX = "^([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";

    private static Schema string(String pattern) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).pattern(pattern);
    }

    @Test
    void theLongestStringOfEachOfOurBoundedPatterns() {
        assertThat(PatternBounds.maxLength("^\\d{4}-\\d{2}$")).hasValue(7);
        assertThat(PatternBounds.maxLength("^[A-Z][A-Z0-9_]{1,59}$")).hasValue(60);
        assertThat(PatternBounds.maxLength("^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63})$")).hasValue(64);
        assertThat(PatternBounds.maxLength(UUID_OR_32_HEX)).hasValue(36);
        assertThat(PatternBounds.maxLength("^[0-9]{1,18}$")).hasValue(18);
        assertThat(PatternBounds.maxLength("^[A-Za-z0-9._:\\-]{1,64}$")).hasValue(64);
        assertThat(PatternBounds.maxLength("^(?:\\d{12})$")).hasValue(12);
        assertThat(PatternBounds.maxLength("^(?:[0-9a-f]{64})$")).hasValue(64);
        assertThat(PatternBounds.maxLength("^(?:PK|K|[1-9]|1[0-2])$")).hasValue(2);
    }

    @Test
    void groupsAlternativesOptionalsLazyQuantifiersAndEscapes() {
        assertThat(PatternBounds.maxLength("^$")).hasValue(0);
        assertThat(PatternBounds.maxLength("^(ab|c){2}x?$")).hasValue(5);
        assertThat(PatternBounds.maxLength("^a{2,3}?b??.$")).hasValue(5);
        assertThat(PatternBounds.maxLength("^\\u0041{3}\\x42\\/\\.$")).hasValue(6);
        assertThat(PatternBounds.maxLength("^a\\\\$")).as("an escaped backslash, then the anchor").hasValue(2);
        assertThat(PatternBounds.maxLength("^()(?:)$")).hasValue(0);
    }

    @Test
    void aClassWithABracketOrADashIsOneCharacter() {
        assertThat(PatternBounds.maxLength("^[\\]\\-a-z]{1,5}$")).hasValue(5);
        assertThat(PatternBounds.maxLength("^[^\\]]{0,3}]$")).as("a ']' outside a class is itself").hasValue(4);
        assertThat(PatternBounds.maxLength("^[-a]-[a-]$")).hasValue(3);
        assertThat(PatternBounds.maxLength("^[$^|(*+]{2}$")).as("anchors and operators in a class are members").hasValue(2);
        assertThat(PatternBounds.maxLength("^[]a]$")).as("ECMAScript: the empty class; Java: a ']' member").isEmpty();
        assertThat(PatternBounds.maxLength("^[^]a]$")).isEmpty();
        assertThat(PatternBounds.maxLength("^[a[b]]$")).as("a class in a class (Java)").isEmpty();
        assertThat(PatternBounds.maxLength("^[a-z$")).as("an open class").isEmpty();
    }

    @Test
    void unboundedUnanchoredOrUnreadPatternsHaveNone() {
        for (String p : List.of("^([Pp][Kk]|[Kk]|0*([1-9]|1[0-2]))$", "^/[A-Za-z0-9._/-]+$", "^[A-Za-z0-9._-]+$",
                "^a{2,}$", "^(?:[^\\x00-\\x1F\\x7F]+)$", "\\S", "[0-9]{1,18}", "^[0-9]{1,18}", "[0-9]{1,18}$",
                "^a|b$", "^(a|b)$|c", "^a\\$", "^a$$", "^(a$)$", "^(a)\\1$", "^(?=a)a$", "^(?i)a$", "^(?<n>a)$",
                "^a\\b$", "^\\p{L}$", "^\\Qa\\E$", "^\\0$", "^\\u00G1$", "^a{3,2}$", "^a{2}{3}$", "^a???$", "^*a$",
                "^(a$", "^a)$", "^a{1,2$", "^a{99999999999}$", "^")) {
            assertThat(PatternBounds.maxLength(p)).as(p).isEmpty();
        }
    }

    @Test
    void everyStringSchemaOfTheDocumentWithoutOneGetsItsPatternsBoundAndNothingElseChanges() {
        Schema year = string("^\\d{4}-\\d{2}$");
        Schema studentId = string("^[A-Za-z0-9._:\\-]{1,64}$");
        Schema code = string("^(?:\\d{12})$");
        Schema grade = string("^([Pp][Kk]|[Kk]|0*([1-9]|1[0-2]))$");
        Schema unanchored = string("[0-9]{1,18}");
        Schema kept = string("^[A-Z][A-Z0-9_]{0,59}$").maxLength(20);
        Schema number = OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).pattern("^[0-9]{1,18}$");
        Schema untyped = OASFactory.createSchema().ref("#/components/schemas/Code").pattern("^[A-Z]{3}$");
        Schema nullable = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL))
                .pattern("^[0-9]{1,18}$");
        Schema row = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("student", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                        .addProperty("studentId", studentId))
                .addProperty("ncesIds", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(code))
                .addProperty("grade", grade).addProperty("district", unanchored).addProperty("subject", kept)
                .addProperty("count", number).addProperty("unit", untyped).addProperty("next", nullable);
        Schema decision = string("^[A-Z][A-Z0-9_]{1,59}$");
        OpenAPI api = OASFactory.createOpenAPI()
                .components(OASFactory.createComponents().addSchema("UploadRow", row))
                .paths(OASFactory.createPaths().addPathItem("/api/decisions/{code}", OASFactory.createPathItem()
                        .GET(OASFactory.createOperation().addParameter(OASFactory.createParameter()
                                .name("code").in(Parameter.In.PATH).schema(decision)))
                        .PUT(OASFactory.createOperation().requestBody(OASFactory.createRequestBody()
                                .content(OASFactory.createContent().addMediaType("application/json",
                                        OASFactory.createMediaType().schema(year)))))));

        assertThat(PatternBounds.apply(api)).isEqualTo(6);

        assertThat(studentId.getMaxLength()).as("a nested property").isEqualTo(64);
        assertThat(code.getMaxLength()).as("an array's items").isEqualTo(12);
        assertThat(decision.getMaxLength()).as("a parameter's schema").isEqualTo(60);
        assertThat(year.getMaxLength()).as("a request body's schema").isEqualTo(7);
        assertThat(untyped.getMaxLength()).as("no type: maxLength applies where the pattern does").isEqualTo(3);
        assertThat(nullable.getMaxLength()).isEqualTo(18);
        assertThat(grade.getMaxLength()).as("0* is unbounded").isNull();
        assertThat(unanchored.getMaxLength()).isNull();
        assertThat(kept.getMaxLength()).isEqualTo(20);
        assertThat(number.getMaxLength()).isNull();
        assertThat(studentId.getPattern()).isEqualTo("^[A-Za-z0-9._:\\-]{1,64}$");
        assertThat(studentId.getMinLength()).isNull();
    }

    @Test
    void theServicesFilterBoundsTheAnchoredPatternsItWrites() {
        Schema grade = string("PK|K|[1-9]|1[0-2]");
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSchema("SchoolRequest", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                        .addProperty("grade", grade)));

        new ProblemResponses().filterOpenAPI(api);

        assertThat(grade.getPattern()).isEqualTo("^(?:PK|K|[1-9]|1[0-2])$");
        assertThat(grade.getMaxLength()).isEqualTo(2);
    }
}
