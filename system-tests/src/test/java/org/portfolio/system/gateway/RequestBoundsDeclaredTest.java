package org.portfolio.system.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input says how big it may be (fourteenth pass: OWASP's API ruleset counted 91 request strings, numbers and
 * arrays without {@code maxLength}, {@code maximum} or {@code maxItems}; a generated client cannot check what is not
 * declared, and an outside fuzzer cannot tell a bound from its absence). A string is bounded by {@code maxLength},
 * an enumeration, a constant or a fixed-size format (uuid, date, date-time; an anchored pattern of bounded length gets
 * its {@code maxLength} from platform-web's {@code PatternBounds}); a number by {@code maximum}; an array by
 * {@code maxItems}. The bounds declared are the ones enforced: the bad-input sweep sends each bound of a JSON body's
 * fields and of query and path parameters just past and just at it (If-Match, the token form and the events feed's
 * type list are tested in their services). Read-only properties are not inputs (the services drop them). Read from the committed snapshot,
 * which {@code MergedOpenApiIT} keeps equal to the live document.
 */
class RequestBoundsDeclaredTest {

    private static final String UPLOAD = "a whole upload is bounded in bytes (413 beyond the service's limit), not in "
            + "rows: its rows are streamed and stored as they arrive, a million rows in the memory of ten";

    /** The inputs without a declared bound, and why. */
    static final Map<String, String> UNBOUNDED = Map.ofEntries(
            entry("POST /api/performance/ingest/assessments body application/json", UPLOAD),
            entry("POST /api/performance/ingest/attendance body application/json", UPLOAD),
            entry("POST /api/performance/ingest/school-metrics body application/json", UPLOAD),
            entry("POST /api/performance/ingest/assessments body text/csv", UPLOAD),
            entry("POST /api/performance/ingest/attendance body text/csv", UPLOAD),
            entry("POST /api/performance/ingest/school-metrics body text/csv", UPLOAD),
            entry("POST /api/performance/ingest/assessments/csv body text/csv", UPLOAD),
            entry("POST /api/performance/ingest/attendance/csv body text/csv", UPLOAD),
            entry("POST /api/performance/ingest/school-metrics/csv body text/csv", UPLOAD),
            entry("POST /api/enrollment/periods/{periodId}/application-imports body application/x-ndjson", UPLOAD));

    private static final Set<String> FIXED_SIZE_FORMATS = Set.of("uuid", "date", "date-time");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void everyInputDeclaresItsBound() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Files.readString(OpenApiSnapshot.FILE));
        Map<String, String> unbounded = new TreeMap<>();
        int inputs = 0;
        for (Map.Entry<String, JsonNode> path : iterable(doc.path("paths"))) {
            for (Map.Entry<String, JsonNode> op : iterable(path.getValue())) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                for (JsonNode list : new JsonNode[]{op.getValue().path("parameters"), path.getValue().path("parameters")}) {
                    for (JsonNode p : list) {
                        JsonNode param = resolve(doc, p);
                        inputs++;
                        walk(doc, param.path("schema"), where + " " + param.path("in").asText() + ":" + param.path("name").asText(),
                                new TreeSet<>(), unbounded);
                    }
                }
                JsonNode body = resolve(doc, op.getValue().path("requestBody"));
                for (Map.Entry<String, JsonNode> media : iterable(body.path("content"))) {
                    inputs++;
                    walk(doc, media.getValue().path("schema"), where + " body " + media.getKey(), new TreeSet<>(), unbounded);
                }
            }
        }
        assertThat(inputs).as("parameters and bodies read").isGreaterThan(300);
        assertThat(unbounded.keySet()).as("inputs without a declared bound (declare and enforce one, or list it in "
                + "UNBOUNDED with the reason): " + unbounded).isEqualTo(new TreeSet<>(UNBOUNDED.keySet()));
    }

    /** Redocly's security-defined (fourteenth pass): every operation states its security, a public one []. */
    @Test
    void everyOperationStatesItsSecurity() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Files.readString(OpenApiSnapshot.FILE));
        Set<String> without = new TreeSet<>();
        int open = 0;
        for (Map.Entry<String, JsonNode> path : iterable(doc.path("paths"))) {
            for (Map.Entry<String, JsonNode> op : iterable(path.getValue())) {
                if (METHODS.contains(op.getKey())) {
                    JsonNode security = op.getValue().path("security");
                    if (!security.isArray()) {
                        without.add(op.getKey().toUpperCase() + " " + path.getKey());
                    } else if (security.isEmpty()) {
                        open++;
                    }
                }
            }
        }
        assertThat(without).as("operations without security").isEmpty();
        assertThat(open).as("public operations (security: [])").isBetween(15, 40);
    }

    private static void walk(JsonNode doc, JsonNode s, String where, Set<String> seen, Map<String, String> out) {
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!seen.add(ref)) {
                return;
            }
            where = ref.substring(ref.lastIndexOf('/') + 1);
            s = resolve(doc, s);
        }
        if (s.path("readOnly").asBoolean(false)) {
            return;
        }
        for (String k : new String[]{"allOf", "anyOf", "oneOf"}) {
            for (JsonNode x : s.path(k)) {
                walk(doc, x, where, seen, out);
            }
        }
        Set<String> types = new TreeSet<>();
        if (s.path("type").isArray()) {
            s.path("type").forEach(t -> types.add(t.asText()));
        } else if (s.has("type")) {
            types.add(s.path("type").asText());
        }
        boolean fixed = s.has("enum") || s.has("const");
        if (types.contains("string") && !fixed && !s.has("maxLength") && !FIXED_SIZE_FORMATS.contains(s.path("format").asText())) {
            out.put(where, "string");
        }
        if ((types.contains("integer") || types.contains("number")) && !fixed && !s.has("maximum") && !s.has("exclusiveMaximum")) {
            out.put(where, "number");
        }
        if (types.contains("array")) {
            if (!s.has("maxItems")) {
                out.put(where, "array");
            }
            walk(doc, s.path("items"), where + "[]", seen, out);
        }
        for (Map.Entry<String, JsonNode> p : iterable(s.path("properties"))) {
            walk(doc, p.getValue(), where + "." + p.getKey(), seen, out);
        }
        if (s.path("additionalProperties").isObject()) {
            walk(doc, s.path("additionalProperties"), where + ".*", seen, out);
        }
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        while (node.has("$ref") && node.get("$ref").asText().startsWith("#/")) {
            node = doc.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
