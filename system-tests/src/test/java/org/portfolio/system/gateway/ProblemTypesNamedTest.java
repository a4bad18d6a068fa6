package org.portfolio.system.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem type a service defines for itself ({@code ProblemType.custom("…")}: a 409 {@code too-many-match-runs}, a
 * 403 {@code event-type-not-readable}) is named somewhere in the published document, so that an integrator reading it
 * knows the {@code type} it may get and what it means. Six were named nowhere: a client met them first in production
 * (hostile review of the twenty-fifth pass, E4). The generic types (validation, not-found, …) are described once for
 * every operation by platform-web's {@code ProblemResponses}. Read from the committed snapshot, which
 * {@code MergedOpenApiIT} keeps equal to the live document, and the services' sources.
 */
class ProblemTypesNamedTest {

    private static final Pattern CUSTOM = Pattern.compile("ProblemType\\.custom\\(\\s*\"([a-z0-9-]+)\"");

    @Test
    void everyProblemTypeAServiceDefinesIsNamedInThePublishedDocument() throws IOException {
        Set<String> defined = new TreeSet<>();
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = CUSTOM.matcher(Files.readString(f));
                        while (m.find()) {
                            defined.add(m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(defined).as("problem types found in the services' sources").hasSizeGreaterThan(30);
        // the descriptions only: a type's name in an enum, an example or a schema says nothing of when it is answered
        StringBuilder descriptions = new StringBuilder();
        collectDescriptions(new com.fasterxml.jackson.databind.ObjectMapper().readTree(OpenApiSnapshot.FILE.toFile()), descriptions);
        String doc = descriptions.toString();
        Set<String> unnamed = new TreeSet<>();
        for (String type : defined) {
            if (!Pattern.compile("(?<![a-z0-9-])" + Pattern.quote(type) + "(?![a-z0-9-])").matcher(doc).find()) {
                unnamed.add(type);
            }
        }
        assertThat(unnamed).as("problem types no description of the published document names: name each in the "
                + "description of the answers (or the operations) that give it").isEmpty();
    }

    private static void collectDescriptions(com.fasterxml.jackson.databind.JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("description") && e.getValue().isTextual()) {
                    out.append(e.getValue().asText()).append('\n');
                } else {
                    collectDescriptions(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectDescriptions(n, out));
        }
    }
}
