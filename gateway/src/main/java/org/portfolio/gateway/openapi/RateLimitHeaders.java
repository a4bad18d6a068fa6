package org.portfolio.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's rate limit fields ({@code RateLimit-Policy}, {@code RateLimit}; draft-ietf-httpapi-ratelimit-headers-10),
 * declared once under {@code components/headers} and referred to from every 2xx and 4xx answer of the merged document,
 * where the gateway sets them for a client with a token (docs/gateway.md), but the edge's own 401, 414 and 431, written
 * before a request reaches the limiter. Not required: an anonymous caller's answers, and any answer the edge writes
 * before the limiter (a malformed request, an invalid token, a 413 or 403 of the edge), carry none.
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String REMAINING = "RateLimit";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** The edge's answers written before a request reaches the limiter: never with the fields. */
    private static final Set<String> BEFORE_THE_LIMITER = Set.of("GatewayUnauthorized", "GatewayUriTooLong", "GatewayHeadersTooLarge");

    private RateLimitHeaders() {
    }

    static void declare(ObjectNode paths, ObjectNode components) {
        ObjectNode headers = components.has("headers") ? (ObjectNode) components.get("headers") : components.putObject("headers");
        headers.set(POLICY, header("The client's rate limit: `q` requests at once, an empty allowance full again in `w` seconds "
                        + "(sent to a caller with a token, about its own client)",
                "^\"[a-z]+\";q=[0-9]+;w=[0-9]+$", "\"client\";q=200;w=2"));
        headers.set(REMAINING, header("What is left of it: `r` requests now, one more in `t` seconds (0: full)",
                "^\"[a-z]+\";r=[0-9]+;t=[0-9]+$", "\"client\";r=187;t=1"));
        ObjectNode responses = components.path("responses").isObject() ? (ObjectNode) components.get("responses") : null;
        Set<String> sharedAnswers = new LinkedHashSet<>();
        for (JsonNode item : iterable(paths)) {
            for (Map.Entry<String, JsonNode> op : item.properties()) {
                JsonNode answers = op.getValue().path("responses");
                if (!answers.isObject()) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> answer : answers.properties()) {
                    if (!(answer.getKey().startsWith("2") || answer.getKey().startsWith("4")) || !answer.getValue().isObject()) {
                        continue;
                    }
                    String ref = answer.getValue().path("$ref").asText("");
                    if (ref.startsWith("#/components/responses/")) {
                        String name = ref.substring("#/components/responses/".length());
                        if (!BEFORE_THE_LIMITER.contains(name)) {
                            sharedAnswers.add(name);
                        }
                    } else if (ref.isEmpty()) {
                        refer((ObjectNode) answer.getValue());
                    }
                }
            }
        }
        if (responses != null) {
            for (String name : sharedAnswers) {
                if (responses.get(name) instanceof ObjectNode r && !r.has("$ref")) {
                    refer(r);
                }
            }
        }
    }

    private static void refer(ObjectNode answer) {
        ObjectNode headers = answer.has("headers") ? (ObjectNode) answer.get("headers") : answer.putObject("headers");
        headers.putObject(POLICY).put("$ref", "#/components/headers/" + POLICY);
        headers.putObject(REMAINING).put("$ref", "#/components/headers/" + REMAINING);
    }

    private static ObjectNode header(String description, String pattern, String example) {
        ObjectNode h = F.objectNode().put("description", description);
        h.putObject("schema").put("type", "string").put("maxLength", 64).put("pattern", pattern);
        h.put("example", example);
        return h;
    }

    private static Iterable<JsonNode> iterable(ObjectNode paths) {
        return paths::elements;
    }
}
