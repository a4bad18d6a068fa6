package org.portfolio.system.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the malformed and hostile requests of the sweep from the merged OpenAPI document alone: for every
 * operation its path parameters, query parameters and request body schema (properties, types, formats, required,
 * enums, bounds) give the cases. Nothing here knows a particular endpoint.
 */
final class Sweep {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    static final String SQL = "'; DROP TABLE schools;--";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String HUGE = "x".repeat(100_000);
    /** Odd but valid Unicode: a right-to-left override, a zero-width joiner, an emoji (surrogate pair), a combining accent. */
    static final String ODD_UNICODE = "\u202eabc\u200d\ud83d\ude00e\u0301";
    /** Replaced in the serialized body by a raw JSON text that Jackson would not write (a lone surrogate, a hostile number). */
    static final String RAW = "\u0001RAW\u0001";
    static final String UNKNOWN_ENUM = "NOT_A_VALUE_OF_THIS_ENUM";
    /** Unknown ids are fixed, so that reads of the same unknown resource can be compared between snapshots. */
    static final String UNKNOWN_UUID = "5eeb0000-0000-4000-8000-00000000dead";

    /**
     * REFUSED: the request is wrong and must be answered 4xx problem+json (and change nothing).
     * TOLERATED: the request may be valid (a name containing {@code <script>}, a filter matching nothing, an
     * unknown query parameter): any 2xx or 4xx is fine, never 5xx; a 2xx must echo a hostile string verbatim.
     */
    enum Expect { REFUSED, TOLERATED }

    record Op(String method, String template, JsonNode node) {
        String key() {
            return method.toUpperCase() + " " + template;
        }

        boolean isGet() {
            return method.equals("get");
        }
    }

    /**
     * @param bound the kind of boundary case ("maxLength+1", "at maximum", …; {@link Bound}), null for the other cases
     */
    record Case(Op op, String name, String path, Map<String, String> query, String contentType, byte[] body,
                Expect expect, String property, String hostile, String bound) {
        Case(Op op, String name, String path, Map<String, String> query, String contentType, byte[] body,
             Expect expect, String property, String hostile) {
            this(op, name, path, query, contentType, body, expect, property, hostile, null);
        }

        Case withBound(String kind) {
            return new Case(op, name, path, query, contentType, body, expect, property, hostile, kind);
        }
    }

    private final JsonNode doc;
    private final Map<String, String> ids;
    private final LocalDate today;

    /**
     * @param ids real ids by the collection segment that precedes a path parameter ("schools", "contracts", …) or
     *            by the name of an id property ("schoolId"); from the fixture and from the list endpoints
     */
    Sweep(JsonNode doc, Map<String, String> ids) {
        this(doc, ids, LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** @param today the day the examples' dates are moved on to (RequestExamples.movedOn) */
    Sweep(JsonNode doc, Map<String, String> ids, LocalDate today) {
        this.doc = doc;
        this.ids = ids;
        this.today = today;
    }

    List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (String m : List.of("get", "post", "put", "patch", "delete")) {
                if (p.getValue().has(m)) {
                    ops.add(new Op(m, p.getKey(), p.getValue().get(m)));
                }
            }
        }
        return ops;
    }

    // ------------------------------------------------------------------------------------------ schemas

    JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return NODES.objectNode();
        }
        for (int i = 0; i < 20 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            schema = doc.at(ref.substring(1));
        }
        if (schema.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode props = merged.putObject("properties");
            ArrayNode required = merged.putArray("required");
            for (JsonNode part : schema.get("allOf")) {
                JsonNode r = resolve(part);
                r.fields().forEachRemaining(f -> {
                    if (f.getKey().equals("properties")) {
                        props.setAll((ObjectNode) f.getValue());
                    } else if (f.getKey().equals("required")) {
                        required.addAll((ArrayNode) f.getValue());
                    } else {
                        merged.set(f.getKey(), f.getValue());
                    }
                });
            }
            schema.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("allOf")) {
                    merged.set(f.getKey(), f.getValue());
                }
            });
            return merged;
        }
        if (schema.has("oneOf")) {
            return resolve(schema.get("oneOf").get(0));
        }
        if (schema.has("anyOf")) {
            return resolve(schema.get("anyOf").get(0));
        }
        return schema;
    }

    static String type(JsonNode s) {
        JsonNode t = s.path("type");
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!x.asText().equals("null")) {
                    return x.asText();
                }
            }
        }
        if (t.isTextual()) {
            return t.asText();
        }
        if (s.has("properties")) {
            return "object";
        }
        if (s.has("items")) {
            return "array";
        }
        return "";
    }

    /** A value the schema accepts, as far as the schema says; ids are real ones when the name tells which. */
    JsonNode valid(JsonNode schema, String name, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("enum") && s.get("enum").size() > 0) {
            return s.get("enum").get(0);
        }
        if (s.has("default") && !s.get("default").isNull()) {
            return s.get("default");
        }
        String format = s.path("format").asText("");
        if (format.equals("date")) {
            return NODES.textNode(LocalDate.now().plusDays(30).toString());
        }
        if (format.equals("date-time")) {
            return NODES.textNode(LocalDate.now().plusDays(30).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString());
        }
        if (s.has("examples") && s.get("examples").isArray() && s.get("examples").size() > 0 && !type(s).equals("object")) {
            return coerce(s, s.get("examples").get(0));
        }
        if (s.has("example") && !type(s).equals("object") && !type(s).equals("array")) {
            return coerce(s, s.get("example"));
        }
        switch (type(s)) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                if (depth > 4) {
                    return o;
                }
                Set<String> required = required(s);
                s.path("properties").fields().forEachRemaining(p -> {
                    if (required.contains(p.getKey())) {
                        o.set(p.getKey(), valid(p.getValue(), p.getKey(), depth + 1));
                    }
                });
                return o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                if (depth <= 4) {
                    a.add(valid(s.path("items"), singular(name), depth + 1));
                }
                return a;
            }
            case "integer" -> {
                return NODES.numberNode(s.has("minimum") ? Math.max(1, s.get("minimum").asLong()) : 1);
            }
            case "number" -> {
                return NODES.numberNode(s.has("minimum") ? Math.max(1, s.get("minimum").asDouble()) : 1);
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return NODES.textNode(validString(s, name));
            }
        }
    }

    private static JsonNode coerce(JsonNode s, JsonNode example) {
        String t = type(s);
        if (example.isTextual() && (t.equals("integer") || t.equals("number"))) {
            try {
                return NODES.numberNode(new java.math.BigDecimal(example.asText()));
            } catch (NumberFormatException e) {
                return NODES.numberNode(1);
            }
        }
        return example;
    }

    private String validString(JsonNode s, String name) {
        String format = s.path("format").asText("");
        String n = name == null ? "" : name;
        switch (format) {
            case "uuid" -> {
                return idFor(n).orElse(UNKNOWN_UUID);
            }
            case "date" -> {
                return LocalDate.now().toString();
            }
            case "date-time" -> {
                return java.time.Instant.now().toString();
            }
            case "email" -> {
                return "sweep@example.org";
            }
            case "uri", "url" -> {
                return "https://example.org/sweep";
            }
            default -> {
            }
        }
        if (n.toLowerCase().endsWith("id")) {
            java.util.Optional<String> id = idFor(n);
            if (id.isPresent()) {
                return id.get();
            }
        }
        String v = "Sweep " + n;
        int min = s.path("minLength").asInt(0);
        while (v.length() < min) {
            v += "x";
        }
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        return v.length() > max ? v.substring(0, max) : v;
    }

    /** "schoolId" → ids["schoolId"] or ids["schools"]; "oversightBodyId" → ids["oversight-bodies"]. */
    /** Names of id lists that say what they hold by another word: an applicant's {@code choices} are programs. */
    private static final Map<String, String> ALIASES = Map.of("choice", "program");

    java.util.Optional<String> idFor(String property) {
        if (ids.containsKey(property)) {
            return java.util.Optional.of(ids.get(property));
        }
        String stem = property.replaceAll("Id$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        stem = ALIASES.getOrDefault(stem, stem);
        // a qualified name ("sibling-school", "staff-school") is an id of its last word's kind
        List<String> stems = stem.contains("-") ? List.of(stem, stem.substring(stem.lastIndexOf('-') + 1)) : List.of(stem);
        for (String st : stems) {
            for (String k : List.of(st + "s", st + "es", st.replaceAll("y$", "ies"), st)) {
                if (ids.containsKey(k)) {
                    return java.util.Optional.of(ids.get(k));
                }
            }
        }
        // a collection known only by its template ("/api/enrollment/periods/{periodId}/programs")
        for (String st : stems) {
            java.util.Optional<String> byTemplate = ids.keySet().stream()
                    .filter(k -> k.endsWith("/" + st + "s") && k.startsWith("/")).sorted().findFirst().map(ids::get);
            if (byTemplate.isPresent()) {
                return byTemplate;
            }
        }
        return java.util.Optional.empty();
    }

    static Set<String> required(JsonNode s) {
        Set<String> r = new LinkedHashSet<>();
        s.path("required").forEach(x -> r.add(x.asText()));
        return r;
    }

    private static String singular(String name) {
        return name == null ? "" : name.replaceAll("s$", "");
    }

    // ------------------------------------------------------------------------------------------ parameters

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    List<JsonNode> parameters(Op op, String in) {
        List<JsonNode> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        JsonNode pathItem = doc.path("paths").path(op.template());
        for (JsonNode list : List.of(op.node().path("parameters"), pathItem.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode r = resolve(p);
                if (r.path("in").asText().equals(in) && seen.add(r.path("name").asText())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The collection segment before each path parameter: /api/schools/{id}/grants/{g} → {id: schools, g: grants}. */
    static Map<String, String> collections(String template) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] seg = template.split("/");
        for (int i = 1; i < seg.length; i++) {
            Matcher m = PARAM.matcher(seg[i]);
            if (m.matches()) {
                out.put(m.group(1), seg[i - 1]);
            }
        }
        return out;
    }

    /** The path with real ids where the fixture has one (else an unknown one), except {@code override}. */
    String path(Op op, Map<String, String> override) {
        Map<String, String> coll = collections(op.template());
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        parameters(op, "path").forEach(p -> schemas.put(p.path("name").asText(), resolve(p.path("schema"))));
        Matcher m = PARAM.matcher(op.template());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String prefix = op.template().substring(0, op.template().indexOf("/{" + name + "}"));
            String value = override.containsKey(name) ? override.get(name)
                    : ids.containsKey(prefix + "#" + name) ? ids.get(prefix + "#" + name)
                    : ids.containsKey(prefix) ? ids.get(prefix) : realPathValue(name, coll.get(name), schemas.get(name));
            m.appendReplacement(sb, Matcher.quoteReplacement(Http.enc(value)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    String realPathValue(String name, String collection, JsonNode schema) {
        if (collection != null && ids.containsKey(collection)) {
            return ids.get(collection);
        }
        if (ids.containsKey(name)) {
            return ids.get(name);
        }
        java.util.Optional<String> byName = idFor(name);
        if (byName.isPresent()) {
            return byName.get();
        }
        return unknownPathValue(schema);
    }

    static String unknownPathValue(JsonNode schema) {
        String t = schema == null ? "" : type(schema);
        if (t.equals("integer") || t.equals("number")) {
            return "999999";
        }
        if (schema != null && schema.path("format").asText().equals("uuid")) {
            return UNKNOWN_UUID;
        }
        return "UNKNOWN_SWEEP_CODE";
    }

    /** Real values for the required query parameters (the base request). */
    Map<String, String> baseQuery(Op op) {
        Map<String, String> q = new LinkedHashMap<>();
        for (JsonNode p : parameters(op, "query")) {
            if (p.path("required").asBoolean(false)) {
                q.put(p.path("name").asText(), valid(p.path("schema"), p.path("name").asText(), 0).asText());
            }
        }
        return q;
    }

    // ------------------------------------------------------------------------------------------ cases

    List<Case> cases(Op op) {
        List<Case> out = new ArrayList<>();
        Map<String, String> baseQuery = baseQuery(op);
        BodySpec body = body(op);
        String basePath = path(op, Map.of());

        // 1. path parameters: malformed, unknown, hostile — the resource does not exist: always refused
        for (JsonNode p : parameters(op, "path")) {
            String name = p.path("name").asText();
            JsonNode schema = resolve(p.path("schema"));
            List<String[]> values = new ArrayList<>();
            String t = type(schema);
            if (schema.path("format").asText().equals("uuid")) {
                values.add(new String[]{"malformed uuid", "not-a-uuid"});
                values.add(new String[]{"uuid with a trailing char", UUID.randomUUID() + "0"});
            } else if (t.equals("integer") || t.equals("number")) {
                values.add(new String[]{"not a number", "abc"});
                values.add(new String[]{"negative", "-1"});
                values.add(new String[]{"huge number", "99999999999999999999"});
            }
            values.add(new String[]{"unknown id", unknownPathValue(schema)});
            values.add(new String[]{"sql", SQL});
            values.add(new String[]{"script", SCRIPT});
            for (String[] v : values) {
                String path = path(op, Map.of(name, v[1]));
                out.add(withBody(op, "path {" + name + "}: " + v[0], path, baseQuery, body, body == null ? null : body.base,
                        Expect.REFUSED, null, null));
            }
            // declared bounds: past them refused; at them a resource that does not exist (any 4xx), never a 5xx
            for (Bound b : parameterBounds(schema, name, values.stream().map(v -> v[1]).toList())) {
                String path = path(op, Map.of(name, b.text()));
                out.add(withBody(op, "path {" + name + "}: " + b.describe(), path, baseQuery, body, body == null ? null : body.base,
                        b.expect(), null, null).withBound(b.kind()));
            }
        }

        // 2. query parameters (reads only: with real ids a query case of a write would change data)
        if (op.isGet()) {
            for (JsonNode p : parameters(op, "query")) {
                String name = p.path("name").asText();
                JsonNode s = resolve(p.path("schema"));
                String t = type(s);
                List<Object[]> values = new ArrayList<>();
                if (s.has("enum")) {
                    values.add(new Object[]{"unknown enum value", UNKNOWN_ENUM, Expect.REFUSED});
                } else if (t.equals("integer")) {
                    values.add(new Object[]{"not a number", "abc", Expect.REFUSED});
                    values.add(new Object[]{"fraction", "1.5", Expect.REFUSED});
                    values.add(new Object[]{"huge number", "99999999999999999999", Expect.REFUSED});
                    boolean nonNegative = !numberAllows(s, BigDecimal.ONE.negate()) || name.equals("page");
                    values.add(new Object[]{"negative", "-1", nonNegative ? Expect.REFUSED : Expect.TOLERATED});
                    // size=100000: refused, or clamped to the documented maximum
                    values.add(new Object[]{"100000", "100000", s.has("maximum") && s.get("maximum").asDouble() < 100000 ? Expect.REFUSED : Expect.TOLERATED});
                } else if (t.equals("number")) {
                    values.add(new Object[]{"not a number", "abc", Expect.REFUSED});
                } else if (t.equals("boolean")) {
                    values.add(new Object[]{"not a boolean", "maybe", Expect.TOLERATED});
                } else {
                    String format = s.path("format").asText("");
                    if (format.equals("uuid")) {
                        values.add(new Object[]{"malformed uuid", "not-a-uuid", Expect.REFUSED});
                        values.add(new Object[]{"unknown uuid", UUID.randomUUID().toString(), Expect.TOLERATED});
                    } else if (format.equals("date")) {
                        values.add(new Object[]{"impossible date", "2026-13-45", Expect.REFUSED});
                        values.add(new Object[]{"not a date", "yesterday", Expect.REFUSED});
                    } else {
                        // a NUL reached PostgreSQL and was a 500 in eleven operations (review of the twenty-fourth pass, N1)
                        values.add(new Object[]{"NUL", "a\u0000b", Expect.REFUSED});
                        values.add(new Object[]{"sql", SQL, Expect.TOLERATED});
                        values.add(new Object[]{"script", SCRIPT, Expect.TOLERATED});
                        values.add(new Object[]{"unknown value", UNKNOWN_ENUM, Expect.TOLERATED});
                    }
                }
                for (Object[] v : values) {
                    Map<String, String> q = new LinkedHashMap<>(baseQuery);
                    q.put(name, (String) v[1]);
                    out.add(new Case(op, "query " + name + ": " + v[0], basePath, q, null, null, (Expect) v[2], name,
                            v[2] == Expect.TOLERATED ? (String) v[1] : null));
                }
                for (Bound b : parameterBounds(s, name, values.stream().map(v -> (String) v[1]).toList())) {
                    Map<String, String> q = new LinkedHashMap<>(baseQuery);
                    q.put(name, b.text());
                    out.add(new Case(op, "query " + name + ": " + b.describe(), basePath, q, null, null, b.expect(), name,
                            b.expect() == Expect.TOLERATED && b.value().isTextual() ? b.text() : null, b.kind()));
                }
            }
            // an unknown sort / parameter the operation does not declare: ignored or refused, never 5xx
            Map<String, String> q = new LinkedHashMap<>(baseQuery);
            q.put("sort", "unknown," + SQL);
            out.add(new Case(op, "query sort: unknown", basePath, q, null, null, Expect.TOLERATED, null, null));
        }

        // 3. the body
        if (body != null) {
            out.addAll(bodyCases(op, basePath, baseQuery, body));
            if (body.example()) {
                out.add(new Case(op, EXAMPLE_CASE, basePath, baseQuery, "application/json", bytes(body.base()), Expect.TOLERATED,
                        null, null));
            }
        }
        return out;
    }

    /**
     * The request body as documented: its JSON schema (if JSON is accepted), the media types, required.
     *
     * @param base the body every case changes one thing of: the document's example with its ids made real where one
     *             is shown ({@code example} true), else a body of the required fields built from the schema
     */
    record BodySpec(JsonNode schema, JsonNode base, Set<String> mediaTypes, boolean required, boolean example) {
        boolean json() {
            return mediaTypes.stream().anyMatch(Sweep::isJson);
        }

        /** A line-per-record JSON body (the enrollment import): read by hand, line by line, so it gets its own cases. */
        String ndjson() {
            return mediaTypes.stream().filter(m -> m.contains("ndjson")).findFirst().orElse(null);
        }
    }

    BodySpec body(Op op) {
        JsonNode rb = resolve(op.node().path("requestBody"));
        if (rb.isEmpty() || !rb.has("content")) {
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        rb.get("content").fieldNames().forEachRemaining(types::add);
        JsonNode schema = null;
        for (String t : types) {
            if (isJson(t)) {
                schema = resolve(rb.get("content").get(t).path("schema"));
                break;
            }
        }
        JsonNode example = schema == null ? null : example(rb.get("content"), schema);
        if (example != null && !op.template().startsWith("/edfi/")) {
            // the sweep runs on the real clock: the example's dates move on with it (the Ed-Fi ones are a past school
            // year's sample, kept as written: their school year is a number the move would leave behind)
            example = org.portfolio.testing.RequestExamples.movedOn(example, today);
        }
        return new BodySpec(schema, schema == null ? null : example != null ? example : valid(schema, "", 0), types,
                rb.path("required").asBoolean(false), example != null);
    }

    /** The name of the case that sends the document's own example (ids made real): it must not be refused as invalid. */
    static final String EXAMPLE_CASE = "body: the document's example";

    /**
     * The first example the document shows for the JSON body (fifteenth pass: every JSON body shows one), with each
     * {@code format: uuid} value replaced by a real id where the property's name tells which (else left as shown);
     * null when it shows none.
     */
    JsonNode example(JsonNode content, JsonNode schema) {
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> media = it.next();
            if (!isJson(media.getKey())) {
                continue;
            }
            JsonNode shown = media.getValue().get("example");
            if (shown == null) {
                for (JsonNode e : media.getValue().path("examples")) {
                    if (resolve(e).has("value")) {
                        shown = resolve(e).get("value");
                        break;
                    }
                }
            }
            if (shown != null) {
                JsonNode copy = shown.deepCopy();
                if (copy instanceof ArrayNode rows && rows.size() > 1) {
                    // one row: a case that breaks row [0] of an upload must leave no row to keep (the others would be
                    // kept and the upload answered 201 with that row listed, by design)
                    ArrayNode first = NODES.arrayNode();
                    first.add(rows.get(0));
                    copy = first;
                }
                return realIds(copy, schema, "", 0);
            }
        }
        return null;
    }

    private JsonNode realIds(JsonNode value, JsonNode schema, String name, int depth) {
        JsonNode s = resolve(schema);
        if (depth > 8) {
            return value;
        }
        if (value instanceof ObjectNode o) {
            s.path("properties").fields().forEachRemaining(p -> {
                if (o.has(p.getKey())) {
                    o.set(p.getKey(), realIds(o.get(p.getKey()), p.getValue(), p.getKey(), depth + 1));
                }
            });
        } else if (value instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, realIds(a.get(i), s.path("items"), singular(name), depth + 1));
            }
        } else if (value.isTextual() && s.path("format").asText().equals("uuid")) {
            return idFor(name).<JsonNode>map(NODES::textNode).orElse(value);
        }
        return value;
    }

    private Case withBody(Op op, String name, String path, Map<String, String> query, BodySpec spec, JsonNode json,
                          Expect expect, String property, String hostile) {
        if (spec == null) {
            return new Case(op, name, path, query, null, null, expect, property, hostile);
        }
        if (!spec.json()) {
            String mt = spec.mediaTypes().iterator().next();
            return new Case(op, name, path, query, mt, "x".getBytes(StandardCharsets.UTF_8), expect, property, hostile);
        }
        return new Case(op, name, path, query, "application/json", bytes(json), expect, property, hostile);
    }

    static boolean isJson(String mediaType) {
        return mediaType.contains("json") && !mediaType.contains("ndjson");
    }

    /** Marks values that stand for a child's data: an answer that quotes it fails the case (BadInputSweepIT.judge). */
    static final String PRIVATE = "SWPRIVATE";

    /**
     * Cases for a body of JSON lines (issue 13: the NDJSON import once read each line with its own unbounded mapper,
     * answered 500 to a NUL or an over-long name, and quoted a child's data back in its 422).
     */
    private void ndjsonCases(Op op, String path, Map<String, String> query, String type, List<Case> out) {
        String line = "{\"applicant\":{\"externalRef\":\"SW-" + PRIVATE.toLowerCase(java.util.Locale.ROOT).substring(0, 8)
                + "\",\"firstName\":\"Ada\",\"lastName\":\"Sweep\",\"birthDate\":\"2012-05-01\",\"grade\":\"9\"},"
                + "\"choices\":[\"" + java.util.UUID.randomUUID() + "\"]}";
        out.add(raw(op, "ndjson: a broken line", path, query, type, line + "\n{\"applicant\": {\n", Expect.REFUSED));
        out.add(raw(op, "ndjson: a NUL in a name", path, query, type, line.replace("\"Ada\"", "\"Ada\\u0000\""), Expect.REFUSED));
        out.add(raw(op, "ndjson: a name of 101 characters", path, query, type, line.replace("\"Ada\"", "\"" + "A".repeat(101) + "\""), Expect.REFUSED));
        out.add(raw(op, "ndjson: a date that is a name", path, query, type,
                line.replace("\"2012-05-01\"", "\"" + PRIVATE + " Ada Sweep\""), Expect.REFUSED));
        out.add(raw(op, "ndjson: a school id that is a name", path, query, type,
                line.replace("\"grade\":\"9\"", "\"grade\":\"9\",\"currentSchoolId\":\"" + PRIVATE + " Ada\""), Expect.REFUSED));
        out.add(raw(op, "ndjson: a duplicate key", path, query, type, line.replace("\"grade\":\"9\"", "\"grade\":\"9\",\"grade\":\"3\""), Expect.REFUSED));
        out.add(raw(op, "ndjson: a line of 2 MB", path, query, type, "{\"applicant\":{\"externalRef\":\"" + "R".repeat(2_000_000) + "\"}}", Expect.REFUSED));
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Case> bodyCases(Op op, String path, Map<String, String> query, BodySpec spec) {
        List<Case> out = new ArrayList<>();
        // an empty body is a refusal only where the content has required fields; else it means "no options"
        boolean requiredFields = spec.schema() != null && (!required(spec.schema()).isEmpty() || type(spec.schema()).equals("array"));
        Expect emptyBody = requiredFields ? Expect.REFUSED : Expect.TOLERATED;
        String mainType = spec.json() ? "application/json" : spec.mediaTypes().iterator().next();
        out.add(raw(op, "body: broken JSON", path, query, "application/json", "{\"name\": \"unterminated", Expect.REFUSED));
        out.add(raw(op, "body: truncated JSON", path, query, "application/json", "{\"a\":[1,2,", Expect.REFUSED));
        out.add(raw(op, "body: empty", path, query, mainType, "", emptyBody));
        out.add(raw(op, "body: binary junk", path, query, mainType, "\u0000\u0001\u00ff\ufffd\u0002garbage", Expect.REFUSED));
        if (spec.ndjson() != null) {
            ndjsonCases(op, path, query, spec.ndjson(), out);
        }
        if (!spec.mediaTypes().contains("text/plain")) {
            out.add(raw(op, "content-type: text/plain", path, query, "text/plain",
                    spec.base() == null ? "hello" : new String(bytes(spec.base()), StandardCharsets.UTF_8), Expect.REFUSED));
        }
        if (spec.mediaTypes().stream().noneMatch(m -> m.contains("xml"))) {
            out.add(raw(op, "content-type: application/xml", path, query, "application/xml",
                    "<?xml version=\"1.0\"?><school><name>x</name></school>", Expect.REFUSED));
        }
        if (spec.schema() == null) {
            return out;
        }
        String t = type(spec.schema());
        if (t.equals("array")) {
            out.add(raw(op, "body: an object instead of an array", path, query, "application/json", "{}", Expect.REFUSED));
            for (Bound b : arrayBounds(spec.schema(), "", 0)) {
                out.add(new Case(op, "body: " + b.describe(), path, query, "application/json", bytes(b.value()), b.expect(),
                        null, null, b.kind()));
            }
        } else {
            out.add(raw(op, "body: an array instead of an object", path, query, "application/json", "[]", Expect.REFUSED));
            out.add(raw(op, "body: a string instead of an object", path, query, "application/json", "\"hello\"", Expect.REFUSED));
            out.add(raw(op, "body: a number instead of an object", path, query, "application/json", "42", Expect.REFUSED));
        }
        out.add(raw(op, "body: JSON nested 10000 deep", path, query, "application/json", "[".repeat(10_000) + "]".repeat(10_000), Expect.REFUSED));
        hostileShapes(op, path, query, spec, out);
        // per property, one level into objects and into the first item of arrays of objects
        propertyCases(op, path, query, spec, spec.schema(), "", out, 0);
        return out;
    }

    /**
     * Shapes aimed at the parser rather than at a field (issue 13): field names of 300 and 100,000 characters, a
     * duplicate key, a string of a million and one characters, a lone surrogate. All refused by every service as the
     * body is read, whatever the operation.
     */
    private void hostileShapes(Op op, String path, Map<String, String> query, BodySpec spec, List<Case> out) {
        JsonNode base = spec.base();
        ObjectNode target = base instanceof ObjectNode o ? o
                : base instanceof ArrayNode a && a.size() > 0 && a.get(0) instanceof ObjectNode first ? first : null;
        if (target == null) {
            return;
        }
        for (int n : new int[]{300, 100_000}) {
            JsonNode copy = base.deepCopy();
            objectIn(copy).put("n".repeat(n), 1);
            out.add(new Case(op, "body: a field name of " + n + " characters", path, query, "application/json", bytes(copy),
                    Expect.REFUSED, null, null));
        }
        String text = new String(bytes(base), StandardCharsets.UTF_8);
        int brace = text.indexOf('{');
        if (brace >= 0 && target.size() > 0) {
            String first = target.fieldNames().next();
            String dup = text.substring(0, brace + 1) + JSON.valueToTree(first) + ":" + target.get(first) + ","
                    + text.substring(brace + 1);
            out.add(raw(op, "body: a duplicate key " + first, path, query, "application/json", dup, Expect.REFUSED));
        }
        String stringField = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = resolve(type(spec.schema()).equals("array") ? spec.schema().path("items")
                : spec.schema()).path("properties").fields(); it.hasNext() && stringField == null; ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (type(resolve(e.getValue())).equals("string") && !resolve(e.getValue()).has("enum")) {
                stringField = e.getKey();
            }
        }
        if (stringField != null) {
            JsonNode copy = base.deepCopy();
            objectIn(copy).put(stringField, "s".repeat(1_000_001));
            out.add(new Case(op, "body: a string of 1,000,001 characters in " + stringField, path, query, "application/json",
                    bytes(copy), Expect.REFUSED, null, null));
            out.add(mutateRaw(op, path, query, spec, (type(spec.schema()).equals("array") ? "[0]." : "") + stringField,
                    "\"x\\ud800y\"", "body: a lone surrogate in " + stringField, Expect.REFUSED));
        }
    }

    private static ObjectNode objectIn(JsonNode body) {
        return body instanceof ObjectNode o ? o : (ObjectNode) body.get(0);
    }

    private void propertyCases(Op op, String path, Map<String, String> query, BodySpec spec, JsonNode schema, String prefix,
                               List<Case> out, int depth) {
        JsonNode s = resolve(schema);
        if (depth > 2) {
            return;
        }
        if (type(s).equals("array")) {
            JsonNode items = resolve(s.path("items"));
            if (type(items).equals("object")) {
                propertyCases(op, path, query, spec, items, prefix + "[0]", out, depth + 1);
            }
            return;
        }
        if (!type(s).equals("object")) {
            return;
        }
        Set<String> required = required(s);
        Iterator<Map.Entry<String, JsonNode>> props = s.path("properties").fields();
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> e = props.next();
            String name = e.getKey();
            String field = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode ps = resolve(e.getValue());
            String t = type(ps);
            if (ps.path("readOnly").asBoolean(false)) {
                continue;
            }
            if (required.contains(name)) {
                out.add(mutate(op, path, query, spec, field, null, true, "missing required " + field, Expect.REFUSED, null));
                out.add(mutate(op, path, query, spec, field, NODES.nullNode(), false, "null for required " + field, Expect.REFUSED, null));
            }
            // wrong JSON types (ones Jackson never coerces: no number-to-string, no 1-to-true)
            switch (t) {
                case "string" -> {
                    out.add(mutate(op, path, query, spec, field, NODES.objectNode().put("x", 1), false, field + ": object for a string", Expect.REFUSED, null));
                    out.add(mutate(op, path, query, spec, field, NODES.arrayNode().add("a").add("b"), false, field + ": array for a string", Expect.REFUSED, null));
                    if (ps.has("enum")) {
                        out.add(mutate(op, path, query, spec, field, NODES.textNode(UNKNOWN_ENUM), false, field + ": unknown enum value", Expect.REFUSED, null));
                        out.add(mutate(op, path, query, spec, field, NODES.textNode(SQL), false, field + ": sql as enum value", Expect.REFUSED, null));
                    } else {
                        String format = ps.path("format").asText("");
                        switch (format) {
                            case "uuid" -> {
                                out.add(mutate(op, path, query, spec, field, NODES.textNode("not-a-uuid"), false, field + ": malformed uuid", Expect.REFUSED, null));
                                out.add(mutate(op, path, query, spec, field, NODES.textNode(UUID.randomUUID().toString()), false, field + ": unknown uuid", Expect.TOLERATED, null));
                            }
                            case "date", "date-time" -> {
                                out.add(mutate(op, path, query, spec, field, NODES.textNode("2026-02-30"), false, field + ": impossible date", Expect.REFUSED, null));
                                out.add(mutate(op, path, query, spec, field, NODES.textNode("next tuesday"), false, field + ": not a date", Expect.REFUSED, null));
                                if (format.equals("date")) {
                                    // twelfth pass: a date-time in Z was taken for its UTC day (a JavaScript Date sent by
                                    // JSON.stringify), so a birth date was stored a day off without an error
                                    out.add(mutate(op, path, query, spec, field, NODES.textNode("2012-05-05T22:00:00.000Z"), false,
                                            field + ": a date-time for a date", Expect.REFUSED, null));
                                }
                            }
                            default -> {
                            }
                        }
                        // NUL cannot be stored and is refused as it is read; odd but valid Unicode is text like any other
                        out.add(mutate(op, path, query, spec, field, NODES.textNode("a\u0000b"), false, field + ": NUL character", Expect.REFUSED, null));
                        for (String[] h : List.of(new String[]{"sql", SQL}, new String[]{"script", SCRIPT}, new String[]{"100k chars", HUGE},
                                new String[]{"odd unicode", ODD_UNICODE})) {
                            // valid input when the schema allows it (no format, the pattern matches, within bounds):
                            // then it may be accepted, and must come back verbatim
                            boolean allowed = format.isEmpty() && allows(ps, h[1]);
                            out.add(mutate(op, path, query, spec, field, NODES.textNode(h[1]), false, field + ": " + h[0],
                                    allowed ? Expect.TOLERATED : Expect.REFUSED, allowed && h[1] != HUGE ? h[1] : null));
                        }
                        // declared lengths, from the field's valid value: one past them refused, exactly the maximum
                        // accepted and stored whole (or refused for another reason), never a 5xx
                        for (Bound b : stringBounds(ps, valid(ps, name, depth + 1).asText(), boundsSkipped)) {
                            out.add(mutate(op, path, query, spec, field, b.value(), false, field + ": " + b.describe(), b.expect(),
                                    b.expect() == Expect.TOLERATED ? b.text() : null).withBound(b.kind()));
                        }
                    }
                }
                case "integer", "number" -> {
                    out.add(mutate(op, path, query, spec, field, NODES.textNode("abc"), false, field + ": string for a number", Expect.REFUSED, null));
                    out.add(mutate(op, path, query, spec, field, NODES.objectNode(), false, field + ": object for a number", Expect.REFUSED, null));
                    out.add(mutate(op, path, query, spec, field, NODES.numberNode(new java.math.BigDecimal("1e400")), false, field + ": huge number",
                            t.equals("integer") || ps.has("maximum") ? Expect.REFUSED : Expect.TOLERATED, null));
                    boolean nonNegative = !numberAllows(ps, BigDecimal.ONE.negate());
                    out.add(mutate(op, path, query, spec, field, NODES.numberNode(-1), false, field + ": negative", nonNegative ? Expect.REFUSED : Expect.TOLERATED, null));
                    for (Bound b : numberBounds(ps, t.equals("integer"))) {
                        if (b.expect() == Expect.REFUSED && nonNegative && b.value().decimalValue().compareTo(BigDecimal.ONE.negate()) == 0) {
                            boundsSkipped.merge(b.kind() + ": the negative case sends it", 1, Integer::sum);
                            continue;
                        }
                        out.add(mutate(op, path, query, spec, field, b.value(), false, field + ": " + b.describe(), b.expect(), null)
                                .withBound(b.kind()));
                    }
                    if (t.equals("integer")) {
                        out.add(mutate(op, path, query, spec, field, NODES.numberNode(new java.math.BigDecimal("1.5")), false, field + ": fraction for an integer", Expect.REFUSED, null));
                    }
                    // numbers that cost seconds of CPU to arithmetic if not bounded as they are read (issue 13): refused
                    // for whole numbers and decimals; a double field may read them as 0 or a huge value, but fast
                    for (String[] h : List.of(new String[]{"tiny exponent", "1e-20000000"}, new String[]{"tiny exponent with a fraction",
                            "0.1e-99999999"}, new String[]{"150 digits", "9".repeat(150)})) {
                        out.add(mutateRaw(op, path, query, spec, field, h[1], "body " + field + ": hostile number, " + h[0],
                                t.equals("integer") ? Expect.REFUSED : Expect.TOLERATED));
                    }
                }
                case "boolean" -> {
                    out.add(mutate(op, path, query, spec, field, NODES.textNode("maybe"), false, field + ": string for a boolean", Expect.REFUSED, null));
                    out.add(mutate(op, path, query, spec, field, NODES.objectNode(), false, field + ": object for a boolean", Expect.REFUSED, null));
                }
                case "array" -> {
                    out.add(mutate(op, path, query, spec, field, NODES.textNode("not an array"), false, field + ": string for an array", Expect.REFUSED, null));
                    out.add(mutate(op, path, query, spec, field, NODES.objectNode(), false, field + ": object for an array", Expect.REFUSED, null));
                    JsonNode items = resolve(ps.path("items"));
                    if (type(items).equals("string") && items.has("enum")) {
                        out.add(mutate(op, path, query, spec, field, NODES.arrayNode().add(UNKNOWN_ENUM), false, field + ": unknown enum item", Expect.REFUSED, null));
                    }
                    out.add(mutate(op, path, query, spec, field, NODES.arrayNode().add(NODES.arrayNode()), false, field + ": nested array item", Expect.REFUSED, null));
                    for (Bound b : arrayBounds(ps, name, depth + 1)) {
                        out.add(mutate(op, path, query, spec, field, b.value(), false, field + ": " + b.describe(), b.expect(), null)
                                .withBound(b.kind()));
                    }
                    propertyCases(op, path, query, spec, ps, field, out, depth + 1);
                }
                case "object" -> {
                    out.add(mutate(op, path, query, spec, field, NODES.textNode("not an object"), false, field + ": string for an object", Expect.REFUSED, null));
                    out.add(mutate(op, path, query, spec, field, NODES.arrayNode(), false, field + ": array for an object", Expect.REFUSED, null));
                    propertyCases(op, path, query, spec, ps, field, out, depth + 1);
                }
                default -> {
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ boundaries

    /**
     * A value at or one step past a bound the schema declares (maxLength, minLength, maximum, minimum and their
     * exclusive forms, maxItems, minItems). Past the bound it is REFUSED (a 2xx: the service does not enforce what it
     * declares); at the bound it is valid, so TOLERATED (a 5xx: something behind the check is narrower than the
     * declaration, a column shorter than maxLength say; a 2xx must store and echo a string whole).
     *
     * @param kind  what is tested, for the summary: {@link #KINDS}
     * @param bound the declared bound, for the case name ("maxLength 200")
     */
    record Bound(String kind, String bound, JsonNode value, Expect expect) {
        /** The value as a parameter sends it: the text of a string, a plain number. */
        String text() {
            return value.isTextual() ? value.asText() : value.isBigDecimal() ? value.decimalValue().toPlainString() : value.toString();
        }

        String describe() {
            String shown = value.isTextual() ? value.asText().codePointCount(0, value.asText().length()) + " chars"
                    : value.isArray() ? value.size() + " items" : text();
            return kind + " (" + bound + ": " + shown + ")";
        }
    }

    /** The kinds of boundary case, in the order the summary prints them. */
    static final List<String> KINDS = List.of("maxLength+1", "at maxLength", "at maxLength, wide characters", "maxLength+1, wide characters", "minLength-1", "above maximum", "at maximum",
            "below minimum", "maxItems+1", "maxItems+1 copies", "minItems-1");

    /** Longest string or array a boundary case builds: a larger declared bound is left to the 100k and 1M cases. */
    static final int BOUND_LIMIT = 100_000;

    /** Boundary cases not generated, by reason: an exact-length value the pattern refuses, a value another case sends. */
    final Map<String, Integer> boundsSkipped = new java.util.TreeMap<>();

    /**
     * The length bounds of a string schema without enum, const or format, built from a valid value of the field
     * padded with a character that keeps its pattern matching (its last character, else 'x', else '0'): maxLength+1
     * refused; exactly maxLength tolerated if the schema allows the padded value (else not sent, counted in
     * {@code skipped}); minLength-1 refused.
     */
    static List<Bound> stringBounds(JsonNode s, String valid, Map<String, Integer> skipped) {
        List<Bound> out = new ArrayList<>();
        if (!type(s).equals("string") || s.has("enum") || s.has("const") || !s.path("format").asText("").isEmpty()) {
            return out;
        }
        String base = valid == null ? "" : valid;
        List<Character> pads = new ArrayList<>();
        if (!base.isEmpty() && !Character.isSurrogate(base.charAt(base.length() - 1))) {
            pads.add(base.charAt(base.length() - 1));
        }
        pads.add('x');
        pads.add('0');
        if (s.path("maxLength").isIntegralNumber() && s.get("maxLength").asInt() < BOUND_LIMIT) {
            int max = s.get("maxLength").asInt();
            String at = null;
            char pad = pads.get(0);
            for (char c : pads) {
                String v = padded(base, max, c);
                if (allows(s, v)) {
                    at = v;
                    pad = c;
                    break;
                }
            }
            out.add(new Bound("maxLength+1", "maxLength " + max, NODES.textNode(padded(base, max + 1, pad)), Expect.REFUSED));
            if (at != null) {
                out.add(new Bound("at maxLength", "maxLength " + max, NODES.textNode(at), Expect.TOLERATED));
            } else {
                skipped.merge("at maxLength: the pattern refuses the padded value", 1, Integer::sum);
            }
            // the same length in characters outside the Basic Multilingual Plane (two UTF-16 units each): JSON Schema
            // counts characters, so it is as valid (nineteenth pass: Hibernate Validator's @Size counted units and
            // refused a name of 150 emoji under a maxLength of 200), and a 2xx must keep and echo it whole
            String wide = wide(base, max);
            if (wide != null && allows(s, wide)) {
                out.add(new Bound("at maxLength, wide characters", "maxLength " + max, NODES.textNode(wide), Expect.TOLERATED));
                // and one past it, which a check counting half the units would let through (hostile review)
                out.add(new Bound("maxLength+1, wide characters", "maxLength " + max, NODES.textNode(wide(base, max + 1)), Expect.REFUSED));
            } else {
                skipped.merge("at maxLength, wide characters: the pattern refuses them", 1, Integer::sum);
            }
        }
        if (s.path("minLength").isIntegralNumber() && s.get("minLength").asInt() > 0) {
            int min = s.get("minLength").asInt();
            out.add(new Bound("minLength-1", "minLength " + min, NODES.textNode(padded(base, min - 1, pads.get(0))), Expect.REFUSED));
        }
        return out;
    }

    /** A character outside the Basic Multilingual Plane (U+1F600): one character, two UTF-16 units, four UTF-8 bytes. */
    static final String WIDE = new String(Character.toChars(0x1F600));

    /**
     * Exactly {@code length} characters (code points): the value's first half, at most, then {@link #WIDE} characters
     * (at least one); null for a length of 0.
     */
    static String wide(String value, int length) {
        if (length < 1) {
            return null;
        }
        int keep = Math.min(value.codePointCount(0, value.length()), (length - 1) / 2);
        String head = value.substring(0, value.offsetByCodePoints(0, keep));
        return head + WIDE.repeat(length - keep);
    }

    /** The value cut or padded with {@code pad} to exactly {@code length} characters. */
    static String padded(String value, int length, char pad) {
        if (value.length() >= length) {
            return value.substring(0, length);
        }
        return value + String.valueOf(pad).repeat(length - value.length());
    }

    /**
     * The numeric bounds of an integer or number schema: the first value past the maximum (X+1 for whole numbers,
     * X plus a hundredth or less for decimals; the exclusive bound itself) refused and the last value within it
     * tolerated; the first value past the minimum refused. Both the OpenAPI 3.0 form (a boolean
     * exclusiveMaximum next to maximum) and the 3.1 form (exclusiveMaximum a number) are read.
     */
    static List<Bound> numberBounds(JsonNode s, boolean integer) {
        List<Bound> out = new ArrayList<>();
        if (s.has("enum") || s.has("const")) {
            return out;
        }
        for (boolean upper : new boolean[]{true, false}) {
            String name = upper ? "maximum" : "minimum";
            String exName = upper ? "exclusiveMaximum" : "exclusiveMinimum";
            List<Object[]> limits = new ArrayList<>(); // {bound, exclusive, label}
            if (s.path(name).isNumber()) {
                boolean exclusive = s.path(exName).isBoolean() && s.get(exName).asBoolean();
                limits.add(new Object[]{s.get(name).decimalValue(), exclusive, (exclusive ? exName + " " : name + " ")});
            }
            if (s.path(exName).isNumber()) {
                limits.add(new Object[]{s.get(exName).decimalValue(), true, exName + " "});
            }
            for (Object[] l : limits) {
                BigDecimal x = (BigDecimal) l[0];
                boolean exclusive = (boolean) l[1];
                String label = l[2] + x.stripTrailingZeros().toPlainString();
                BigDecimal step = integer ? BigDecimal.ONE : step(x);
                // the last value inside the bound and the first one past it, in the direction of the bound
                BigDecimal inside;
                BigDecimal past;
                if (integer) {
                    BigDecimal whole = x.setScale(0, upper ? RoundingMode.FLOOR : RoundingMode.CEILING);
                    boolean onBound = whole.compareTo(x) == 0;
                    inside = exclusive && onBound ? (upper ? whole.subtract(step) : whole.add(step)) : whole;
                } else {
                    inside = exclusive ? (upper ? x.subtract(step) : x.add(step)) : x;
                }
                past = upper ? inside.add(step) : inside.subtract(step);
                if (!integer && exclusive) {
                    past = x;
                }
                out.add(new Bound(upper ? "above maximum" : "below minimum", label, number(past, integer), Expect.REFUSED));
                if (upper) {
                    out.add(new Bound("at maximum", label, number(inside, integer), Expect.TOLERATED));
                }
            }
        }
        return out;
    }

    /** A hundredth, or a tenth of the bound's last decimal place; 1 beyond 10^13 (where a double has no hundredths). */
    private static BigDecimal step(BigDecimal x) {
        if (x.abs().compareTo(BigDecimal.TEN.pow(13)) >= 0) {
            return BigDecimal.ONE;
        }
        return BigDecimal.ONE.movePointLeft(Math.max(2, x.stripTrailingZeros().scale() + 1));
    }

    /** A JSON number written plainly: 1000000000000, not 1E+12 (which a whole-number field would refuse as a float). */
    private static JsonNode number(BigDecimal v, boolean integer) {
        if (integer) {
            return NODES.numberNode(v.toBigIntegerExact());
        }
        BigDecimal plain = new BigDecimal(v.toPlainString());
        return plain.scale() <= 0 ? NODES.numberNode(plain.toBigIntegerExact()) : NODES.numberNode(plain);
    }

    /** Whether a number schema's bounds accept the value (maximum, minimum, both exclusive forms). */
    static boolean numberAllows(JsonNode s, BigDecimal v) {
        for (boolean upper : new boolean[]{true, false}) {
            String name = upper ? "maximum" : "minimum";
            String exName = upper ? "exclusiveMaximum" : "exclusiveMinimum";
            if (s.path(name).isNumber()) {
                int c = v.compareTo(s.get(name).decimalValue()) * (upper ? 1 : -1);
                if (c > 0 || c == 0 && s.path(exName).asBoolean(false) && s.get(exName).isBoolean()) {
                    return false;
                }
            }
            if (s.path(exName).isNumber() && v.compareTo(s.get(exName).decimalValue()) * (upper ? 1 : -1) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The item-count bounds of an array schema: maxItems+1 and minItems-1 items, refused. The items are distinct
     * valid items where the item schema gives a way to make them (enum values, uuids, numbered strings the pattern
     * allows, consecutive whole numbers), so that a service reading the array into a set counts them all; else copies
     * of one valid item (none where uniqueItems is declared). Where the items could be distinct, maxItems+1 is also
     * sent as copies of one item ("maxItems+1 copies"): the document bounds the array, not the set it may become.
     */
    List<Bound> arrayBounds(JsonNode schema, String name, int depth) {
        JsonNode s = resolve(schema);
        List<Bound> out = new ArrayList<>();
        JsonNode items = resolve(s.path("items"));
        JsonNode item = valid(items, singular(name), depth + 1);
        boolean unique = s.path("uniqueItems").asBoolean(false);
        if (s.path("maxItems").isIntegralNumber() && s.get("maxItems").asInt() < BOUND_LIMIT) {
            int max = s.get("maxItems").asInt();
            ArrayNode distinct = distinct(items, item, max + 1);
            if (distinct != null) {
                out.add(new Bound("maxItems+1", "maxItems " + max, distinct, Expect.REFUSED));
                if (!unique && max + 1 > 1) {
                    out.add(new Bound("maxItems+1 copies", "maxItems " + max, copies(item, max + 1), Expect.REFUSED));
                }
            } else if (!unique) {
                out.add(new Bound("maxItems+1", "maxItems " + max, copies(item, max + 1), Expect.REFUSED));
            } else {
                boundsSkipped.merge("maxItems+1: uniqueItems and no way to make distinct items", 1, Integer::sum);
            }
        }
        if (s.path("minItems").isIntegralNumber() && s.get("minItems").asInt() > 0) {
            int min = s.get("minItems").asInt();
            ArrayNode distinct = distinct(items, item, min - 1);
            if (distinct != null || !unique) {
                out.add(new Bound("minItems-1", "minItems " + min, distinct != null ? distinct : copies(item, min - 1), Expect.REFUSED));
            } else {
                boundsSkipped.merge("minItems-1: uniqueItems and no way to make distinct items", 1, Integer::sum);
            }
        }
        return out;
    }

    static ArrayNode copies(JsonNode item, int n) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < n; i++) {
            a.add(item.deepCopy());
        }
        return a;
    }

    /** n distinct valid items (the first is the valid item itself where it can be), or null when the schema gives no n. */
    static ArrayNode distinct(JsonNode items, JsonNode item, int n) {
        if (n <= 1) {
            return copies(item, n);
        }
        Set<JsonNode> distinct = new LinkedHashSet<>();
        if (items.has("enum")) {
            items.get("enum").forEach(distinct::add);
        } else if (type(items).equals("string") && items.path("format").asText().equals("uuid")) {
            distinct.add(item);
            for (int i = 0; distinct.size() < n; i++) {
                distinct.add(NODES.textNode(UUID.nameUUIDFromBytes(("sweep item " + i).getBytes(StandardCharsets.UTF_8)).toString()));
            }
        } else if (type(items).equals("string") && items.path("format").asText("").isEmpty() && item.isTextual()) {
            for (int i = 0; i < n; i++) {
                String v = item.asText() + i;
                if (allows(items, v)) {
                    distinct.add(NODES.textNode(v));
                }
            }
        } else if (type(items).equals("integer") && item.isIntegralNumber()) {
            for (int i = 0; i < n; i++) {
                BigDecimal v = item.decimalValue().add(BigDecimal.valueOf(i));
                if (numberAllows(items, v)) {
                    distinct.add(NODES.numberNode(v.toBigIntegerExact()));
                }
            }
        }
        if (distinct.size() < n) {
            return null;
        }
        ArrayNode a = NODES.arrayNode();
        distinct.stream().limit(n).forEach(a::add);
        return a;
    }

    /**
     * Boundary cases of a query or path parameter, as text; a value one of the parameter's other cases already sends
     * (the negative page, size=100000) is not sent twice.
     */
    List<Bound> parameterBounds(JsonNode s, String name, List<String> sent) {
        String t = type(s);
        List<Bound> bounds = t.equals("integer") || t.equals("number") ? numberBounds(s, t.equals("integer"))
                : t.equals("string") ? stringBounds(s, valid(s, name, 0).asText(), boundsSkipped) : List.of();
        List<Bound> out = new ArrayList<>();
        for (Bound b : bounds) {
            if (sent.contains(b.text())) {
                boundsSkipped.merge(b.kind() + ": another case of the parameter sends it", 1, Integer::sum);
            } else {
                out.add(b);
            }
        }
        return out;
    }

    /** Whether a string schema's bounds and pattern (a search, as in JSON Schema) accept the value. */
    static boolean allows(JsonNode s, String value) {
        int characters = value.codePointCount(0, value.length());
        if (s.has("maxLength") && characters > s.get("maxLength").asInt()) {
            return false;
        }
        if (s.has("minLength") && characters < s.get("minLength").asInt()) {
            return false;
        }
        if (s.has("pattern")) {
            try {
                return Pattern.compile(s.get("pattern").asText()).matcher(value).find();
            } catch (Exception e) {
                return true;
            }
        }
        return true;
    }

    private Case raw(Op op, String name, String path, Map<String, String> query, String contentType, String body, Expect expect) {
        return new Case(op, name, path, query, contentType, body.getBytes(StandardCharsets.UTF_8), expect, null, null);
    }

    /** The base body with one field set to a raw JSON text (a number or string Jackson would not write as such). */
    private Case mutateRaw(Op op, String path, Map<String, String> query, BodySpec spec, String field, String rawJson,
                           String name, Expect expect) {
        Case c = mutate(op, path, query, spec, field, NODES.textNode(RAW), false, name, expect, null);
        String text = new String(c.body(), StandardCharsets.UTF_8).replace(JSON.valueToTree(RAW).toString(), rawJson);
        return new Case(op, name, path, query, "application/json", text.getBytes(StandardCharsets.UTF_8), expect, c.property(), null);
    }

    /** The base body with one field (a dotted path, "[0]" for an array's first item) set or removed. */
    private Case mutate(Op op, String path, Map<String, String> query, BodySpec spec, String field, JsonNode value,
                        boolean remove, String name, Expect expect, String hostile) {
        JsonNode copy = spec.base().deepCopy();
        JsonNode parent = copy;
        List<String> tokens = tokens(field);
        for (int i = 0; i < tokens.size() - 1; i++) {
            String tok = tokens.get(i);
            JsonNode next = tok.equals("[0]") ? parent.path(0) : parent.path(tok);
            if (next.isMissingNode() || next.isNull()) {
                // an optional container the base left out: create it so the field can be set
                next = tokens.get(i + 1).equals("[0]") ? NODES.arrayNode() : NODES.objectNode();
                if (tok.equals("[0]") && parent instanceof ArrayNode a) {
                    a.add(next);
                } else if (parent instanceof ObjectNode o) {
                    o.set(tok, next);
                }
                if (next instanceof ArrayNode a && tokens.get(i + 1).equals("[0]")) {
                    a.add(NODES.objectNode());
                }
            }
            parent = next;
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode o) {
            if (remove) {
                o.remove(last);
            } else {
                o.set(last, value);
            }
        }
        String leaf = last;
        return new Case(op, "body " + name, path, query, "application/json", bytes(copy), expect, leaf, hostile);
    }

    private static List<String> tokens(String field) {
        List<String> t = new ArrayList<>();
        for (String part : field.split("\\.")) {
            int i = part.indexOf("[0]");
            if (i == 0) {
                t.add("[0]");
                if (part.length() > 3) {
                    t.add(part.substring(3));
                }
            } else if (i > 0) {
                t.add(part.substring(0, i));
                t.add("[0]");
            } else {
                t.add(part);
            }
        }
        return t;
    }
}
