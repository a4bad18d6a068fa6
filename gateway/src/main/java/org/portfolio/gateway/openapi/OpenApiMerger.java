package org.portfolio.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Combines the gateway's own OpenAPI document and every service's into the one the gateway publishes:
 * <ul>
 *   <li>each source contributes only the paths it owns (the routing table decides), unchanged, since the gateway
 *       forwards paths as they are;</li>
 *   <li>components of the same name and the same content (e.g. {@code Problem}) are kept once; a name used for
 *       different content is renamed after its service ({@code SchoolResponse} → {@code EnrollmentSchoolResponse})
 *       and every reference inside that service's document follows;</li>
 *   <li>the OAuth2 client-credentials scheme (scopes = roles) replaces the services' bearer requirement, one
 *       requirement per role, a plain bearer alternative is kept;</li>
 *   <li>the answers the gateway itself may give are documented on every operation (401, 413, 429, 502–504; a
 *       service's own 503 — it cannot check tokens yet, or its database cannot serve the request — says that the
 *       gateway answers 503 too);</li>
 *   <li>every operation gets a unique, stable, readable operationId ({@link OperationIds}), tags are all declared,
 *       unused components are dropped;</li>
 *   <li>the output is deterministic: the same sources give byte for byte the same document, and the order in which a
 *       source lists its paths or components does not matter (paths and components are sorted by name).</li>
 * </ul>
 * Pure: no I/O.
 */
public final class OpenApiMerger {

    public static final String OAUTH2 = "oauth2";
    /**
     * The plain bearer alternative ("paste a token"). Named so that it sorts after {@link #OAUTH2}: openapi-generator
     * applies an operation's schemes in the order of their names, and its typescript-fetch client's oauth2 branch
     * writes the raw token into {@code Authorization} (openapi-generator issue 12514): under the name {@code bearer}
     * it came first and the oauth2 branch overwrote its {@code Bearer …} header, so every call of a TypeScript client
     * configured with a token was a 401 (outside check of the tenth pass). Under {@code token} the bearer branch comes
     * last and its header stands.
     */
    public static final String BEARER = "token";
    /** HTTP Basic client authentication of the token endpoint. */
    public static final String CLIENT_BASIC = "clientBasic";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> COMPONENT_KINDS = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "links", "callbacks", "pathItems");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Map<String, String> ROLE_SCOPES = new LinkedHashMap<>();
    private static final String SERVICE_UNREACHABLE = "The service cannot be reached (problem+json)";
    /** What the tokens are and how they are checked (docs/security.md; OWASP's API ruleset asks for RFC 8725 by name). */
    static final String JWT_PRACTICES = "The token is a JWT (RFC 7519) signed with RS256 and checked as RFC8725 advises: "
            + "only RS256 is accepted (never `none` or an HMAC), issuer, audience and expiry are verified by the gateway and "
            + "again by every service, and it lives 30 minutes by default (`portfolio.gateway.jwt.ttl`; a new one is asked "
            + "for with the client's credentials; there are no refresh tokens). Its header's `typ` is the generic `JWT`: "
            + "no explicit type in RFC8725 3.11's sense, and no verifier checks `typ`.";

    static {
        ROLE_SCOPES.put("DISTRICT_ADMIN", "District central office: everything, every school");
        ROLE_SCOPES.put("OVERSIGHT", "Authorizers and the board: oversight decisions and queries; every school, or the schools of the oversight bodies an authorizer's client names");
        ROLE_SCOPES.put("SCHOOL_LEADER", "A school's leader: its own schools only");
        ROLE_SCOPES.put("SIS", "A student information system: ingestion for its own schools only");
        ROLE_SCOPES.put("ENROLLMENT_OFFICER", "Enrollment office: periods, programs, applications, the match");
    }

    /** One document to merge: its name, the document, and which paths it owns. */
    public record Source(String name, ObjectNode document, Predicate<String> owns, boolean proxied) {
    }

    /** The merge's description of itself. */
    public record Settings(String title, String version, String description, String serverUrl, List<ObjectNode> sourceStatus) {
    }

    private OpenApiMerger() {
    }

    public static ObjectNode merge(List<Source> sources, Settings settings) {
        ObjectNode out = F.objectNode();
        out.put("openapi", "3.1.0");
        ObjectNode info = out.putObject("info");
        info.put("title", settings.title());
        info.put("version", settings.version());
        info.put("description", settings.description());
        info.putObject("contact").put("name", "Portfolio suite").put("url", "https://github.com/portfolio-suite/portfolio");
        info.putObject("license").put("name", "Apache 2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        out.putArray("servers").addObject().put("url", settings.serverUrl())
                .put("description", "The Portfolio gateway, the one way in to the deployment (local, staging or production) that "
                        + "served this document")
                .put("x-internal", false);
        ArrayNode tags = out.putArray("tags");
        ObjectNode paths = out.putObject("paths");
        ObjectNode components = out.putObject("components");
        Set<String> tagNames = new LinkedHashSet<>();

        for (Source source : sources) {
            ObjectNode doc = source.document().deepCopy();
            Map<String, Map<String, String>> renames = renamesFor(source.name(), doc, components);
            rewriteRefs(doc, renames);
            ObjectNode docComponents = doc.has("components") ? (ObjectNode) doc.get("components") : F.objectNode();
            for (String kind : COMPONENT_KINDS) {
                if (!docComponents.has(kind)) {
                    continue;
                }
                ObjectNode target = components.has(kind) ? (ObjectNode) components.get(kind) : components.putObject(kind);
                docComponents.get(kind).fields().forEachRemaining(e -> {
                    String name = renames.getOrDefault(kind, Map.of()).getOrDefault(e.getKey(), e.getKey());
                    if (!target.has(name)) {
                        target.set(name, e.getValue());
                    }
                });
            }
            Set<String> bearerSchemes = new HashSet<>();
            Set<String> otherSchemes = new HashSet<>();
            if (docComponents.has("securitySchemes")) {
                docComponents.get("securitySchemes").fields().forEachRemaining(e -> {
                    JsonNode s = e.getValue();
                    if ("http".equals(s.path("type").asText()) && "bearer".equalsIgnoreCase(s.path("scheme").asText())) {
                        bearerSchemes.add(e.getKey());
                    } else {
                        otherSchemes.add(e.getKey());
                        ObjectNode schemes = components.has("securitySchemes") ? (ObjectNode) components.get("securitySchemes")
                                : components.putObject("securitySchemes");
                        if (!schemes.has(e.getKey())) {
                            schemes.set(e.getKey(), s);
                        }
                    }
                });
            }
            if (doc.has("tags")) {
                for (JsonNode t : doc.get("tags")) {
                    if (tagNames.add(t.path("name").asText())) {
                        tags.add(t);
                    }
                }
            }
            JsonNode docPaths = doc.path("paths");
            Iterator<Map.Entry<String, JsonNode>> it = docPaths.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> p = it.next();
                if (!source.owns().test(p.getKey()) || paths.has(p.getKey())) {
                    continue;
                }
                ObjectNode item = (ObjectNode) p.getValue();
                item.fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey()) || !op.getValue().isObject()) {
                        return;
                    }
                    ObjectNode operation = (ObjectNode) op.getValue();
                    rewriteSecurity(operation, bearerSchemes);
                    addGatewayResponses(operation, source.proxied());
                    for (JsonNode t : operation.path("tags")) {
                        if (tagNames.add(t.asText())) {
                            tags.addObject().put("name", t.asText());
                        }
                    }
                });
                paths.set(p.getKey(), item);
            }
        }
        ObjectNode schemes = components.has("securitySchemes") ? (ObjectNode) components.get("securitySchemes")
                : components.putObject("securitySchemes");
        schemes.set(OAUTH2, oauth2Scheme(settings.serverUrl(), usedScopes(paths)));
        schemes.set(BEARER, F.objectNode().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "An access token from POST /oauth/token, pasted as is. " + JWT_PRACTICES));
        addGatewayComponents(components);
        RateLimitHeaders.declare(paths, components);
        if (components.has("schemas")) {
            SharedEnums.refer((ObjectNode) components.get("schemas"));
        }
        dropUnused(out);
        assignOperationIds(paths);
        out.set("paths", sorted(paths));
        for (String kind : new ArrayList<>(iterable(components.fieldNames()))) {
            components.set(kind, sorted((ObjectNode) components.get(kind)));
        }
        out.putArray("x-portfolio-sources").addAll(settings.sourceStatus());
        return out;
    }

    /** Every operation's id, from its method and path (and the id its document gave it): see {@link OperationIds}. */
    private static void assignOperationIds(ObjectNode paths) {
        List<OperationIds.Operation> ops = new ArrayList<>();
        List<ObjectNode> nodes = new ArrayList<>();
        for (String path : iterable(paths.fieldNames())) {
            for (Map.Entry<String, JsonNode> op : iterable(paths.get(path).fields())) {
                if (METHODS.contains(op.getKey()) && op.getValue().isObject()) {
                    JsonNode declared = op.getValue().get("operationId");
                    ops.add(new OperationIds.Operation(op.getKey(), path, declared == null || !declared.isTextual() ? null : declared.asText()));
                    nodes.add((ObjectNode) op.getValue());
                }
            }
        }
        List<String> ids = OperationIds.assign(ops);
        for (int i = 0; i < ids.size(); i++) {
            nodes.get(i).put("operationId", ids.get(i));
        }
    }

    /** A copy with the fields in the order of their names. */
    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode out = F.objectNode();
        List<String> names = new ArrayList<>(iterable(node.fieldNames()));
        java.util.Collections.sort(names);
        names.forEach(n -> out.set(n, node.get(n)));
        return out;
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Names of this document's components that clash with different content already merged, and their new names. */
    static Map<String, Map<String, String>> renamesFor(String sourceName, ObjectNode doc, ObjectNode merged) {
        Map<String, Map<String, String>> renames = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            ObjectNode probe = doc.deepCopy();
            rewriteRefs(probe, renames);
            JsonNode comps = probe.path("components");
            for (String kind : COMPONENT_KINDS) {
                JsonNode mergedKind = merged.path(kind);
                Iterator<Map.Entry<String, JsonNode>> it = comps.path(kind).fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Map<String, String> kindRenames = renames.computeIfAbsent(kind, k -> new HashMap<>());
                    if (kindRenames.containsKey(e.getKey())) {
                        continue;
                    }
                    JsonNode existing = mergedKind.get(e.getKey());
                    if (existing != null && !existing.equals(e.getValue())) {
                        String base = capitalize(sourceName) + e.getKey();
                        String name = base;
                        for (int i = 2; mergedKind.has(name) || comps.path(kind).has(name); i++) {
                            name = base + i;
                        }
                        kindRenames.put(e.getKey(), name);
                        changed = true;
                    }
                }
            }
        }
        return renames;
    }

    static void rewriteRefs(JsonNode node, Map<String, Map<String, String>> renames) {
        if (renames.values().stream().allMatch(Map::isEmpty)) {
            return;
        }
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isObject()) {
                ObjectNode o = (ObjectNode) n;
                JsonNode ref = o.get("$ref");
                if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/")) {
                    String[] parts = ref.asText().split("/", 4);
                    if (parts.length == 4) {
                        String renamed = renames.getOrDefault(parts[2], Map.of()).get(parts[3]);
                        if (renamed != null) {
                            o.set("$ref", TextNode.valueOf("#/components/" + parts[2] + "/" + renamed));
                        }
                    }
                }
                o.elements().forEachRemaining(todo::push);
            } else if (n.isArray()) {
                n.elements().forEachRemaining(todo::push);
            }
        }
    }

    /**
     * [{bearer: [A, B]}] → [{oauth2: [A]}, {oauth2: [B]}, {token: []}]: one requirement per role, since the scopes of one
     * requirement are all required and a caller needs any one of the roles (outside review of 2026-12-06, eighth pass:
     * {oauth2: [DISTRICT_ADMIN, SIS]} read as "both", and tools asking for the listed scopes asked an SIS client for
     * DISTRICT_ADMIN too); other requirements stay.
     */
    private static void rewriteSecurity(ObjectNode operation, Set<String> bearerSchemes) {
        JsonNode security = operation.get("security");
        if (security == null || !security.isArray()) {
            return;
        }
        ArrayNode rewritten = F.arrayNode();
        boolean bearerAlternative = false;
        for (JsonNode requirement : security) {
            ObjectNode others = F.objectNode();
            List<String> roles = new ArrayList<>();
            boolean usesBearer = false;
            Iterator<Map.Entry<String, JsonNode>> it = requirement.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (bearerSchemes.contains(e.getKey())) {
                    usesBearer = true;
                    e.getValue().forEach(role -> roles.add(role.asText()));
                } else {
                    others.set(e.getKey(), e.getValue());
                }
            }
            if (!usesBearer) {
                rewritten.add(others);
            } else if (roles.isEmpty()) {
                ObjectNode r = others.deepCopy();
                r.putArray(OAUTH2);
                rewritten.add(r);
            }
            for (String role : roles.stream().distinct().toList()) {
                ObjectNode r = others.deepCopy();
                r.putArray(OAUTH2).add(role);
                rewritten.add(r);
            }
            bearerAlternative |= usesBearer;
        }
        if (bearerAlternative) {
            rewritten.addObject().putArray(BEARER);
        }
        operation.set("security", rewritten);
    }

    private static void addGatewayResponses(ObjectNode operation, boolean proxied) {
        ObjectNode responses = operation.has("responses") ? (ObjectNode) operation.get("responses") : operation.putObject("responses");
        boolean secured = operation.has("security") && operation.get("security").size() > 0
                && !operation.get("security").get(0).has(CLIENT_BASIC);
        if (secured && !responses.has("401")) {
            responses.putObject("401").put("$ref", "#/components/responses/GatewayUnauthorized");
        }
        if (operation.has("requestBody") && !responses.has("413")) {
            responses.putObject("413").put("$ref", "#/components/responses/GatewayPayloadTooLarge");
        }
        if (!responses.has("414")) {
            responses.putObject("414").put("$ref", "#/components/responses/GatewayUriTooLong");
        }
        if (!responses.has("429")) {
            responses.putObject("429").put("$ref", "#/components/responses/GatewayTooManyRequests");
        }
        if (!responses.has("431")) {
            responses.putObject("431").put("$ref", "#/components/responses/GatewayHeadersTooLarge");
        }
        if (proxied) {
            JsonNode own503 = responses.get("503");
            if (own503 != null && own503.isObject() && !own503.has("$ref")) {
                // the service's own 503 (it cannot check tokens yet, or its database cannot serve the request): the gateway
                // answers 503 too, when it cannot reach it
                ObjectNode r = (ObjectNode) own503;
                r.put("description", r.path("description").asText("The service is unavailable").replaceAll("[.\\s]+$", "")
                        + ". From the gateway: " + lowerFirst(SERVICE_UNREACHABLE));
                ObjectNode headers = r.has("headers") ? (ObjectNode) r.get("headers") : r.putObject("headers");
                if (!headers.has("Retry-After")) {
                    headers.set("Retry-After", retryAfter());
                }
            }
            for (String[] r : new String[][]{{"502", "GatewayBadGateway"}, {"503", "GatewayServiceUnavailable"}, {"504", "GatewayTimeout"}}) {
                if (!responses.has(r[0])) {
                    responses.putObject(r[0]).put("$ref", "#/components/responses/" + r[1]);
                }
            }
        }
    }

    private static void addGatewayComponents(ObjectNode components) {
        ObjectNode schemas = components.has("schemas") ? (ObjectNode) components.get("schemas") : components.putObject("schemas");
        String problemRef = schemas.has("Problem") ? "#/components/schemas/Problem" : null;
        ObjectNode responses = components.has("responses") ? (ObjectNode) components.get("responses") : components.putObject("responses");
        String[][] defs = {
                {"GatewayUnauthorized", "No token, or an expired, forged, tampered or unsigned one (problem+json, WWW-Authenticate: Bearer)", "WWW-Authenticate"},
                {"GatewayPayloadTooLarge", "The body exceeds the route's size limit (problem+json)", null},
                {"GatewayTooManyRequests", "The client (or, without a token, the address) is over its rate limit (problem+json)", "Retry-After"},
                {"GatewayUriTooLong", "The request target (path and query) is longer than 4,000 characters (problem+json)", null},
                {"GatewayHeadersTooLarge", "The request's header fields exceed 16 KB (problem+json)", null},
                {"GatewayBadGateway", "The service broke off the exchange (problem+json)", null},
                {"GatewayServiceUnavailable", SERVICE_UNREACHABLE, "Retry-After"},
                {"GatewayTimeout", "The service did not answer in time (problem+json)", null}};
        for (String[] d : defs) {
            ObjectNode r = F.objectNode().put("description", d[1]);
            if (d[2] != null) {
                r.putObject("headers").set(d[2], d[2].equals("Retry-After") ? retryAfter()
                        : F.objectNode().put("description", "The authentication scheme").set("schema", F.objectNode().put("type", "string")));
            }
            ObjectNode media = r.putObject("content").putObject("application/problem+json");
            if (problemRef != null) {
                media.putObject("schema").put("$ref", problemRef);
            } else {
                media.putObject("schema").put("type", "object");
            }
            responses.set(d[0], r);
        }
    }

    private static ObjectNode retryAfter() {
        ObjectNode h = F.objectNode().put("description", "Seconds to wait before retrying");
        h.putObject("schema").put("type", "integer").put("format", "int32").put("minimum", 0).put("maximum", Integer.MAX_VALUE);
        return h;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static ObjectNode oauth2Scheme(String serverUrl, Set<String> usedScopes) {
        ObjectNode s = F.objectNode();
        s.put("type", "oauth2");
        s.put("description", "OAuth2 client credentials: register a client (POST /api/admin/clients), then POST /oauth/token "
                + "with HTTP Basic. The scopes are the roles; a client gets the roles it was registered with. " + JWT_PRACTICES);
        ObjectNode cc = s.putObject("flows").putObject("clientCredentials");
        cc.put("tokenUrl", stripSlash(serverUrl) + "/oauth/token");
        ObjectNode scopes = cc.putObject("scopes");
        ROLE_SCOPES.forEach(scopes::put);
        for (String u : usedScopes) {
            if (!scopes.has(u)) {
                scopes.put(u, u);
            }
        }
        return s;
    }

    private static Set<String> usedScopes(ObjectNode paths) {
        Set<String> used = new LinkedHashSet<>();
        paths.elements().forEachRemaining(item -> item.elements().forEachRemaining(op ->
                op.path("security").forEach(req -> req.path(OAUTH2).forEach(scope -> used.add(scope.asText())))));
        return used;
    }

    /** Removes components nothing refers to (directly or through other components). */
    static void dropUnused(ObjectNode doc) {
        ObjectNode components = (ObjectNode) doc.get("components");
        Set<String> reachable = new HashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(doc.get("paths"));
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isObject()) {
                JsonNode ref = n.get("$ref");
                if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/") && reachable.add(ref.asText())) {
                    String[] parts = ref.asText().split("/", 4);
                    JsonNode target = components.path(parts[2]).path(parts.length > 3 ? parts[3] : "");
                    if (!target.isMissingNode()) {
                        todo.push(target);
                    }
                }
                n.elements().forEachRemaining(todo::push);
            } else if (n.isArray()) {
                n.elements().forEachRemaining(todo::push);
            }
        }
        for (String kind : COMPONENT_KINDS) {
            if (components.has(kind)) {
                ObjectNode k = (ObjectNode) components.get(kind);
                List<String> unused = new ArrayList<>();
                k.fieldNames().forEachRemaining(name -> {
                    if (!reachable.contains("#/components/" + kind + "/" + name)) {
                        unused.add(name);
                    }
                });
                unused.forEach(k::remove);
                if (k.isEmpty()) {
                    components.remove(kind);
                }
            }
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
