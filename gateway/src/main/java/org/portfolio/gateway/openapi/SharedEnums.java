package org.portfolio.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * In the merged document, a property whose inline enum holds exactly the values of one named enum of another service
 * names that enum instead: enrollment-service's copy of a school's status, the contracts scorecard's copy of a grant's
 * status. A generated client got a type per copy ({@code ScorecardAutonomyStatusEnum} beside {@code GrantStatus}),
 * which a value read in one place could not be passed on as in the other without a conversion (twelfth pass, the
 * generated TypeScript client). Only an exact match with one named enum is replaced (two named enums with the same
 * values are left alone: which one is meant is not the merger's to guess); the property's description stays next to
 * the reference. Validation is unchanged: the same values are allowed.
 */
final class SharedEnums {

    private static final String PREFIX = "#/components/schemas/";

    private SharedEnums() {
    }

    /** Replaces the inline copies; the properties it changed, as "Schema.property". */
    static List<String> refer(ObjectNode schemas) {
        Map<Set<String>, List<String>> named = new HashMap<>();
        schemas.fields().forEachRemaining(e -> {
            Set<String> values = stringEnum(e.getValue());
            if (values != null) {
                named.computeIfAbsent(values, v -> new ArrayList<>()).add(e.getKey());
            }
        });
        List<String> changed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            JsonNode properties = schema.getValue().path("properties");
            if (!properties.isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> p = properties.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> property = p.next();
                ObjectNode target = property.getValue().path("items").isObject() && "array".equals(property.getValue().path("type").asText())
                        ? (ObjectNode) property.getValue().get("items") : (ObjectNode) property.getValue();
                Set<String> values = stringEnum(target);
                List<String> matches = values == null ? null : named.get(values);
                if (matches != null && matches.size() == 1 && !matches.get(0).equals(schema.getKey())) {
                    JsonNode description = target.get("description");
                    target.removeAll();
                    target.put("$ref", PREFIX + matches.get(0));
                    if (description != null) {
                        target.set("description", description);
                    }
                    changed.add(schema.getKey() + "." + property.getKey());
                }
            }
        }
        return changed;
    }

    /** The values of a plain string enum (a type, an enum, perhaps a description and examples), else null. */
    private static Set<String> stringEnum(JsonNode s) {
        if (!s.isObject() || !s.path("enum").isArray() || s.has("$ref") || s.has("properties")
                || !("string".equals(s.path("type").asText()) || s.path("type").isArray() && s.path("type").size() == 1
                && "string".equals(s.path("type").get(0).asText()))) {
            return null;
        }
        Set<String> values = new TreeSet<>();
        for (JsonNode v : s.get("enum")) {
            if (!v.isTextual()) {
                return null;
            }
            values.add(v.asText());
        }
        for (Iterator<String> k = s.fieldNames(); k.hasNext(); ) {
            if (!Set.of("type", "enum", "description", "examples", "example", "title").contains(k.next())) {
                return null;
            }
        }
        return values;
    }
}
