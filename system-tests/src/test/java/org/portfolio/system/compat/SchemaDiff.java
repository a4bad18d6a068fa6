package org.portfolio.system.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.portfolio.system.compat.ApiChange.Severity.ADDITION;
import static org.portfolio.system.compat.ApiChange.Severity.BREAKING;
import static org.portfolio.system.compat.ApiChange.Severity.ENUM_GROWN;

/**
 * Compares a released JSON Schema with the current one as a client sees it. A {@link Direction#REQUEST request} schema
 * may accept more and never less (a client sends what the released document allowed); a {@link Direction#RESPONSE
 * response} schema may promise more and never less (a client reads what the released document promised). A schema
 * that both documents take from the same named component is compared once per direction and its changes are named
 * by the component ({@code Contract.terms.items[].code}), so one change to a shared schema is one entry however many
 * operations use it.
 */
final class SchemaDiff {

    enum Direction {
        REQUEST("request"), RESPONSE("response");

        final String word;

        Direction(String word) {
            this.word = word;
        }
    }

    private static final List<String> UPPER_BOUNDS = List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties");
    private static final List<String> LOWER_BOUNDS = List.of("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties");
    private static final String COMPONENT = "#/components/schemas/";

    private final JsonNode released;
    private final JsonNode current;
    private final Map<String, ApiChange> out;
    private final Set<String> compared = new HashSet<>();

    SchemaDiff(JsonNode released, JsonNode current, Map<String, ApiChange> out) {
        this.released = released;
        this.current = current;
        this.out = out;
    }

    void compare(String at, JsonNode was, JsonNode is, Direction d) {
        String wasRef = was.path("$ref").asText("");
        String isRef = is.path("$ref").asText("");
        if (wasRef.startsWith(COMPONENT) && wasRef.equals(isRef)) {
            String name = wasRef.substring(COMPONENT.length());
            if (compared.add(d + " " + name)) {
                compare(name, resolve(released, was), resolve(current, is), d, 0);
            }
            return;
        }
        compare(at, resolve(released, was), resolve(current, is), d, 0);
    }

    private void compare(String at, JsonNode was, JsonNode is, Direction d, int depth) {
        if (depth > 64) {
            return;
        }
        Set<String> wasTypes = types(was);
        Set<String> isTypes = types(is);
        boolean typeBroken = d == Direction.REQUEST
                ? !isTypes.isEmpty() && (wasTypes.isEmpty() || !widens(isTypes, wasTypes))
                : !wasTypes.isEmpty() && (isTypes.isEmpty() || !widens(wasTypes, isTypes));
        if (typeBroken) {
            add(BREAKING, d.word + "-type-changed " + at + " " + wasTypes + "→" + isTypes);
            return;
        }
        String wasFormat = was.path("format").asText(null);
        String isFormat = is.path("format").asText(null);
        if (d == Direction.REQUEST ? isFormat != null && !isFormat.equals(wasFormat) : wasFormat != null && !wasFormat.equals(isFormat)) {
            add(BREAKING, d.word + "-format-changed " + at + " " + wasFormat + "→" + isFormat);
        }
        enums(at, was, is, d);
        if (d == Direction.REQUEST) {
            bounds(at, was, is);
        }
        properties(at, was, is, d, depth);
        if (was.has("items") && is.has("items")) {
            compareChild(at + "[]", was.get("items"), is.get("items"), d, depth);
        }
        JsonNode wasMap = was.get("additionalProperties");
        JsonNode isMap = is.get("additionalProperties");
        if (d == Direction.REQUEST && isMap != null && isMap.isBoolean() && !isMap.asBoolean()
                && (wasMap == null || !wasMap.isBoolean() || wasMap.asBoolean())) {
            add(BREAKING, "request-additional-properties-closed " + at);
        }
        if (wasMap != null && wasMap.isObject() && isMap != null && isMap.isObject()) {
            compareChild(at + "{}", wasMap, isMap, d, depth);
        }
    }

    private void compareChild(String at, JsonNode was, JsonNode is, Direction d, int depth) {
        String wasRef = was.path("$ref").asText("");
        if (wasRef.startsWith(COMPONENT) && wasRef.equals(is.path("$ref").asText(""))) {
            compare(at, was, is, d);
        } else {
            compare(at, resolve(released, was), resolve(current, is), d, depth + 1);
        }
    }

    private void enums(String at, JsonNode was, JsonNode is, Direction d) {
        Set<String> wasValues = values(was);
        Set<String> isValues = values(is);
        if (d == Direction.REQUEST) {
            if (isValues != null) {
                if (wasValues == null) {
                    add(BREAKING, "request-enum-added " + at);
                } else {
                    wasValues.stream().filter(v -> !isValues.contains(v))
                            .forEach(v -> add(BREAKING, "request-enum-value-removed " + at + " " + v));
                }
            }
        } else if (wasValues != null) {
            if (isValues == null) {
                add(BREAKING, "response-enum-removed " + at);
            } else {
                isValues.stream().filter(v -> !wasValues.contains(v))
                        .forEach(v -> add(ENUM_GROWN, "response-enum-value-added " + at + " " + v));
            }
        }
    }

    private void bounds(String at, JsonNode was, JsonNode is) {
        for (String key : UPPER_BOUNDS) {
            if (is.has(key) && (!was.has(key) || is.get(key).decimalValue().compareTo(was.get(key).decimalValue()) < 0)) {
                add(BREAKING, "request-" + key + "-narrowed " + at + " " + was.path(key).asText("none") + "→" + is.get(key).asText());
            }
        }
        for (String key : LOWER_BOUNDS) {
            if (is.has(key) && (!was.has(key) || is.get(key).decimalValue().compareTo(was.get(key).decimalValue()) > 0)) {
                add(BREAKING, "request-" + key + "-narrowed " + at + " " + was.path(key).asText("none") + "→" + is.get(key).asText());
            }
        }
        if (is.has("multipleOf") && (!was.has("multipleOf")
                || was.get("multipleOf").decimalValue().remainder(is.get("multipleOf").decimalValue()).signum() != 0)) {
            add(BREAKING, "request-multipleOf-narrowed " + at + " " + was.path("multipleOf").asText("none") + "→" + is.get("multipleOf").asText());
        }
        if (is.has("pattern") && !is.get("pattern").equals(was.get("pattern"))) {
            add(BREAKING, "request-pattern-changed " + at);
        }
    }

    private void properties(String at, JsonNode was, JsonNode is, Direction d, int depth) {
        JsonNode wasProps = was.path("properties");
        JsonNode isProps = is.path("properties");
        Set<String> wasRequired = strings(was.path("required"));
        Set<String> isRequired = strings(is.path("required"));
        String hidden = d == Direction.REQUEST ? "readOnly" : "writeOnly";
        for (String name : names(wasProps)) {
            JsonNode w = wasProps.get(name);
            if (resolve(released, w).path(hidden).asBoolean(false)) {
                continue;
            }
            String where = at + "." + name;
            if (!isProps.has(name)) {
                add(BREAKING, d.word + "-property-removed " + where);
                continue;
            }
            if (d == Direction.RESPONSE && wasRequired.contains(name) && !isRequired.contains(name)) {
                add(BREAKING, "response-property-optional " + where);
            }
            compareChild(where, w, isProps.get(name), d, depth);
        }
        for (String name : names(isProps)) {
            if (resolve(current, isProps.get(name)).path(hidden).asBoolean(false)) {
                continue;
            }
            boolean isNew = !wasProps.has(name);
            if (d == Direction.REQUEST && isRequired.contains(name) && (isNew || !wasRequired.contains(name))) {
                add(BREAKING, "request-property-required " + at + "." + name);
            } else if (isNew) {
                add(ADDITION, d.word + "-property-added " + at + "." + name);
            }
        }
    }

    private void add(ApiChange.Severity severity, String id) {
        out.putIfAbsent(id, new ApiChange(id, severity));
    }

    /** The schema a {@code $ref} chain names, with {@code allOf} parts merged into one object schema. */
    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; s.has("$ref") && hops < 16; hops++) {
            String ref = s.get("$ref").asText();
            s = ref.startsWith("#") ? doc.at(ref.substring(1)) : s;
            if (s.isMissingNode()) {
                return JsonNodeFactory.instance.objectNode();
            }
        }
        if (!s.has("allOf")) {
            return s;
        }
        ObjectNode merged = ((ObjectNode) s).deepCopy();
        merged.remove("allOf");
        ObjectNode props = merged.has("properties") ? (ObjectNode) merged.get("properties") : merged.putObject("properties");
        Set<String> required = new LinkedHashSet<>(strings(merged.path("required")));
        for (JsonNode part : s.get("allOf")) {
            JsonNode p = resolve(doc, part);
            p.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
            required.addAll(strings(p.path("required")));
            p.fields().forEachRemaining(e -> {
                if (!merged.has(e.getKey())) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
        }
        merged.putArray("required").addAll(required.stream().map(JsonNodeFactory.instance::textNode).toList());
        return merged;
    }

    /** The JSON types a schema allows; {@code integer} is a {@code number} too; empty means any. */
    static Set<String> types(JsonNode s) {
        Set<String> t = new TreeSet<>();
        JsonNode type = s.get("type");
        if (type != null && type.isTextual()) {
            t.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(x -> t.add(x.asText()));
        } else if (s.has("const")) {
            t.add(jsonType(s.get("const")));
        } else if (s.has("properties")) {
            t.add("object");
        }
        return t;
    }

    /** Whether every type of {@code narrower} is one of {@code wider}'s (an integer is a number). */
    private static boolean widens(Set<String> wider, Set<String> narrower) {
        return narrower.stream().allMatch(t -> wider.contains(t) || t.equals("integer") && wider.contains("number"));
    }

    private static String jsonType(JsonNode v) {
        return v.isTextual() ? "string" : v.isIntegralNumber() ? "integer" : v.isNumber() ? "number"
                : v.isBoolean() ? "boolean" : v.isArray() ? "array" : v.isNull() ? "null" : "object";
    }

    private static Set<String> values(JsonNode s) {
        if (s.has("enum")) {
            Set<String> v = new TreeSet<>();
            s.get("enum").forEach(x -> v.add(x.asText()));
            return v;
        }
        return s.has("const") ? new TreeSet<>(Set.of(s.get("const").asText())) : null;
    }

    static Set<String> strings(JsonNode array) {
        Set<String> s = new TreeSet<>();
        array.forEach(x -> s.add(x.asText()));
        return s;
    }

    static Set<String> names(JsonNode object) {
        Set<String> s = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            s.add(it.next());
        }
        return s;
    }
}
