package org.portfolio.system.compat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.portfolio.system.compat.ApiChange.Severity.ADDITION;
import static org.portfolio.system.compat.ApiChange.Severity.BREAKING;
import static org.portfolio.system.compat.SchemaDiff.Direction.RESPONSE;

/**
 * The changes between a released AsyncAPI 3.0 document and the current one that a consumer written against the
 * released one meets (docs/events.md: a published payload changes additively only; a breaking change is a new
 * {@code .v2} published beside the old one). A consumer reads, so every payload and header is compared as a
 * response is: a field may appear, none may go or become optional, no type may change, an enum may grow (named in
 * the changelog). Where a change is begins with {@code events:}.
 */
public final class AsyncApiDiff {

    private AsyncApiDiff() {
    }

    public static Map<String, ApiChange> between(JsonNode released, JsonNode current) {
        Map<String, ApiChange> out = new LinkedHashMap<>();
        SchemaDiff schemas = new SchemaDiff(released, current, out);
        JsonNode isChannels = current.path("channels");
        released.path("channels").fields().forEachRemaining(c -> {
            String channel = c.getValue().path("address").asText(c.getKey());
            JsonNode is = isChannels.path(c.getKey());
            if (is.isMissingNode()) {
                add(out, BREAKING, "channel-removed events: " + channel);
                return;
            }
            if (!is.path("address").asText(c.getKey()).equals(channel)) {
                add(out, BREAKING, "channel-address-changed events: " + channel + "→" + is.path("address").asText());
            }
            SchemaDiff.names(c.getValue().path("messages")).stream().filter(m -> !is.path("messages").has(m))
                    .forEach(m -> add(out, BREAKING, "channel-message-removed events: " + channel + " " + m));
        });
        JsonNode isMessages = current.path("components").path("messages");
        released.path("components").path("messages").fields().forEachRemaining(m -> {
            JsonNode is = isMessages.path(m.getKey());
            if (is.isMissingNode()) {
                add(out, BREAKING, "message-removed events: " + m.getKey());
                return;
            }
            schemas.compare("events: " + m.getKey(), m.getValue().path("payload"), is.path("payload"), RESPONSE);
        });
        SchemaDiff.names(isMessages).stream().filter(m -> !released.path("components").path("messages").has(m))
                .forEach(m -> add(out, ADDITION, "message-added events: " + m));
        return prefixed(out);
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
