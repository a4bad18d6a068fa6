package org.portfolio.system.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.portfolio.system.compat.ApiChange.Severity.ADDITION;
import static org.portfolio.system.compat.ApiChange.Severity.BREAKING;
import static org.portfolio.system.compat.ApiChange.Severity.ENUM_GROWN;
import static org.portfolio.system.compat.ApiChange.Severity.STRICT_CLIENTS;
import static org.portfolio.system.compat.ApiChange.Severity.UNJUDGED;

/**
 * Compares a released JSON Schema with the current one as a client sees it. A {@link Direction#REQUEST request} schema
 * may accept more and never less (a client sends what the released document allowed); a {@link Direction#RESPONSE
 * response} schema may promise more and never less (a client reads what the released document promised), and what it
 * newly lets through (a wider bound, another pattern, a field in a closed object) is named for clients that validate
 * answers. A schema that both documents take from the same named component is compared once per direction and its
 * changes are named by the component ({@code Contract.terms.items[].code}), so one change to a shared schema is one
 * entry however many operations use it. A keyword this comparison does not judge (oneOf, not, a default, …) is
 * reported when it changes, so that nothing passes unseen.
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
    private static final Set<String> JUDGED = Set.of("type", "format", "enum", "const", "properties", "required", "items",
            "additionalProperties", "allOf", "$ref", "readOnly", "writeOnly", "maxLength", "minLength", "maximum", "minimum",
            "exclusiveMaximum", "exclusiveMinimum", "maxItems", "minItems", "maxProperties", "minProperties", "multipleOf", "pattern");
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "examples", "example", "deprecated",
            "$comment", "externalDocs", "contentMediaType", "contentEncoding", "xml");
    private static final String COMPONENT = "#/components/schemas/";
    /** The schema that allows anything: an {@code items} or map value schema that one side does not have. */
    private static final JsonNode ANY = JsonNodeFactory.instance.objectNode();
    /** The keywords of each {@code allOf} part other than its properties, kept beside the merged schema. */
    static final String ALL_OF_REST = "allOf(other keywords)";

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
        compareChild(at, was, is, d, -1);
    }

    /**
     * Two references to one component: the component once by its name, and what is written beside the references
     * (a description, a pattern, readOnly) here; anything else inline.
     */
    private void compareChild(String at, JsonNode was, JsonNode is, Direction d, int depth) {
        String wasRef = was.path("$ref").asText("");
        if (wasRef.startsWith(COMPONENT) && wasRef.equals(is.path("$ref").asText(""))) {
            String name = wasRef.substring(COMPONENT.length());
            if (compared.add(d + " " + name)) {
                JsonNode bare = JsonNodeFactory.instance.objectNode().put("$ref", wasRef);
                compare(name, resolve(released, bare), resolve(current, bare), d, 0);
            }
            ObjectNode wasBeside = ((ObjectNode) was).deepCopy();
            ObjectNode isBeside = ((ObjectNode) is).deepCopy();
            wasBeside.remove("$ref");
            isBeside.remove("$ref");
            if (!wasBeside.equals(isBeside)) {
                compare(at, wasBeside, isBeside, d, depth + 1);
            }
            return;
        }
        compare(at, resolve(released, was), resolve(current, is), d, depth + 1);
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
            narrowed(at, was, is);
        } else {
            widened(at, was, is);
        }
        unjudged(at, was, is, d);
        properties(at, was, is, d, depth);
        if (was.has("items") || is.has("items")) {
            compareChild(at + "[]", was.path("items").isObject() ? was.get("items") : ANY, is.path("items").isObject() ? is.get("items") : ANY, d, depth);
        }
        additionalProperties(at, was, is, d, depth);
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
        } else if (was.has("const") && !was.get("const").equals(is.get("const"))
                && (isValues == null || !isValues.contains(text(was.get("const"))))) {
            // an event's type or source: the value a consumer subscribed to is gone, not one more added
            add(BREAKING, "response-const-changed " + at + " " + text(was.get("const")) + "→" + (is.has("const") ? text(is.get("const")) : "none"));
        } else if (wasValues != null) {
            if (isValues == null) {
                add(BREAKING, "response-enum-removed " + at);
            } else {
                isValues.stream().filter(v -> !wasValues.contains(v))
                        .forEach(v -> add(ENUM_GROWN, "response-enum-value-added " + at + " " + v));
            }
        }
    }

    /** A request's bound that the current document draws tighter: a value a client sent may now be refused. */
    private void narrowed(String at, JsonNode was, JsonNode is) {
        for (String key : UPPER_BOUNDS) {
            if (is.has(key) && (!was.has(key) || number(is, key).compareTo(number(was, key)) < 0)) {
                add(BREAKING, "request-" + key + "-narrowed " + at + " " + was.path(key).asText("none") + "→" + is.get(key).asText());
            }
        }
        for (String key : LOWER_BOUNDS) {
            if (is.has(key) && (!was.has(key) || number(is, key).compareTo(number(was, key)) > 0)) {
                add(BREAKING, "request-" + key + "-narrowed " + at + " " + was.path(key).asText("none") + "→" + is.get(key).asText());
            }
        }
        if (is.has("multipleOf") && (!was.has("multipleOf")
                || number(was, "multipleOf").remainder(number(is, "multipleOf")).signum() != 0)) {
            add(BREAKING, "request-multipleOf-narrowed " + at + " " + was.path("multipleOf").asText("none") + "→" + is.get("multipleOf").asText());
        }
        if (is.has("pattern") && !samePattern(was.get("pattern"), is.get("pattern"))) {
            add(BREAKING, "request-pattern-changed " + at);
        }
    }

    /**
     * Patterns this comparison knows to match the same values though written apart (it does not compare patterns for
     * inclusion): "not blank" as {@code @NotBlank} gives it, {@code \S}, and anchored for clients that match from the
     * start only (nineteenth pass: Python's {@code re.match} refused " Lincoln").
     */
    static final Map<String, String> SAME_PATTERNS = Map.of("\\S", "^\\s*\\S[\\s\\S]*$");

    static boolean samePattern(JsonNode was, JsonNode is) {
        if (was == null || is == null || !was.isTextual() || !is.isTextual()) {
            return java.util.Objects.equals(was, is);
        }
        String a = was.asText();
        String b = is.asText();
        return a.equals(b) || b.equals(SAME_PATTERNS.get(a)) || a.equals(SAME_PATTERNS.get(b));
    }

    /** An answer's bound that the current document draws wider or drops: a validating client may refuse the answer. */
    private void widened(String at, JsonNode was, JsonNode is) {
        for (String key : UPPER_BOUNDS) {
            if (was.has(key) && (!is.has(key) || number(is, key).compareTo(number(was, key)) > 0)) {
                add(STRICT_CLIENTS, "response-" + key + "-widened " + at + " " + was.get(key).asText() + "→" + is.path(key).asText("none"));
            }
        }
        for (String key : LOWER_BOUNDS) {
            if (was.has(key) && (!is.has(key) || number(is, key).compareTo(number(was, key)) < 0)) {
                add(STRICT_CLIENTS, "response-" + key + "-widened " + at + " " + was.get(key).asText() + "→" + is.path(key).asText("none"));
            }
        }
        if (was.has("multipleOf") && (!is.has("multipleOf")
                || number(is, "multipleOf").remainder(number(was, "multipleOf")).signum() != 0)) {
            add(STRICT_CLIENTS, "response-multipleOf-widened " + at + " " + was.get("multipleOf").asText() + "→" + is.path("multipleOf").asText("none"));
        }
        if (was.has("pattern") && !samePattern(was.get("pattern"), is.get("pattern"))) {
            add(STRICT_CLIENTS, "response-pattern-changed " + at);
        }
    }

    /** Keywords this comparison does not judge: any change is named (a request's default too: a client leaving it out gets another value). */
    private void unjudged(String at, JsonNode was, JsonNode is, Direction d) {
        Set<String> keys = names(was);
        keys.addAll(names(is));
        for (String key : keys) {
            if (JUDGED.contains(key) || ANNOTATIONS.contains(key) || key.startsWith("x-") || d == Direction.RESPONSE && key.equals("default")) {
                continue;
            }
            if (!Objects.equals(was.get(key), is.get(key))) {
                add(UNJUDGED, d.word + "-schema-keyword-changed " + at + " " + key);
            }
        }
    }

    private void properties(String at, JsonNode was, JsonNode is, Direction d, int depth) {
        JsonNode wasProps = was.path("properties");
        JsonNode isProps = is.path("properties");
        Set<String> wasRequired = strings(was.path("required"));
        Set<String> isRequired = strings(is.path("required"));
        for (String name : names(wasProps)) {
            if (hidden(released, wasProps.get(name), d)) {
                continue;
            }
            String where = at + "." + name;
            if (!isProps.has(name) || hidden(current, isProps.get(name), d)) {
                if (d == Direction.RESPONSE || is.has("properties") || closed(is)) {
                    add(BREAKING, d.word + "-property-removed " + where);
                } // else a request's schema that now takes anything still takes it
                continue;
            }
            if (d == Direction.RESPONSE && wasRequired.contains(name) && !isRequired.contains(name)) {
                add(BREAKING, "response-property-optional " + where);
            }
            compareChild(where, wasProps.get(name), isProps.get(name), d, depth);
        }
        boolean closed = closed(was);
        for (String name : names(isProps)) {
            if (hidden(current, isProps.get(name), d)) {
                continue;
            }
            boolean isNew = !wasProps.has(name) || hidden(released, wasProps.get(name), d);
            if (d == Direction.REQUEST && isRequired.contains(name) && (isNew || !wasRequired.contains(name))) {
                add(BREAKING, "request-property-required " + at + "." + name);
            } else if (isNew) {
                add(d == Direction.RESPONSE && closed ? STRICT_CLIENTS : ADDITION, d.word + "-property-added " + at + "." + name);
            }
        }
    }

    private void additionalProperties(String at, JsonNode was, JsonNode is, Direction d, int depth) {
        JsonNode wasMap = was.get("additionalProperties");
        JsonNode isMap = is.get("additionalProperties");
        boolean wasClosed = wasMap != null && wasMap.isBoolean() && !wasMap.asBoolean();
        boolean isClosed = isMap != null && isMap.isBoolean() && !isMap.asBoolean();
        if (d == Direction.REQUEST && isClosed && !wasClosed) {
            add(BREAKING, "request-additional-properties-closed " + at);
        }
        if (d == Direction.RESPONSE && wasClosed && !isClosed) {
            add(STRICT_CLIENTS, "response-additional-properties-opened " + at);
        }
        if (wasMap != null && wasMap.isObject() || isMap != null && isMap.isObject()) {
            // a map's value schema that appears or goes is compared with "anything" on the other side
            compareChild(at + "{}", wasMap != null && wasMap.isObject() ? wasMap : ANY, isMap != null && isMap.isObject() ? isMap : ANY, d, depth);
        }
    }

    private static boolean closed(JsonNode schema) {
        return schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean();
    }

    /** A property a request does not send (readOnly) or an answer does not carry (writeOnly), beside its $ref too. */
    private static boolean hidden(JsonNode doc, JsonNode property, Direction d) {
        return resolve(doc, property).path(d == Direction.REQUEST ? "readOnly" : "writeOnly").asBoolean(false);
    }

    private void add(ApiChange.Severity severity, String id) {
        out.putIfAbsent(id, new ApiChange(id, severity));
    }

    /**
     * The schema a {@code $ref} chain names, with the keywords written beside each {@code $ref} laid over it (OpenAPI
     * 3.1 allows them: a pattern or readOnly beside a reference) and {@code allOf} parts merged into one object schema.
     */
    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        ObjectNode beside = JsonNodeFactory.instance.objectNode();
        for (int hops = 0; s.has("$ref") && hops < 16; hops++) {
            JsonNode from = s;
            from.fieldNames().forEachRemaining(k -> {
                if (!k.equals("$ref") && !beside.has(k)) {
                    beside.set(k, from.get(k));
                }
            });
            String ref = s.get("$ref").asText();
            s = ref.startsWith("#") ? doc.at(ref.substring(1)) : JsonNodeFactory.instance.objectNode();
            if (s.isMissingNode()) {
                s = JsonNodeFactory.instance.objectNode();
            }
        }
        if (!beside.isEmpty() && s.isObject()) {
            ObjectNode laid = ((ObjectNode) s).deepCopy();
            laid.remove("$ref");
            laid.setAll(beside);
            s = laid;
        }
        if (!s.has("allOf")) {
            return s;
        }
        ObjectNode merged = ((ObjectNode) s).deepCopy();
        merged.remove("allOf");
        ObjectNode props = merged.has("properties") ? (ObjectNode) merged.get("properties") : merged.putObject("properties");
        Set<String> required = new LinkedHashSet<>(strings(merged.path("required")));
        com.fasterxml.jackson.databind.node.ArrayNode rest = JsonNodeFactory.instance.arrayNode();
        for (JsonNode part : s.get("allOf")) {
            JsonNode p = resolve(doc, part);
            p.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
            required.addAll(strings(p.path("required")));
            ObjectNode left = rest.addObject();
            p.fields().forEachRemaining(e -> {
                if (!merged.has(e.getKey())) {
                    merged.set(e.getKey(), e.getValue());
                }
                if (!Set.of("properties", "required", "type", "additionalProperties").contains(e.getKey())
                        && !ANNOTATIONS.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                    left.set(e.getKey(), e.getValue());
                }
            });
        }
        // what a part says besides its properties (if/then, not, oneOf): compared as one keyword, so that a change
        // in a later part is seen too
        merged.set(ALL_OF_REST, rest);
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
        } else if (s.has("enum")) {
            s.get("enum").forEach(v -> t.add(jsonType(v)));
        } else if (s.has("properties")) {
            t.add("object");
        }
        return t;
    }

    /** Whether every type of {@code narrower} is one of {@code wider}'s (an integer is a number). */
    private static boolean widens(Set<String> wider, Set<String> narrower) {
        return narrower.stream().allMatch(t -> wider.contains(t) || t.equals("integer") && wider.contains("number"));
    }

    private static java.math.BigDecimal number(JsonNode s, String key) {
        return s.get(key).decimalValue();
    }

    private static String jsonType(JsonNode v) {
        return v.isTextual() ? "string" : v.isIntegralNumber() ? "integer" : v.isNumber() ? "number"
                : v.isBoolean() ? "boolean" : v.isArray() ? "array" : v.isNull() ? "null" : "object";
    }

    private static Set<String> values(JsonNode s) {
        if (s.has("enum")) {
            Set<String> v = new TreeSet<>();
            s.get("enum").forEach(x -> v.add(text(x)));
            return v;
        }
        return s.has("const") ? new TreeSet<>(Set.of(text(s.get("const")))) : null;
    }

    /** An enum value as the changelog names it: a string as it is, anything else as JSON. */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
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
