package org.portfolio.system.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.portfolio.system.compat.ApiChange.Severity.ADDITION;
import static org.portfolio.system.compat.ApiChange.Severity.BREAKING;
import static org.portfolio.system.compat.ApiChange.Severity.UNJUDGED;
import static org.portfolio.system.compat.SchemaDiff.Direction.REQUEST;
import static org.portfolio.system.compat.SchemaDiff.Direction.RESPONSE;

/**
 * The changes between a released OpenAPI 3.1 document and the current one that a client generated from the released
 * one meets (docs/api-changes.md says which are breaking and why). Operations are matched by method and path with
 * the path parameters' names left out ({@code /schools/{}}: renaming a path parameter changes no request); parameters
 * by where they go and their name (a path parameter by its position).
 */
public final class OpenApiDiff {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** How a parameter is written on the wire; {@code content} instead of {@code schema} too. */
    private static final List<String> SERIALIZATION = List.of("style", "explode", "allowReserved", "allowEmptyValue", "content");

    private final JsonNode released;
    private final JsonNode current;
    private final Map<String, ApiChange> out = new LinkedHashMap<>();
    private final SchemaDiff schemas;

    private OpenApiDiff(JsonNode released, JsonNode current) {
        this.released = released;
        this.current = current;
        this.schemas = new SchemaDiff(released, current, out);
    }

    public static Map<String, ApiChange> between(JsonNode released, JsonNode current) {
        OpenApiDiff diff = new OpenApiDiff(released, current);
        diff.operations();
        return diff.out;
    }

    /** A scheme both documents name that now takes its credentials elsewhere (another token URL, header or kind). */
    private void schemes() {
        JsonNode isSchemes = current.path("components").path("securitySchemes");
        released.path("components").path("securitySchemes").fields().forEachRemaining(e -> {
            JsonNode was = e.getValue();
            JsonNode is = isSchemes.path(e.getKey());
            if (is.isMissingNode()) {
                return; // renamed or gone: the operations' requirements say whether a caller is affected
            }
            boolean same = was.path("type").equals(is.path("type")) && was.path("scheme").equals(is.path("scheme"))
                    && was.path("in").equals(is.path("in")) && was.path("name").equals(is.path("name"))
                    && SchemaDiff.names(was.path("flows")).stream().allMatch(flow -> is.path("flows").has(flow)
                    && was.path("flows").path(flow).path("tokenUrl").equals(is.path("flows").path(flow).path("tokenUrl")));
            if (!same) {
                add(BREAKING, "security-scheme-changed " + e.getKey());
            }
        });
    }

    private void operations() {
        schemes();
        Map<String, Operation> was = operations(released);
        Map<String, Operation> is = operations(current);
        was.forEach((key, w) -> {
            Operation i = is.get(key);
            if (i == null) {
                add(BREAKING, "operation-removed " + w.name());
            } else {
                compare(w, i);
            }
        });
        is.forEach((key, i) -> {
            if (!was.containsKey(key)) {
                add(ADDITION, "operation-added " + i.name());
            }
        });
    }

    private void compare(Operation was, Operation is) {
        String op = is.name();
        Set<String> wasRoles = roles(was.node(), released);
        Set<String> isRoles = roles(is.node(), current);
        if (wasRoles.isEmpty() && !isRoles.isEmpty()) {
            add(BREAKING, "operation-secured " + op);
        }
        Set<String> removed = new TreeSet<>();
        wasRoles.stream().filter(r -> !isRoles.isEmpty() && !isRoles.contains(r)).forEach(removed::add);
        removed.forEach(r -> add(BREAKING, "operation-role-removed " + op + " " + r));
        if (!wasRoles.isEmpty() && !isRoles.isEmpty()) {
            List<Set<String>> isAlternatives = alternatives(is.node(), current);
            for (Set<String> w : alternatives(was.node(), released)) {
                boolean coveredByARoleRemoved = w.stream().allMatch(pair -> removed.contains(pair.substring(pair.indexOf(':') + 1)));
                if (isAlternatives.stream().noneMatch(w::containsAll) && !coveredByARoleRemoved) {
                    add(BREAKING, "operation-secured " + op + " " + w);
                }
            }
        }
        isRoles.stream().filter(r -> !wasRoles.isEmpty() && !wasRoles.contains(r))
                .forEach(r -> add(ADDITION, "operation-role-added " + op + " " + r));
        parameters(op, parameters(was, released), parameters(is, current));
        requestBody(op, resolve(released, was.node().path("requestBody")), resolve(current, is.node().path("requestBody")));
        responses(op, was.node().path("responses"), is.node().path("responses"));
    }

    private void parameters(String op, Map<String, JsonNode> was, Map<String, JsonNode> is) {
        was.forEach((key, w) -> {
            JsonNode i = is.get(key);
            if (i == null) {
                add(BREAKING, "parameter-removed " + op + " " + key);
                return;
            }
            if (i.path("required").asBoolean(false) && !w.path("required").asBoolean(false)) {
                add(BREAKING, "parameter-required " + op + " " + key);
            }
            for (String keyword : SERIALIZATION) {
                if (!java.util.Objects.equals(w.get(keyword), i.get(keyword))) {
                    add(UNJUDGED, "parameter-serialization-changed " + op + " " + key + " " + keyword);
                }
            }
            schemas.compare(op + " " + key, w.path("schema"), i.path("schema"), REQUEST);
        });
        is.forEach((key, i) -> {
            if (!was.containsKey(key)) {
                add(i.path("required").asBoolean(false) ? BREAKING : ADDITION,
                        (i.path("required").asBoolean(false) ? "parameter-required " : "parameter-added ") + op + " " + key);
            }
        });
    }

    private void requestBody(String op, JsonNode was, JsonNode is) {
        if (is.path("required").asBoolean(false) && !was.path("required").asBoolean(false)) {
            add(BREAKING, "request-body-required " + op);
        }
        Map<String, JsonNode> isContent = content(is);
        content(was).forEach((type, w) -> {
            if (!isContent.containsKey(type)) {
                add(BREAKING, "request-media-type-removed " + op + " " + type);
            } else {
                schemas.compare(op + " body", w.path("schema"), isContent.get(type).path("schema"), REQUEST);
            }
        });
    }

    private void responses(String op, JsonNode was, JsonNode is) {
        was.fields().forEachRemaining(e -> {
            String status = e.getKey();
            JsonNode w = resolve(released, e.getValue());
            if (!is.has(status)) {
                if (status.startsWith("2")) {
                    add(BREAKING, "response-status-removed " + op + " " + status);
                }
                return;
            }
            JsonNode i = resolve(current, is.get(status));
            String at = op + " " + status;
            Map<String, JsonNode> isContent = content(i);
            content(w).forEach((type, c) -> {
                if (!isContent.containsKey(type)) {
                    add(BREAKING, "response-media-type-removed " + at + " " + type);
                } else {
                    schemas.compare(at, c.path("schema"), isContent.get(type).path("schema"), RESPONSE);
                }
            });
            JsonNode isHeaders = i.path("headers");
            Set<String> wasHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            wasHeaders.addAll(SchemaDiff.names(w.path("headers")));
            SchemaDiff.names(isHeaders).stream().filter(h -> !wasHeaders.contains(h))
                    .forEach(h -> add(ADDITION, "response-header-added " + at + " " + h));
            w.path("headers").fields().forEachRemaining(h -> {
                String header = h.getKey().toLowerCase();
                JsonNode match = MissingNode.getInstance();
                for (String name : SchemaDiff.names(isHeaders)) {
                    if (name.equalsIgnoreCase(header)) {
                        match = resolve(current, isHeaders.get(name));
                    }
                }
                if (match.isMissingNode()) {
                    add(BREAKING, "response-header-removed " + at + " " + h.getKey());
                } else {
                    if (resolve(released, h.getValue()).path("required").asBoolean(false) && !match.path("required").asBoolean(false)) {
                        add(BREAKING, "response-header-optional " + at + " " + h.getKey());
                    }
                    schemas.compare(at + " " + h.getKey(), resolve(released, h.getValue()).path("schema"), match.path("schema"), RESPONSE);
                }
            });
        });
        is.fieldNames().forEachRemaining(status -> {
            if (status.startsWith("2") && !was.has(status)) {
                add(BREAKING, "response-status-added " + op + " " + status);
            }
        });
    }

    /** A body's media types without their parameters ({@code application/json; charset=utf-8} is {@code application/json}). */
    private static Map<String, JsonNode> content(JsonNode bodyOrResponse) {
        Map<String, JsonNode> byType = new TreeMap<>();
        bodyOrResponse.path("content").fields().forEachRemaining(e ->
                byType.putIfAbsent(e.getKey().split(";")[0].trim().toLowerCase(), e.getValue()));
        return byType;
    }

    private void add(ApiChange.Severity severity, String id) {
        out.putIfAbsent(id, new ApiChange(id, severity));
    }

    private record Operation(String method, String path, JsonNode pathItem, JsonNode node) {
        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static Map<String, Operation> operations(JsonNode doc) {
        Map<String, Operation> ops = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (METHODS.contains(m.getKey())) {
                ops.put(m.getKey() + " " + p.getKey().replaceAll("\\{[^}]*}", "{}"),
                        new Operation(m.getKey(), p.getKey(), p.getValue(), m.getValue()));
            }
        }));
        return ops;
    }

    /** The operation's parameters by where they go and name; a path parameter by its position in the path. */
    private static Map<String, JsonNode> parameters(Operation op, JsonNode doc) {
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (JsonNode list : new JsonNode[]{op.pathItem().path("parameters"), op.node().path("parameters")}) {
            for (JsonNode p : list) {
                JsonNode r = resolve(doc, p);
                String in = r.path("in").asText();
                String name = r.path("name").asText();
                if (in.equals("header")) {
                    name = name.toLowerCase();
                }
                if (in.equals("path")) {
                    name = "#" + pathPosition(op.path(), name);
                }
                byKey.put(in + ":" + name, r);
            }
        }
        return byKey;
    }

    private static int pathPosition(String path, String name) {
        String[] segments = path.split("\\{");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].startsWith(name + "}")) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The security requirements an operation takes, each as what it asks for together: a scheme by its kind, with
     * each scope it needs ({@code oauth2:DISTRICT_ADMIN}). A caller that met a released requirement must still meet a
     * current one that asks for nothing more (an API key required beside a role's token is not one role more but a
     * credential more). Empty when it is public; an operation made public breaks nobody.
     */
    private static List<Set<String>> alternatives(JsonNode op, JsonNode doc) {
        JsonNode security = op.has("security") ? op.get("security") : doc.path("security");
        List<Set<String>> out = new ArrayList<>();
        for (JsonNode requirement : security) {
            Set<String> pairs = new TreeSet<>();
            requirement.fields().forEachRemaining(e -> {
                JsonNode scheme = doc.path("components").path("securitySchemes").path(e.getKey());
                String kind = (scheme.path("type").asText() + " " + scheme.path("scheme").asText() + " "
                        + scheme.path("in").asText() + " " + scheme.path("name").asText()).trim().replaceAll("\\s+", " ");
                if (e.getValue().isEmpty()) {
                    pairs.add(kind);
                }
                e.getValue().forEach(scope -> pairs.add(kind + ":" + scope.asText()));
            });
            out.add(pairs);
        }
        return out;
    }

    /**
     * The roles an operation admits ({@code oauth2} scopes) and the schemes without scopes it takes, by their kind
     * ({@code (http bearer)}: renaming a scheme changes no request); empty when it is public.
     */
    private static Set<String> roles(JsonNode op, JsonNode doc) {
        JsonNode security = op.has("security") ? op.get("security") : doc.path("security");
        Set<String> roles = new TreeSet<>();
        for (JsonNode requirement : security) {
            requirement.fields().forEachRemaining(e -> {
                JsonNode scheme = doc.path("components").path("securitySchemes").path(e.getKey());
                if (e.getValue().isEmpty()) {
                    roles.add("(" + (scheme.path("type").asText() + " " + scheme.path("scheme").asText()).trim() + ")");
                }
                e.getValue().forEach(scope -> roles.add(scope.asText()));
            });
        }
        return roles;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode n = node;
        for (int hops = 0; n.has("$ref") && hops < 16; hops++) {
            n = doc.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }
}
