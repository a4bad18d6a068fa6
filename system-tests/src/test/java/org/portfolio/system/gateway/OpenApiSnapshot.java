package org.portfolio.system.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The committed snapshot of the gateway's merged OpenAPI document that the build generates the Java client from
 * (the merged document exists only while the suite runs). Stable: the running stack's own address is replaced by
 * the default one ({@code http://localhost:8080}), the run-time source status is left out, and the JSON is
 * pretty-printed with its keys in a fixed (sorted) order.
 */
public final class OpenApiSnapshot {

    /** Relative to the system-tests module (the working directory of its tests). */
    public static final Path FILE = Path.of("src", "test", "openapi", "portfolio.json");
    public static final String PROPERTY = "portfolio.openapi.snapshot.refresh";
    public static final String REFRESH = "./mvnw -B -pl system-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dit.test=MergedOpenApiIT -D" + PROPERTY + "=true";
    static final String DEFAULT_SERVER = "http://localhost:8080";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_DIFFERENCES = 20;

    private OpenApiSnapshot() {
    }

    public static boolean refreshRequested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** The live document as it is committed: no run-time addresses or status, keys sorted. */
    public static JsonNode normalise(JsonNode live, String gatewayUrl) {
        JsonNode copy = live.deepCopy();
        if (copy instanceof ObjectNode o) {
            o.remove("x-portfolio-sources");
        }
        return sorted(replaceText(copy, stripSlash(gatewayUrl), DEFAULT_SERVER));
    }

    public static JsonNode read() throws IOException {
        return JSON.readTree(FILE.toFile());
    }

    public static void write(JsonNode document) throws IOException {
        Files.createDirectories(FILE.toAbsolutePath().getParent());
        Files.writeString(FILE, JSON.writeValueAsString(document) + "\n");
    }

    /** Where two documents differ, as JSON pointers with both values (at most 20). */
    public static List<String> differences(JsonNode committed, JsonNode live) {
        List<String> out = new ArrayList<>();
        diff("", committed, live, out);
        return out;
    }

    private static void diff(String at, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= MAX_DIFFERENCES || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String p = at + "/" + k.replace("~", "~0").replace("/", "~1");
                if (!a.has(k)) {
                    add(out, p + ": only in the live document");
                } else if (!b.has(k)) {
                    add(out, p + ": only in the snapshot");
                } else {
                    diff(p, a.get(k), b.get(k), out);
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(at + "/" + i, a.get(i), b.get(i), out);
            }
        } else {
            add(out, at + ": snapshot " + abbreviate(a) + ", live " + abbreviate(b));
        }
    }

    private static void add(List<String> out, String difference) {
        if (out.size() < MAX_DIFFERENCES) {
            out.add(difference);
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static JsonNode replaceText(JsonNode n, String from, String to) {
        if (n.isTextual()) {
            return n.asText().contains(from) ? TextNode.valueOf(n.asText().replace(from, to)) : n;
        }
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(replaceText(e.getValue(), from, to));
            }
        } else if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, replaceText(a.get(i), from, to));
            }
        }
        return n;
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            new TreeSet<>(iterable(n.fieldNames())).forEach(k -> out.set(k, sorted(n.get(k))));
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            n.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return n;
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
