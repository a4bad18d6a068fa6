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

/** {@code @asyncapi/parser} (the AsyncAPI initiative's own parser and validator) on a document, through Node.js. */
public final class AsyncApiParser {

    /** What the parser said; a document that does not parse has at least one error. */
    public record Result(boolean parsed, List<Spectral.Finding> diagnostics) {
        public List<Spectral.Finding> atLeast(int severity) {
            return diagnostics.stream().filter(d -> d.severity() <= severity).toList();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AsyncApiParser() {
    }

    public static Result parse(Path document) throws IOException, InterruptedException {
        NodeTools tools = new NodeTools();
        Path project = tools.asyncApiParser();
        Path script = project.resolve("check.js");
        try (InputStream in = AsyncApiParser.class.getResourceAsStream("/asyncapi-parser/check.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String out = tools.run(project, Duration.ofMinutes(3), true, tools.node().toString(), script.toString(),
                document.toAbsolutePath().toString());
        JsonNode r = JSON.readTree(out.substring(out.indexOf('{')));
        List<Spectral.Finding> diagnostics = new ArrayList<>();
        for (JsonNode d : r.path("diagnostics")) {
            List<String> path = new ArrayList<>();
            d.path("path").forEach(p -> path.add(p.asText()));
            diagnostics.add(new Spectral.Finding(d.path("code").asText(), d.path("severity").asInt(), String.join(".", path),
                    d.path("message").asText()));
        }
        return new Result(r.path("parsed").asBoolean(), diagnostics);
    }
}
