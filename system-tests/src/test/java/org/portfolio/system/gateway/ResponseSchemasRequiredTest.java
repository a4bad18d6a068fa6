package org.portfolio.system.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object an answer carries says which of its properties are always there (docs/api-conventions.md: an absent
 * value is left out, so a property not in {@code required} is one a client must expect to miss). 75 response schemas
 * declared nothing required, and a generated client typed every field of them optional (outside review of
 * 2026-12-06, C4). Read from the committed snapshot, which {@code MergedOpenApiIT} keeps equal to the live document.
 */
class ResponseSchemasRequiredTest {

    /** The response schemas with nothing every answer carries, and why. */
    static final Map<String, String> NOTHING_ALWAYS_THERE = Map.of(
            "AccountabilityTerms", "also the request body of a draft, edit, amendment and renewal, where every part may be left out",
            "Integrity", "also the optional integrity settings of a framework request, where every part may be left out",
            "IntegrityEvidence", "the figures depend on the flag's kind, and a figure that could not be computed is left out",
            "Values", "an assessment's and an attendance record's values have no field in common, and either may miss any",
            "Eligibility", "a manual EARNED grant has an empty eligibility");

    @Test
    void everyObjectAnAnswerCarriesDeclaresWhatIsAlwaysThere() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Files.readString(OpenApiSnapshot.FILE));
        JsonNode schemas = doc.path("components").path("schemas");
        Set<String> reachable = new TreeSet<>();
        doc.path("paths").forEach(item -> item.forEach(op -> op.path("responses").fields().forEachRemaining(r -> {
            if (r.getKey().startsWith("2")) {
                collect(r.getValue(), schemas, doc, reachable);
            }
        })));
        assertThat(reachable).as("response schemas found").hasSizeGreaterThan(100);
        Set<String> without = new TreeSet<>();
        for (String name : reachable) {
            JsonNode s = schemas.path(name);
            if (s.has("properties") && s.path("properties").size() > 0 && s.path("required").size() == 0) {
                without.add(name);
            }
        }
        assertThat(without).as("response schemas that declare nothing required (list a new one in NOTHING_ALWAYS_THERE "
                + "with the reason, or declare what every answer carries)").isEqualTo(new TreeSet<>(NOTHING_ALWAYS_THERE.keySet()));
    }

    private static void collect(JsonNode node, JsonNode schemas, JsonNode doc, Set<String> out) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String r = ref.asText();
                if (r.startsWith("#/components/schemas/")) {
                    String name = r.substring("#/components/schemas/".length());
                    if (out.add(name)) {
                        collect(schemas.path(name), schemas, doc, out);
                    }
                } else if (r.startsWith("#/components/responses/")) {
                    collect(doc.path("components").path("responses").path(r.substring("#/components/responses/".length())),
                            schemas, doc, out);
                }
            }
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("$ref")) {
                    collect(e.getValue(), schemas, doc, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, schemas, doc, out));
        }
    }
}
