package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.Map;

/**
 * SmallRye writes a {@code type} next to a {@code $ref} when a field of a referenced type (a UUID, a LocalDate, an
 * enum) carries its own description or example: {@code {"$ref": "#/components/schemas/UUID", "type": "string"}}. JSON
 * Schema 2020-12 allows it, but code generators drop the sibling with a warning ("Type(s) cleared") and some type the
 * field from the sibling instead of the reference. The referenced schema already says the type: this removes the
 * sibling {@code type} wherever it repeats the referenced component's own type, and keeps the description and examples.
 *
 * <p>On the same walk it anchors every {@code pattern}: Bean Validation's {@code @Pattern} matches the whole value,
 * JSON Schema's {@code pattern} (and a generated client's regex check) any part of it, so {@code PK|K|[1-9]|1[0-2]}
 * admitted "13" in the document and not in the service (outside review of 2026-12-06, eighth pass). A pattern becomes
 * {@code ^(?:…)$} unless it is anchored already. The "not blank" that {@code @NotBlank} gives, {@code \S} (some character
 * that is not a space, anywhere), is written anchored too, as {@link #NOT_BLANK}: openapi-generator's Python client
 * checks a pattern with {@code re.match}, from the start only, and refused a valid {@code " Lincoln"} (nineteenth pass,
 * outside check; openapi-generator#20559).
 */
final class RefSiblings {

    private static final String PREFIX = "#/components/schemas/";

    /** "Not blank", anchored: any spaces, then a character that is not one, then anything. */
    static final String NOT_BLANK = "^\\s*\\S[\\s\\S]*$";

    private RefSiblings() {
    }

    /** Removes the redundant {@code type} siblings of every {@code $ref} and anchors every pattern; how many siblings it removed. */
    static int clean(OpenAPI api) {
        Map<String, Schema> components = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? Map.of() : api.getComponents().getSchemas();
        int[] cleared = {0};
        SchemaWalk.each(api, s -> {
            if (s.getRef() != null && s.getType() != null && s.getRef().startsWith(PREFIX)) {
                Schema target = components.get(s.getRef().substring(PREFIX.length()));
                if (target != null && s.getType().equals(target.getType())) {
                    s.setType(null);
                    cleared[0]++;
                }
            }
            String pattern = s.getPattern();
            if (pattern != null && pattern.equals("\\S")) {
                s.setPattern(NOT_BLANK);
            } else if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
                s.setPattern("^(?:" + pattern + ")$");
            }
        });
        return cleared[0];
    }
}
