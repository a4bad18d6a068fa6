package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * {@code ^(?:…)$} unless it is anchored already; {@code \S} stays as it is (the document's "not blank": some character
 * that is not a space, anywhere).
 */
final class RefSiblings {

    private static final String PREFIX = "#/components/schemas/";

    private final Map<String, Schema> components;
    private final Set<Schema> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private int cleared;

    private RefSiblings(Map<String, Schema> components) {
        this.components = components == null ? Map.of() : components;
    }

    /** Removes the redundant {@code type} siblings of every {@code $ref}; how many it removed. */
    static int clean(OpenAPI api) {
        RefSiblings r = new RefSiblings(api.getComponents() == null ? null : api.getComponents().getSchemas());
        r.components.values().forEach(r::schema);
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                r.parameters(item.getParameters());
                for (Operation op : item.getOperations().values()) {
                    r.parameters(op.getParameters());
                    if (op.getRequestBody() != null) {
                        r.content(op.getRequestBody().getContent());
                    }
                    if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                        for (APIResponse response : op.getResponses().getAPIResponses().values()) {
                            r.content(response.getContent());
                        }
                    }
                }
            }
        }
        return r.cleared;
    }

    private void parameters(List<Parameter> ps) {
        if (ps != null) {
            ps.forEach(p -> schema(p.getSchema()));
        }
    }

    private void content(Content c) {
        if (c != null && c.getMediaTypes() != null) {
            for (MediaType m : c.getMediaTypes().values()) {
                schema(m.getSchema());
            }
        }
    }

    private void schema(Schema s) {
        if (s == null || !seen.add(s)) {
            return;
        }
        if (s.getRef() != null && s.getType() != null && s.getRef().startsWith(PREFIX)) {
            Schema target = components.get(s.getRef().substring(PREFIX.length()));
            if (target != null && s.getType().equals(target.getType())) {
                s.setType(null);
                cleared++;
            }
        }
        String pattern = s.getPattern();
        if (pattern != null && !pattern.equals("\\S") && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
            s.setPattern("^(?:" + pattern + ")$");
        }
        if (s.getProperties() != null) {
            s.getProperties().values().forEach(this::schema);
        }
        schema(s.getItems());
        schema(s.getAdditionalPropertiesSchema());
        for (List<Schema> list : java.util.Arrays.asList(s.getAllOf(), s.getAnyOf(), s.getOneOf(), s.getPrefixItems())) {
            if (list != null) {
                list.forEach(this::schema);
            }
        }
    }
}
