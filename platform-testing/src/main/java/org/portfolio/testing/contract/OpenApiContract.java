package org.portfolio.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * An OpenAPI 3.1 document as a checker of HTTP exchanges: finds the operation of a request (method and path
 * template), and checks the request (required and typed parameters, the body's media type and JSON Schema) and the
 * answer (a declared status, a declared media type, the body against its schema). Schemas are checked by networknt's
 * JSON Schema validator with the OpenAPI 3.1 dialect (JSON Schema 2020-12), formats asserted (uuid, date, date-time).
 * Every {@code $ref} resolves inside the document.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "urn:portfolio:openapi";

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final List<PathTemplate> paths = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private Schema root;
    private final java.util.concurrent.atomic.AtomicInteger documentReads = new java.util.concurrent.atomic.AtomicInteger();

    private record PathTemplate(String template, Pattern regex, List<String> names, int literalSegments) {
    }

    /**
     * One HTTP exchange as the checker sees it; {@code contentType} and bodies may be null. {@code responseHeaders}: the
     * answer's headers, each name in lower case with its (first) value, or null when the caller did not capture them
     * (then neither the headers the document requires nor the values of those it declares are checked).
     */
    public record Exchange(String method, String path, String query, String requestContentType, String requestBody,
                           int status, String responseContentType, String responseBody, Map<String, String> responseHeaders) {

        public Exchange(String method, String path, String query, String requestContentType, String requestBody,
                        int status, String responseContentType, String responseBody) {
            this(method, path, query, requestContentType, requestBody, status, responseContentType, responseBody, null);
        }
    }

    private OpenApiContract(JsonNode doc, String text) {
        this.doc = doc;
        String version = doc.path("openapi").asText("");
        if (!version.startsWith("3.1")) {
            throw new IllegalArgumentException("an OpenAPI 3.1 document is expected, not " + version);
        }
        Dialect.Builder dialect = Dialect.builder(Dialects.getOpenApi31());
        for (String field : List.of("openapi", "info", "servers", "paths", "webhooks", "components", "security", "tags",
                "externalDocs", "jsonSchemaDialect")) {
            dialect.keyword(new NonValidationKeyword(field)); // the document's own fields, not schema keywords
        }
        this.registry = SchemaRegistry.withDialect(dialect.build(), b -> b
                .schemas(iri -> {
                    if (!DOCUMENT.equals(iri)) {
                        return null;
                    }
                    documentReads.incrementAndGet();
                    return text;
                })
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_PATH).build()));
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            paths.add(template(t));
        }
        // literal paths before templated ones: /periods/current before /periods/{id}
        paths.sort(Comparator.comparingInt(PathTemplate::literalSegments).reversed());
    }

    public static OpenApiContract parse(String json) {
        try {
            return new OpenApiContract(JSON.readTree(json), json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
        }
    }

    /** How often the schema registry read the document's text (once: every schema is a part of the same tree). */
    int documentReads() {
        return documentReads.get();
    }

    public JsonNode document() {
        return doc;
    }

    /** The path template of the document that this request path falls under, or null. */
    public String templateOf(String path) {
        for (PathTemplate t : paths) {
            if (t.regex().matcher(path).matches()) {
                return t.template();
            }
        }
        return null;
    }

    /** True if the document has this method on a path template this path falls under. */
    public boolean hasOperation(String method, String path) {
        String template = templateOf(path);
        if (template == null) {
            return false;
        }
        JsonNode item = doc.path("paths").path(template);
        return item.has(method.toLowerCase(Locale.ROOT)) || ("HEAD".equalsIgnoreCase(method) && item.has("get"));
    }

    /** Everything the document says this request got wrong (empty: a request the document allows). */
    public List<String> checkRequest(Exchange x) {
        List<String> out = new ArrayList<>();
        JsonNode op = operation(x, out);
        if (op == null) {
            return out;
        }
        PathTemplate t = paths.stream().filter(p -> p.regex().matcher(x.path()).matches()).findFirst().orElseThrow();
        Map<String, String> pathValues = new LinkedHashMap<>();
        var m = t.regex().matcher(x.path());
        if (m.matches()) {
            for (int i = 0; i < t.names().size(); i++) {
                pathValues.put(t.names().get(i), decode(m.group(i + 1)));
            }
        }
        Map<String, List<String>> query = query(x.query());
        for (Param param : parameters(x, op)) {
            JsonNode p = param.node();
            String in = p.path("in").asText();
            String name = p.path("name").asText();
            JsonNode schema = resolve(p.path("schema"));
            List<String> values = switch (in) {
                case "path" -> pathValues.containsKey(name) ? List.of(pathValues.get(name)) : List.of();
                case "query" -> query.getOrDefault(name, List.of());
                default -> null; // headers and cookies are not checked
            };
            if (values == null) {
                continue;
            }
            if (values.isEmpty()) {
                if (p.path("required").asBoolean(false)) {
                    out.add(in + " parameter '" + name + "' is required");
                }
                continue;
            }
            JsonNode value = coerce(values, schema);
            for (String e : messages(schema(param.schemaPointer(), p.path("schema")), value)) {
                out.add(in + " parameter '" + name + "' = " + values + ": " + e);
            }
        }
        JsonNode body = resolve(op.path("requestBody"));
        boolean hasBody = x.requestBody() != null && !x.requestBody().isEmpty();
        if (body.isMissingNode()) {
            if (hasBody) {
                out.add("the operation takes no request body, but one was sent");
            }
            return out;
        }
        if (!hasBody) {
            if (body.path("required").asBoolean(false)) {
                out.add("the request body is required");
            }
            return out;
        }
        String media = mediaType(body.path("content"), x.requestContentType());
        if (media == null) {
            out.add("request media type " + x.requestContentType() + " is not one of " + names(body.path("content")));
            return out;
        }
        if (isJson(media)) {
            out.addAll(checkJson("request body", bodyPointer(x, op) + "/requestBody/content/" + escape(media) + "/schema",
                    body.path("content").path(media).path("schema"), x.requestBody()));
        }
        return out;
    }

    /**
     * What an integrator reading the document would stumble on in its request examples: one line ("POST /api/schools:
     * …") for every JSON request body that shows no example, and for every example its own schema refuses. Empty when
     * each JSON body shows at least one example that the document itself accepts ({@code example}, or
     * {@code examples} with a {@code value}; an {@code externalValue} is not read).
     */
    public List<String> requestExampleProblems() {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode raw = op.getValue().path("requestBody");
                if (raw.isMissingNode()) {
                    continue;
                }
                String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                String pointer = raw.has("$ref") ? raw.path("$ref").asText().substring(1)
                        : "/paths/" + escape(path.getKey()) + "/" + op.getKey() + "/requestBody";
                JsonNode content = resolve(raw).path("content");
                for (Iterator<String> media = content.fieldNames(); media.hasNext(); ) {
                    String m = media.next();
                    if (!isJson(m)) {
                        continue;
                    }
                    JsonNode type = content.path(m);
                    Map<String, JsonNode> examples = new LinkedHashMap<>();
                    if (type.has("example")) {
                        examples.put("example", type.get("example"));
                    }
                    type.path("examples").fields().forEachRemaining(e -> {
                        JsonNode value = resolve(e.getValue()).path("value");
                        if (!value.isMissingNode()) {
                            examples.put(e.getKey(), value);
                        }
                    });
                    if (examples.isEmpty()) {
                        out.add(where + ": the " + m + " body shows no example");
                    }
                    examples.forEach((name, value) -> {
                        for (String problem : checkJson("example '" + name + "'", pointer + "/content/" + escape(m) + "/schema",
                                type.path("schema"), value.toString())) {
                            out.add(where + ": " + problem);
                        }
                    });
                }
            }
        }
        return out;
    }

    /** Everything the document says this answer got wrong (empty: an answer the document promises). */
    public List<String> checkResponse(Exchange x) {
        List<String> out = new ArrayList<>();
        JsonNode op = operation(x, out);
        if (op == null) {
            return out;
        }
        JsonNode responses = op.path("responses");
        String key = String.valueOf(x.status());
        if (!responses.has(key)) {
            key = (x.status() / 100) + "XX";
        }
        if (!responses.has(key)) {
            key = "default";
        }
        if (!responses.has(key)) {
            out.add("status " + x.status() + " is not declared (declared: " + names(responses) + ")");
            return out;
        }
        JsonNode response = resolve(responses.path(key));
        String pointer = responsePointer(x, op, responses.path(key), key);
        if (x.responseHeaders() != null) {
            // a header the document requires (a 201's Location, a resource's ETag) is a promise too, and so is the schema
            // of every header it declares (Retry-After an integer, RateLimit its pattern: thirteenth pass)
            response.path("headers").fields().forEachRemaining(h -> out.addAll(checkHeader(x, h.getKey(), h.getValue(), pointer)));
        }
        JsonNode content = response.path("content");
        boolean hasBody = x.responseBody() != null && !x.responseBody().isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (hasBody && x.status() != 304) {
                out.add("status " + x.status() + " declares no body, but the answer has one (" + x.responseContentType() + ")");
            }
            return out;
        }
        if (!hasBody) {
            if (x.status() != 204 && x.status() != 304 && !"HEAD".equalsIgnoreCase(x.method())) {
                out.add("status " + x.status() + " declares a body (" + names(content) + "), but the answer has none");
            }
            return out;
        }
        String media = mediaType(content, x.responseContentType());
        if (media == null) {
            out.add("answer media type " + x.responseContentType() + " is not one of " + names(content) + " for status " + x.status());
            return out;
        }
        if (isJson(media)) {
            out.addAll(checkJson("answer", pointer + "/content/" + escape(media) + "/schema", content.path(media).path("schema"),
                    x.responseBody()));
        }
        return out;
    }

    private List<String> checkHeader(Exchange x, String name, JsonNode raw, String responsePointer) {
        JsonNode header = resolve(raw);
        String value = x.responseHeaders().get(name.toLowerCase(Locale.ROOT));
        if (value == null) {
            for (Map.Entry<String, String> e : x.responseHeaders().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    value = e.getValue(); // a caller that kept the names' case
                }
            }
        }
        if (value == null) {
            return header.path("required").asBoolean(false)
                    ? List.of("status " + x.status() + " requires the header " + name + ", but the answer has none") : List.of();
        }
        JsonNode schemaNode = header.path("schema");
        if (schemaNode.isMissingNode() || name.equalsIgnoreCase("Content-Type")) {
            return List.of(); // OpenAPI: a declared Content-Type header is ignored
        }
        String at = null; // where the header's own object is: a $ref's target, followed to the end
        JsonNode node = raw;
        for (int guard = 0; node.has("$ref") && guard < 10; guard++) {
            at = node.path("$ref").asText().substring(1);
            node = doc.at(at);
        }
        String pointer = (at != null ? at : responsePointer + "/headers/" + escape(name)) + "/schema";
        String sent = value;
        return messages(schema(pointer, schemaNode), scalar(value, typeOf(schemaNode))).stream()
                .map(m -> "header " + name + " (" + sent + "): " + m).toList();
    }

    private List<String> checkJson(String what, String pointer, JsonNode schemaNode, String text) {
        if (schemaNode.isMissingNode()) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(text);
        } catch (java.io.IOException e) {
            return List.of(what + " is not valid JSON");
        }
        List<String> out = new ArrayList<>();
        List<Error> errors;
        try {
            errors = schema(pointer, schemaNode).validate(value);
        } catch (RuntimeException unreadable) {
            // a value the validator itself cannot handle (1e400 against a multipleOf): not conforming, say why
            return List.of(what + " could not be validated: " + unreadable);
        }
        for (Error e : errors) {
            out.add(what + " " + e.getInstanceLocation() + ": " + e.getMessage());
            if (out.size() >= 20) {
                out.add("…");
                break;
            }
        }
        return out;
    }

    /**
     * The schema at this JSON pointer, as a sub-schema of the one document: {@code registry.getSchema(location#pointer)}
     * would read the whole document again for every pointer (hundreds of copies of a merged document held at once:
     * a system-test JVM ran out of heap).
     */
    private Schema schema(String pointer, JsonNode node) {
        return schemas.computeIfAbsent(pointer, p -> {
            NodePath path = new NodePath(PathType.JSON_POINTER);
            JsonNode at = doc;
            for (String token : p.substring(1).split("/", -1)) {
                String name = token.replace("~1", "/").replace("~0", "~");
                if (at.isArray()) {
                    int index = Integer.parseInt(name);
                    path = path.append(index);
                    at = at.path(index);
                } else {
                    path = path.append(name);
                    at = at.path(name);
                }
            }
            return root().getSubSchema(path);
        });
    }

    private synchronized Schema root() {
        if (root == null) {
            root = registry.getSchema(SchemaLocation.of(DOCUMENT));
        }
        return root;
    }

    /** A parameter's errors; a value the validator cannot handle counts as one error. */
    private static List<String> messages(Schema schema, JsonNode value) {
        try {
            return schema.validate(value).stream().map(Error::getMessage).toList();
        } catch (RuntimeException unreadable) {
            return List.of("could not be validated: " + unreadable);
        }
    }

    private JsonNode operation(Exchange x, List<String> out) {
        String template = templateOf(x.path());
        if (template == null) {
            out.add("no path of the document matches " + x.path());
            return null;
        }
        JsonNode op = doc.path("paths").path(template).path(x.method().toLowerCase(Locale.ROOT));
        if (op.isMissingNode() && "HEAD".equalsIgnoreCase(x.method())) {
            op = doc.path("paths").path(template).path("get");
        }
        if (op.isMissingNode()) {
            out.add(x.method() + " is not an operation of " + template);
            return null;
        }
        return op;
    }

    private String bodyPointer(Exchange x, JsonNode op) {
        String method = op == doc.path("paths").path(templateOf(x.path())).path("get") ? "get" : x.method().toLowerCase(Locale.ROOT);
        return "/paths/" + escape(templateOf(x.path())) + "/" + method;
    }

    private String responsePointer(Exchange x, JsonNode op, JsonNode raw, String key) {
        if (raw.has("$ref")) {
            return raw.path("$ref").asText().substring(1);
        }
        return bodyPointer(x, op) + "/responses/" + escape(key);
    }

    /** A parameter and the JSON pointer of its schema in the document. */
    private record Param(JsonNode node, String schemaPointer) {
    }

    private List<Param> parameters(Exchange x, JsonNode op) {
        Map<String, Param> byKey = new LinkedHashMap<>();
        String template = templateOf(x.path());
        String pathPointer = "/paths/" + escape(template);
        String opPointer = bodyPointer(x, op);
        for (var level : List.of(Map.entry(pathPointer, doc.path("paths").path(template).path("parameters")),
                Map.entry(opPointer, op.path("parameters")))) {
            int i = 0;
            for (JsonNode raw : level.getValue()) {
                JsonNode p = resolve(raw);
                String at = raw.has("$ref") ? raw.path("$ref").asText().substring(1) : level.getKey() + "/parameters/" + i;
                byKey.put(p.path("in").asText() + ":" + p.path("name").asText(), new Param(p, at + "/schema"));
                i++;
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private JsonNode resolve(JsonNode node) {
        int guard = 0;
        while (node.has("$ref") && guard++ < 10) {
            String ref = node.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            node = doc.at(ref.substring(1));
        }
        return node;
    }

    /** Query and path values are strings on the wire: type them as the schema says before checking. */
    private JsonNode coerce(List<String> values, JsonNode schema) {
        String type = typeOf(schema);
        if ("array".equals(type)) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            JsonNode items = resolve(schema.path("items"));
            for (String v : values) {
                for (String part : values.size() == 1 ? List.of(v.split(",", -1)) : List.of(v)) {
                    a.add(scalar(part, typeOf(items)));
                }
            }
            return a;
        }
        return scalar(values.get(values.size() - 1), type);
    }

    private static JsonNode scalar(String v, String type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        try {
            return switch (type == null ? "string" : type) {
                case "integer" -> v.matches("-?\\d{1,18}") ? f.numberNode(Long.parseLong(v)) : f.textNode(v);
                case "number" -> v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") ? f.numberNode(new java.math.BigDecimal(v)) : f.textNode(v);
                case "boolean" -> "true".equals(v) || "false".equals(v) ? f.booleanNode(Boolean.parseBoolean(v)) : f.textNode(v);
                default -> f.textNode(v);
            };
        } catch (RuntimeException e) {
            return f.textNode(v);
        }
    }

    private String typeOf(JsonNode schema) {
        JsonNode s = resolve(schema);
        JsonNode t = s.path("type");
        if (t.isTextual()) {
            return t.asText();
        }
        if (t.isArray()) {
            for (JsonNode e : t) {
                if (!"null".equals(e.asText())) {
                    return e.asText();
                }
            }
        }
        return null;
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The declared media type that an actual Content-Type falls under, or null. */
    static String mediaType(JsonNode content, String actual) {
        String type = actual == null ? "" : actual.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (content.has(type)) {
            return type;
        }
        int slash = type.indexOf('/');
        if (slash > 0 && content.has(type.substring(0, slash) + "/*")) {
            return type.substring(0, slash) + "/*";
        }
        return content.has("*/*") ? "*/*" : null;
    }

    static boolean isJson(String media) {
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static String names(JsonNode object) {
        List<String> n = new ArrayList<>();
        object.fieldNames().forEachRemaining(n::add);
        return n.toString();
    }

    static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    private static PathTemplate template(String t) {
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int literal = 0;
        for (String seg : t.split("/", -1)) {
            if (seg.isEmpty()) {
                continue;
            }
            regex.append('/');
            if (seg.startsWith("{") && seg.endsWith("}")) {
                names.add(seg.substring(1, seg.length() - 1));
                regex.append("([^/]+)");
            } else {
                regex.append(Pattern.quote(seg));
                literal++;
            }
        }
        if (t.endsWith("/") && t.length() > 1) {
            regex.append('/');
        }
        return new PathTemplate(t, Pattern.compile(regex.length() == 0 ? "/" : regex.toString()), names, literal);
    }
}
