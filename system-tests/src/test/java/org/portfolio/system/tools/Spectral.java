package org.portfolio.system.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code spectral lint} with the ruleset in src/test/resources/spectral/.spectral.yaml ({@code spectral:oas}). */
public final class Spectral {

    /** One finding; severity 0 = error, 1 = warning, 2 = info, 3 = hint. */
    public record Finding(String code, int severity, String path, String message) {
        @Override
        public String toString() {
            return (severity == 0 ? "error" : severity == 1 ? "warning" : "info") + " " + code + " at " + path + ": " + message;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Spectral() {
    }

    public static List<Finding> lint(Path document) throws IOException, InterruptedException {
        NodeTools tools = new NodeTools();
        Path cli = tools.spectral();
        Path ruleset = document.resolveSibling(".spectral.yaml");
        try (InputStream in = Spectral.class.getResourceAsStream("/spectral/.spectral.yaml")) {
            Files.copy(in, ruleset, StandardCopyOption.REPLACE_EXISTING);
        }
        String out = tools.run(document.getParent(), Duration.ofMinutes(3), false, tools.node().toString(), cli.toString(),
                "lint", "--ruleset", ruleset.toString(), "--format", "json", "--fail-severity", "error", document.toString());
        int start = out.indexOf('[');
        if (start < 0) {
            throw new IOException("spectral printed no JSON:\n" + out);
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : JSON.readTree(out.substring(start))) {
            List<String> path = new ArrayList<>();
            f.path("path").forEach(p -> path.add(p.asText()));
            findings.add(new Finding(f.path("code").asText(), f.path("severity").asInt(), String.join(".", path), f.path("message").asText()));
        }
        return findings;
    }
}
