package org.portfolio.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * In the merged document, a property that shows another service's fixed set names that service's enum: enrollment's
 * copy of a school's status and type, the contracts scorecard's copies of a grant's status and an integrity flag's rule
 * and status. A generated client got a type per copy ({@code ScorecardAutonomyStatusEnum} beside {@code GrantStatus})
 * that a value read in one place could not be passed on as in the other (twelfth pass, the generated TypeScript
 * client). The copying service says which enum it copies ({@code x-shared-enum: GrantStatus} on the property or its
 * items); the merger replaces the inline enum by a reference only when that component is there and holds exactly the
 * same values, and removes the marker either way. Matching by values alone, a first version also tied an Ed-Fi
 * derivation problem's kind to performance-service's CorrectionKind (hostile read of the twelfth pass). The
 * property's description, examples and title stay next to the reference.
 */
final class SharedEnums {

    static final String MARKER = "x-shared-enum";
    private static final String PREFIX = "#/components/schemas/";
    private static final Set<String> KEPT = Set.of("description", "examples", "example", "title");

    private SharedEnums() {
    }

    /** Replaces the marked copies that match their enum; the properties it changed, as "Schema.property". */
    static List<String> refer(ObjectNode schemas) {
        List<String> changed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            JsonNode properties = schema.getValue().path("properties");
            if (!properties.isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> p = properties.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> property = p.next();
                if (!property.getValue().isObject()) {
                    continue; // a boolean schema
                }
                ObjectNode target = (ObjectNode) property.getValue();
                if (!target.has(MARKER) && target.path("items").isObject()) {
                    target = (ObjectNode) target.get("items");
                }
                JsonNode marker = target.remove(MARKER);
                if (marker == null || !marker.isTextual()) {
                    continue;
                }
                Set<String> values = stringEnum(target);
                JsonNode named = schemas.path(marker.asText());
                if (values != null && values.equals(stringEnum(named))) {
                    ObjectNode copy = target;
                    ObjectNode kept = copy.deepCopy();
                    copy.removeAll();
                    copy.put("$ref", PREFIX + marker.asText());
                    kept.fields().forEachRemaining(e -> {
                        if (KEPT.contains(e.getKey())) {
                            copy.set(e.getKey(), e.getValue());
                        }
                    });
                    changed.add(schema.getKey() + "." + property.getKey());
                }
            }
        }
        return changed;
    }

    /** The values of a plain string enum (a type, an enum, perhaps a description, examples, title), else null. */
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
            String key = k.next();
            if (!KEPT.contains(key) && !key.equals("type") && !key.equals("enum")) {
                return null;
            }
        }
        return values;
    }
}
