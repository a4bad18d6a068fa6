package org.portfolio.system.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.portfolio.system.compat.ApiChange.Severity.ADDITION;
import static org.portfolio.system.compat.ApiChange.Severity.BREAKING;
import static org.portfolio.system.compat.SchemaDiff.Direction.RESPONSE;

/**
 * The changes between a released AsyncAPI 3.0 document and the current one that a consumer written against the
 * released one meets (docs/events.md: a published payload changes additively only; a breaking change is a new
 * {@code .v2} published beside the old one). A consumer reads, so every payload, header and record key is compared as
 * an answer is: a field may appear (named when the released schema was closed), none may go or become optional, no
 * type may change, an enum may grow (named), an event's {@code type} or {@code source} may not change. Channels are
 * matched by their address (the topic). Where a change is begins with {@code events:}.
 */
public final class AsyncApiDiff {

    private AsyncApiDiff() {
    }

    public static Map<String, ApiChange> between(JsonNode released, JsonNode current) {
        Map<String, ApiChange> out = new LinkedHashMap<>();
        SchemaDiff schemas = new SchemaDiff(released, current, out);
        Map<String, JsonNode> isChannels = byAddress(current);
        byAddress(released).forEach((address, channel) -> {
            JsonNode is = isChannels.get(address);
            if (is == null) {
                add(out, BREAKING, "channel-removed events: " + address);
                return;
            }
            Set<String> isMessages = messageNames(current, is);
            messageNames(released, channel).stream().filter(m -> !isMessages.contains(m))
                    .forEach(m -> add(out, BREAKING, "channel-message-removed events: " + address + " " + m));
        });
        JsonNode isMessages = current.path("components").path("messages");
        released.path("components").path("messages").fields().forEachRemaining(m -> {
            JsonNode is = isMessages.path(m.getKey());
            String at = "events: " + m.getKey();
            if (is.isMissingNode()) {
                add(out, BREAKING, "message-removed " + at);
                return;
            }
            JsonNode was = m.getValue();
            schemas.compare(at, was.path("payload"), is.path("payload"), RESPONSE);
            schemas.compare(at + " headers", inherited(released, was, "headers"), inherited(current, is, "headers"), RESPONSE);
            schemas.compare(at + " key", key(released, was), key(current, is), RESPONSE);
            String wasType = contentType(released, was);
            String isType = contentType(current, is);
            if (!wasType.equals(isType)) {
                add(out, BREAKING, "message-content-type-changed " + at + " " + wasType + "→" + isType);
            }
        });
        SchemaDiff.names(isMessages).stream().filter(m -> !released.path("components").path("messages").has(m))
                .forEach(m -> add(out, ADDITION, "message-added events: " + m));
        return prefixed(out);
    }

    private static Map<String, JsonNode> byAddress(JsonNode doc) {
        Map<String, JsonNode> out = new TreeMap<>();
        doc.path("channels").fields().forEachRemaining(c -> out.put(c.getValue().path("address").asText(c.getKey()), c.getValue()));
        return out;
    }

    /** A channel's messages by the component they name (their key in the channel may differ). */
    private static Set<String> messageNames(JsonNode doc, JsonNode channel) {
        Set<String> names = new java.util.TreeSet<>();
        channel.path("messages").fields().forEachRemaining(e -> {
            String ref = e.getValue().path("$ref").asText("");
            names.add(ref.isEmpty() ? e.getKey() : ref.substring(ref.lastIndexOf('/') + 1));
        });
        return names;
    }

    /** A message's own field, else the first of its traits' (AsyncAPI: traits are laid under the message). */
    private static JsonNode inherited(JsonNode doc, JsonNode message, String field) {
        if (message.has(field)) {
            return message.get(field);
        }
        for (JsonNode trait : message.path("traits")) {
            JsonNode t = SchemaDiff.resolve(doc, trait);
            if (t.has(field)) {
                return t.get(field);
            }
        }
        return MissingNode.getInstance();
    }

    private static JsonNode key(JsonNode doc, JsonNode message) {
        JsonNode bindings = SchemaDiff.resolve(doc, inherited(doc, message, "bindings"));
        JsonNode key = bindings.path("kafka").path("key");
        return key.isMissingNode() ? JsonNodeFactory.instance.objectNode() : key;
    }

    private static String contentType(JsonNode doc, JsonNode message) {
        JsonNode own = inherited(doc, message, "contentType");
        return own.isMissingNode() ? doc.path("defaultContentType").asText("application/json") : own.asText();
    }

    /** Changes the schema comparison named by a shared component get the events' prefix too. */
    private static Map<String, ApiChange> prefixed(Map<String, ApiChange> changes) {
        Map<String, ApiChange> out = new LinkedHashMap<>();
        changes.values().forEach(c -> {
            String id = prefix(c.id());
            out.put(id, new ApiChange(id, c.severity()));
        });
        return out;
    }

    private static String prefix(String id) {
        int space = id.indexOf(' ');
        return id.startsWith("events: ", space + 1) ? id : id.substring(0, space + 1) + "events: " + id.substring(space + 1);
    }

    private static void add(Map<String, ApiChange> out, ApiChange.Severity severity, String id) {
        out.putIfAbsent(id, new ApiChange(id, severity));
    }
}
