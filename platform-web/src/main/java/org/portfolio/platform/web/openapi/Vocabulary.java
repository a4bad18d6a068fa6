package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.portfolio.platform.web.vocabulary.Grade;
import org.portfolio.platform.web.vocabulary.Role;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The schemas of the suite's shared vocabulary ({@code org.portfolio.platform.web.vocabulary}), written the same way in
 * every service's document so that the gateway's merged document keeps each one once (it keeps components of the same
 * name only when their content is the same, and renames them after their service otherwise).
 *
 * <p>A service names one by reference: a field of that enum type, or a text field checked by its own pattern (the
 * same set of values) annotated {@code @Schema(ref = Grade.SCHEMA)}, which SmallRye writes as a bare {@code $ref}
 * without defining the component. Wherever a document refers to one, this defines it (or writes it again, so that
 * the definition SmallRye made from the enum and this one cannot drift apart), and removes a {@code pattern} written
 * next to the reference by Bean Validation's {@code @Pattern}: the referenced enum is exactly the pattern's set, and a
 * sibling beside a {@code $ref} is what code generators handle worst. The service's own check is unchanged: the same
 * values are accepted, and a bad one gets the same problem.
 */
final class Vocabulary {

    private static final String PREFIX = "#/components/schemas/";

    /** Each shared schema by name. */
    static final Map<String, Supplier<Schema>> SCHEMAS = Map.of(
            Grade.SCHEMA, () -> OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                    .description(Grade.DESCRIPTION)
                    .enumeration(Arrays.stream(Grade.values()).<Object>map(Grade::label).toList()),
            Role.SCHEMA, () -> OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                    .description(Role.DESCRIPTION)
                    .enumeration(Role.names().stream().<Object>map(n -> n).toList()));

    private Vocabulary() {
    }

    /** Defines the shared schemas the document refers to. */
    static void declare(OpenAPI api) {
        Set<String> used = new TreeSet<>();
        SchemaWalk.each(api, SCHEMAS::containsKey, s -> {
            if (s.getRef() != null && s.getRef().startsWith(PREFIX) && SCHEMAS.containsKey(s.getRef().substring(PREFIX.length()))) {
                used.add(s.getRef().substring(PREFIX.length()));
                s.setPattern(null);
            }
        });
        if (used.isEmpty()) {
            return;
        }
        Components components = api.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            api.setComponents(components);
        }
        for (String name : used) {
            components.addSchema(name, SCHEMAS.get(name).get());
        }
    }
}
